import { describe, expect, it } from 'vitest';
import type { JSONSchema } from './json-schema.js';
import { createSchemaCompiler } from './schema-compiler.js';

const issueSchema: JSONSchema = {
  type: 'object',
  required: ['title', 'state'],
  properties: {
    title: { type: 'string', minLength: 1 },
    state: { enum: ['open', 'closed'] },
    labels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, color: { type: 'string', pattern: '^[0-9a-f]{6}$' } },
        additionalProperties: false,
      },
    },
    assignee: {
      type: 'object',
      required: ['login'],
      properties: { login: { type: 'string' } },
    },
  },
  additionalProperties: false,
};

describe('createSchemaCompiler', () => {
  it('returns null for a valid value', () => {
    const validate = createSchemaCompiler().compile(issueSchema);
    expect(
      validate({ title: 'Bug', state: 'open', labels: [{ name: 'bug', color: 'ff0000' }], assignee: { login: 'ada' } }),
    ).toBeNull();
  });

  it('reports every error, not just the first, each with its JSON pointer', () => {
    const validate = createSchemaCompiler().compile(issueSchema);
    const issues = validate({ title: '', state: 'merged', labels: [{ name: 1 }, { name: 'ok', color: 'red' }] });

    expect(issues).toHaveLength(4);
    expect(issues).toEqual(
      expect.arrayContaining([
        { pointer: '/title', keyword: 'minLength', message: 'must NOT have fewer than 1 characters' },
        { pointer: '/state', keyword: 'enum', message: 'must be one of "open", "closed"' },
        { pointer: '/labels/0/name', keyword: 'type', message: 'must be string' },
        { pointer: '/labels/1/color', keyword: 'pattern', message: 'must match pattern "^[0-9a-f]{6}$"' },
      ]),
    );
  });

  it('points a nested type error at the array item property', () => {
    const validate = createSchemaCompiler().compile({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
    });
    expect(validate({ items: [{ name: 42 }] })).toEqual([{ pointer: '/items/0/name', keyword: 'type', message: 'must be string' }]);
  });

  it('points a required error at the missing property, not its parent', () => {
    const validate = createSchemaCompiler().compile(issueSchema);
    expect(validate({ title: 'Bug', state: 'open', assignee: {} })).toEqual([
      { pointer: '/assignee/login', keyword: 'required', message: 'is required' },
    ]);
    expect(validate({ state: 'open' })).toEqual([{ pointer: '/title', keyword: 'required', message: 'is required' }]);
  });

  it('points an additionalProperties error at the extra property', () => {
    const validate = createSchemaCompiler().compile(issueSchema);
    expect(validate({ title: 'Bug', state: 'open', milestone: 3, labels: [{ name: 'bug', extra: true }] })).toEqual(
      expect.arrayContaining([
        { pointer: '/milestone', keyword: 'additionalProperties', message: 'is not an allowed property' },
        { pointer: '/labels/0/extra', keyword: 'additionalProperties', message: 'is not an allowed property' },
      ]),
    );
  });

  it('lists the allowed values in an enum message, JSON-encoded', () => {
    const validate = createSchemaCompiler().compile({ enum: ['a', 1, null, true] });
    expect(validate('b')).toEqual([{ pointer: '', keyword: 'enum', message: 'must be one of "a", 1, null, true' }]);
  });

  it('uses the empty pointer for an error on the value itself', () => {
    const validate = createSchemaCompiler().compile({ type: 'object' });
    expect(validate([])).toEqual([{ pointer: '', keyword: 'type', message: 'must be object' }]);
  });

  describe('formats', () => {
    const validate = createSchemaCompiler().compile({
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        at: { type: 'string', format: 'date-time' },
        url: { type: 'string', format: 'uri' },
      },
    });

    it('accepts well-formed email, date-time and uri values', () => {
      expect(validate({ email: 'ada@example.com', at: '2024-05-01T12:30:00Z', url: 'https://example.com/a?b=c' })).toBeNull();
      expect(validate({ at: '2024-05-01T12:30:00.123+02:00', url: 'urn:isbn:0451450523' })).toBeNull();
    });

    it('rejects malformed email, date-time and uri values', () => {
      expect(validate({ email: 'not-an-email', at: '2024-05-01', url: 'no scheme here' })).toEqual([
        { pointer: '/email', keyword: 'format', message: 'must match format "email"' },
        { pointer: '/at', keyword: 'format', message: 'must match format "date-time"' },
        { pointer: '/url', keyword: 'format', message: 'must match format "uri"' },
      ]);
      expect(validate({ at: '2024-13-45T99:00:00Z' })).toEqual([
        { pointer: '/at', keyword: 'format', message: 'must match format "date-time"' },
      ]);
    });
  });

  it('throws when the schema uses an unknown type', () => {
    const compiler = createSchemaCompiler();
    expect(() => compiler.compile({ type: 'object', properties: { a: { type: 'nope' as never } } })).toThrow(/schema is invalid/);
  });

  it('throws when the schema has an unresolvable $ref', () => {
    const compiler = createSchemaCompiler();
    expect(() => compiler.compile({ $ref: '#/missing' })).toThrow(/can't resolve reference #\/missing/);
  });

  it('resolves local $refs into $defs', () => {
    const validate = createSchemaCompiler().compile({
      $defs: { login: { type: 'string', minLength: 1 } },
      type: 'object',
      properties: { owner: { $ref: '#/$defs/login' } },
    });
    expect(validate({ owner: 'ada' })).toBeNull();
    expect(validate({ owner: '' })).toEqual([
      { pointer: '/owner', keyword: 'minLength', message: 'must NOT have fewer than 1 characters' },
    ]);
  });

  it('ignores keywords it does not know, such as vendor extensions', () => {
    const schema = { type: 'object', 'x-vendor': { a: 1 }, example: { a: 1 }, properties: { a: { type: 'string' } } };
    const validate = createSchemaCompiler().compile(schema as JSONSchema);
    expect(validate({ a: 'x' })).toBeNull();
    expect(validate({ a: 1 })).toEqual([{ pointer: '/a', keyword: 'type', message: 'must be string' }]);
  });

  it('keeps no errors from one call in the next', () => {
    const validate = createSchemaCompiler().compile(issueSchema);
    expect(validate({})).not.toBeNull();
    expect(validate({ title: 'Bug', state: 'closed' })).toBeNull();
  });

  describe('pointer escaping', () => {
    it('escapes "/" as ~1 and "~" as ~0 in type errors', () => {
      const validate = createSchemaCompiler().compile({
        type: 'object',
        properties: { 'a/b': { type: 'number' }, 'c~d': { type: 'number' }, '~1': { type: 'number' } },
      });
      expect(validate({ 'a/b': 'x', 'c~d': 'x', '~1': 'x' })).toEqual([
        { pointer: '/a~1b', keyword: 'type', message: 'must be number' },
        { pointer: '/c~0d', keyword: 'type', message: 'must be number' },
        { pointer: '/~01', keyword: 'type', message: 'must be number' },
      ]);
    });

    it('escapes the missing property of a required error', () => {
      const validate = createSchemaCompiler().compile({ type: 'object', required: ['x/y', 'p~q'] });
      expect(validate({})).toEqual([
        { pointer: '/x~1y', keyword: 'required', message: 'is required' },
        { pointer: '/p~0q', keyword: 'required', message: 'is required' },
      ]);
    });

    it('escapes the extra property of an additionalProperties error, under an escaped parent', () => {
      const validate = createSchemaCompiler().compile({
        type: 'object',
        properties: { 'a/b': { type: 'object', additionalProperties: false } },
      });
      expect(validate({ 'a/b': { 'q/~r': 1 } })).toEqual([
        { pointer: '/a~1b/q~1~0r', keyword: 'additionalProperties', message: 'is not an allowed property' },
      ]);
    });
  });

  it('lists the first 100 issues and counts the rest, whatever the size of the input', () => {
    const validate = createSchemaCompiler().compile({ type: 'array', items: { type: 'string' } });
    const issues = validate(Array.from({ length: 200_000 }, (_, index) => index))!;
    expect(issues).toHaveLength(101);
    expect(issues[0]).toEqual({ pointer: '/0', keyword: 'type', message: 'must be string' });
    expect(issues[99]!.pointer).toBe('/99');
    expect(issues[100]).toEqual({ pointer: '', keyword: 'truncated', message: 'and 199900 more issues not listed' });
    expect(JSON.stringify(issues).length).toBeLessThan(10_000);
    expect(validate(Array.from({ length: 100 }, (_, index) => index))).toHaveLength(100);
  });
});
