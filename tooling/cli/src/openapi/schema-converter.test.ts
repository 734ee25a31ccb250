import { createSchemaCompiler } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { SchemaConverter } from './schema-converter.js';

describe('SchemaConverter', () => {
  it('turns OpenAPI 3.0 keywords into JSON Schema 2020-12 and drops OpenAPI-only ones', () => {
    const converter = new SchemaConverter({}, 'openapi-3.0');
    const references = new Set<string>();
    const schema = converter.convert(
      {
        type: 'object',
        discriminator: { propertyName: 'kind' },
        xml: { name: 'pet' },
        example: { kind: 'cat' },
        'x-internal': true,
        required: [],
        properties: {
          kind: { type: 'string', enum: ['cat', 'dog'], nullable: true },
          age: { type: 'integer', minimum: 0, exclusiveMinimum: true, format: 'int32' },
          tag: { type: 'string', format: 'not-a-known-format', pattern: '(?<=lookbehind' },
          owner: { allOf: [{ type: 'string' }], nullable: true, description: 'Owner' },
        },
      },
      references,
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        kind: { type: ['string', 'null'], enum: ['cat', 'dog', null] },
        age: { type: 'integer', exclusiveMinimum: 0, format: 'int32' },
        tag: { type: 'string' },
        owner: { anyOf: [{ allOf: [{ type: 'string' }] }, { type: 'null' }], description: 'Owner' },
      },
    });
    expect(references.size).toBe(0);
    const validate = createSchemaCompiler().compile(schema);
    expect(validate({ kind: null, age: 1 })).toBeNull();
    expect(validate({ age: 0 })?.map((issue) => issue.pointer)).toEqual(['/age']);
  });

  it('writes named components once as $defs and keeps circular ones finite', () => {
    const node: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    const converter = new SchemaConverter({ 'Tree Node': node }, 'openapi-3.0');
    const references = new Set<string>();
    const schema = converter.convert({ type: 'object', properties: { root: node, also: node } }, references);
    expect(schema).toEqual({ type: 'object', properties: { root: { $ref: '#/$defs/Tree_Node' }, also: { $ref: '#/$defs/Tree_Node' } } });
    expect(converter.definitions.Tree_Node).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Tree_Node' } } },
    });
    expect(converter.closure(references)).toEqual(['Tree_Node']);
    const validate = createSchemaCompiler().compile({ ...schema, $defs: converter.definitions });
    expect(validate({ root: { name: 'a', children: [{ name: 'b', children: [] }] } })).toBeNull();
    expect(validate({ root: { children: [{ name: 3 }] } })?.map((issue) => issue.pointer)).toEqual(['/root/children/0/name']);
  });

  it('cuts a cycle through unnamed schemas open instead of recursing forever', () => {
    const loop: Record<string, unknown> = { type: 'object', properties: {} };
    (loop.properties as Record<string, unknown>).self = loop;
    const schema = new SchemaConverter({}, 'openapi-3.1').convert(loop, new Set());
    expect(schema).toEqual({ type: 'object', properties: { self: {} } });
  });

  it('reads Swagger 2 file types and x-nullable', () => {
    const converter = new SchemaConverter({}, 'swagger-2');
    expect(converter.convert({ type: 'file' }, new Set())).toEqual({ type: 'string', format: 'binary' });
    expect(converter.convert({ type: 'string', 'x-nullable': true }, new Set())).toEqual({ type: ['string', 'null'] });
  });
});
