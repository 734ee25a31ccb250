import type { JSONSchema } from '@patchbay/contract';
import fc from 'fast-check';

/**
 * Values shaped by a JSON Schema: mostly valid, sometimes not (keywords it does not model, such as
 * `uniqueItems` or `$ref`, are left to chance). Tests classify each value with the real validator.
 */
export function arbitraryFromSchema(schema: JSONSchema | boolean | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) return fc.constant(null);
  const node = schema as JSONSchema & Record<string, unknown>;
  if ('const' in node) return fc.constant(node.const);
  if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = node[keyword] as JSONSchema[] | undefined;
    if (!Array.isArray(branches) || branches.length === 0) continue;
    // Branches often only add `required` to the properties beside them: merge each into the rest.
    const { [keyword]: _branches, ...rest } = node;
    return fc.oneof(...branches.map((branch) => arbitraryFromSchema(mergeSchemas(rest, branch), depth + 1)));
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0 && node.type === undefined) return arbitraryFromSchema(node.allOf[0] as JSONSchema, depth + 1);
  const types = Array.isArray(node.type) ? (node.type as string[]) : node.type ? [node.type as string] : inferTypes(node);
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFromSchema({ ...node, type } as JSONSchema, depth)));
  switch (types[0]) {
    case 'object':
      return objectArbitrary(node, depth);
    case 'array': {
      const items = arbitraryFromSchema(node.items as JSONSchema | undefined, depth + 1);
      const minLength = typeof node.minItems === 'number' ? node.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof node.maxItems === 'number' ? node.maxItems : 3, 3));
      return fc.array(items, { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(node);
    case 'integer':
      return fc.integer({ min: numberOr(node.minimum, -1_000_000), max: numberOr(node.maximum, 1_000_000) });
    case 'number':
      return fc.double({ min: numberOr(node.minimum, -1e6), max: numberOr(node.maximum, 1e6), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function mergeSchemas(base: Record<string, unknown>, branch: JSONSchema | boolean): JSONSchema | boolean {
  if (typeof branch === 'boolean') return branch;
  const extra = branch as Record<string, unknown>;
  return {
    ...base,
    ...extra,
    properties: { ...(base.properties as object | undefined), ...(extra.properties as object | undefined) },
    required: [...((base.required as string[] | undefined) ?? []), ...((extra.required as string[] | undefined) ?? [])],
  } as JSONSchema;
}

function inferTypes(node: Record<string, unknown>): string[] {
  if (node.properties !== undefined || node.required !== undefined) return ['object'];
  if (node.items !== undefined) return ['array'];
  return [];
}

function objectArbitrary(node: Record<string, unknown>, depth: number): fc.Arbitrary<unknown> {
  const properties = (node.properties ?? {}) as Record<string, JSONSchema>;
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  if (depth > 4) return fc.constant(Object.fromEntries([...required].map((key) => [key, null])));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) model[key] = arbitraryFromSchema(property, depth + 1);
  for (const key of required) model[key] ??= fc.jsonValue({ maxDepth: 1 });
  return fc.record(model, { requiredKeys: [...required].filter((key) => key in model) });
}

function stringArbitrary(node: Record<string, unknown>): fc.Arbitrary<string> {
  const minLength = typeof node.minLength === 'number' ? node.minLength : 0;
  const maxLength = Math.max(minLength, typeof node.maxLength === 'number' ? Math.min(node.maxLength, 40) : 20);
  if (typeof node.pattern === 'string') {
    try {
      const matching = fc.stringMatching(new RegExp(node.pattern));
      // Only declared bounds filter: a default cap could reject every match of a long pattern.
      if (node.minLength === undefined && node.maxLength === undefined) return matching;
      return fc.oneof(matching.filter((value) => value.length >= minLength && value.length <= maxLength), fc.string({ minLength, maxLength }));
    } catch {
      // A pattern JavaScript cannot compile falls through to plain strings.
    }
  }
  switch (node.format) {
    case 'date-time':
      return fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((date) => date.toISOString());
    case 'date':
      return fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'uuid':
      return fc.uuid();
    default:
      return fc.string({ minLength, maxLength });
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
