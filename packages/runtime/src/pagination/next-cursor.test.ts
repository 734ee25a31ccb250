import type { JSONSchema, OperationDefinition } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { nextPosition } from './next-cursor.js';

function list(style: 'page' | 'offset', limitDefault?: number): OperationDefinition {
  const limit: JSONSchema = limitDefault === undefined ? { type: 'integer' } : { type: 'integer', default: limitDefault };
  return {
    kind: 'action',
    displayName: 'List',
    inputSchema: { type: 'object', properties: { [style]: { type: 'integer' } as JSONSchema, per_page: limit } },
    pagination: { style, cursorParam: style, limitParam: 'per_page', itemsPath: 'items' },
  };
}

describe('nextPosition', () => {
  it('asks for the next page number while pages are full, counting from 1 when the input names none', () => {
    expect(nextPosition(list('page'), { per_page: 2 }, { items: [1, 2] })).toBe('2');
    expect(nextPosition(list('page'), { per_page: 2, page: 4 }, { items: [1, 2] })).toBe('5');
    expect(nextPosition(list('page'), { per_page: 2, page: 4 }, { items: [1] })).toBeUndefined();
  });

  it("uses the limit's schema default when the input sets none", () => {
    expect(nextPosition(list('page', 3), {}, { items: [1, 2, 3] })).toBe('2');
    expect(nextPosition(list('page', 3), {}, { items: [1, 2] })).toBeUndefined();
    expect(nextPosition(list('offset', 3), { offset: 3 }, { items: [1, 2, 3] })).toBe('6');
  });

  it('without a known limit, goes on after any non-empty page and stops at an empty one', () => {
    expect(nextPosition(list('offset'), {}, { items: [1] })).toBe('1');
    expect(nextPosition(list('offset'), { offset: 1 }, { items: [] })).toBeUndefined();
    expect(nextPosition(list('page'), { page: 2 }, { items: [] })).toBeUndefined();
  });

  it('leaves lists without a limit parameter, and other styles, to their declared cursor', () => {
    const noLimit: OperationDefinition = { ...list('page'), pagination: { style: 'page', cursorParam: 'page' } };
    expect(nextPosition(noLimit, {}, { items: [1] })).toBeUndefined();
    const cursor: OperationDefinition = { ...list('page'), pagination: { style: 'cursor', cursorParam: 'page', limitParam: 'per_page' } };
    expect(nextPosition(cursor, {}, { items: [1] })).toBeUndefined();
  });
});
