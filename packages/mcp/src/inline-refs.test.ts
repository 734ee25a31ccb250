import { describe, expect, it } from 'vitest';
import type { JSONSchema } from '@patchbay/contract';
import { inlineLocalRefs } from './inline-refs.js';

describe('inlineLocalRefs', () => {
  it('replaces local references with their targets and drops the definitions', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { owner: { $ref: '#/$defs/login' }, assignees: { type: 'array', items: { $ref: '#/definitions/login' } } },
      $defs: { login: { type: 'string', minLength: 1 } },
      definitions: { login: { type: 'string', minLength: 1 } },
    } as JSONSchema;
    expect(inlineLocalRefs(schema)).toEqual({
      type: 'object',
      properties: { owner: { type: 'string', minLength: 1 }, assignees: { type: 'array', items: { type: 'string', minLength: 1 } } },
    });
  });

  it('keeps keywords written beside a reference', () => {
    const schema = { type: 'object', properties: { id: { $ref: '#/$defs/id', description: 'The issue id' } }, $defs: { id: { type: 'integer' } } } as JSONSchema;
    expect(inlineLocalRefs(schema)).toEqual({ type: 'object', properties: { id: { allOf: [{ type: 'integer' }], description: 'The issue id' } } });
  });

  it('opens a cycle instead of expanding it forever', () => {
    const schema = {
      type: 'object',
      properties: { tree: { $ref: '#/$defs/node' } },
      $defs: { node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
    } as JSONSchema;
    expect(inlineLocalRefs(schema)).toEqual({
      type: 'object',
      properties: { tree: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: {} } } } },
    });
  });

  it('opens references it cannot resolve', () => {
    const schema = { type: 'object', properties: { a: { $ref: 'https://example.com/schema.json' }, b: { $ref: '#/$defs/missing' } } } as JSONSchema;
    expect(inlineLocalRefs(schema)).toEqual({ type: 'object', properties: { a: {}, b: {} } });
  });
});
