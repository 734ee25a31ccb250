import { describe, expect, it } from 'vitest';
import { buildModuleInputSchema, operationsCoveredBy } from './module-input-schema.js';
import type { OperationMap } from './operation.js';
import { createSchemaCompiler } from './schema-compiler.js';

const operations: OperationMap = {
  'issues.create': {
    kind: 'action',
    displayName: 'Create issue',
    inputSchema: {
      type: 'object',
      required: ['title'],
      properties: { title: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
  },
  'issues.get': {
    kind: 'action',
    displayName: 'Get issue',
    inputSchema: { type: 'object', required: ['number'], properties: { number: { type: 'integer', minimum: 1 } } },
  },
};

describe('buildModuleInputSchema', () => {
  const validate = createSchemaCompiler().compile(buildModuleInputSchema(operations));

  it('accepts an operation paired with an input its schema accepts', () => {
    expect(validate({ operation: 'issues.create', input: { title: 'Bug' } })).toBeNull();
    expect(validate({ operation: 'issues.get', input: { number: 7 } })).toBeNull();
  });

  it('rejects an unknown operation at /operation, listing the known ones', () => {
    expect(validate({ operation: 'issues.delete', input: {} })).toContainEqual({
      pointer: '/operation',
      keyword: 'enum',
      message: 'must be one of "issues.create", "issues.get"',
    });
  });

  it('rejects an input failing the named operation schema, pointing into /input', () => {
    const issues = validate({ operation: 'issues.create', input: { title: 1 } });
    expect(issues).toContainEqual({ pointer: '/input/title', keyword: 'type', message: 'must be string' });
    expect(issues?.filter((issue) => issue.pointer.startsWith('/input/'))).toEqual([
      { pointer: '/input/title', keyword: 'type', message: 'must be string' },
    ]);
  });

  it('keeps local $refs of an operation schema pointing into that schema', () => {
    const withDefinitions: OperationMap = {
      'tags.add': {
        kind: 'action',
        displayName: 'Add tag',
        inputSchema: {
          type: 'object',
          required: ['tag'],
          properties: { tag: { $ref: '#/$defs/tag' } },
          $defs: { tag: { type: 'string', pattern: '^[a-z]+$' } },
        },
      },
    };
    const check = createSchemaCompiler().compile(buildModuleInputSchema(withDefinitions, 'tags'));
    expect(check({ operation: 'tags.add', input: { tag: 'ok' } })).toBeNull();
    expect(check({ operation: 'tags.add', input: { tag: 'NO' } })).toContainEqual(
      expect.objectContaining({ pointer: '/input/tag', keyword: 'pattern' }),
    );
  });

  it('rejects an input that fits another operation but not the named one', () => {
    expect(validate({ operation: 'issues.get', input: { number: 7 } })).toBeNull();
    const issues = validate({ operation: 'issues.create', input: { number: 7 } });
    expect(issues).toEqual(
      expect.arrayContaining([
        { pointer: '/input/title', keyword: 'required', message: 'is required' },
        { pointer: '/input/number', keyword: 'additionalProperties', message: 'is not an allowed property' },
      ]),
    );
  });

  it('requires both operation and input', () => {
    expect(validate({ input: { title: 'Bug' } })).toContainEqual({ pointer: '/operation', keyword: 'required', message: 'is required' });
    expect(validate({ operation: 'issues.get' })).toContainEqual({ pointer: '/input', keyword: 'required', message: 'is required' });
  });

  it('is covered by its own operations', () => {
    expect([...operationsCoveredBy(buildModuleInputSchema(operations))].sort()).toEqual(['issues.create', 'issues.get']);
  });
});
