import type { JSONSchema } from '@patchbay/contract';

const MAX_DEPTH = 8;

/**
 * A small value that satisfies `schema`, for the generated test and README example (an input, or
 * the response the stand-in answers): required properties only, the first enum value, a value of
 * the declared format, the parts of an `allOf` merged. `undefined` when no value can be made up
 * safely (a `pattern` none of a few plain candidates matches, say), so the caller picks another operation.
 */
export function sampleValue(schema: JSONSchema, definitions: Record<string, JSONSchema>, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (schema.$ref !== undefined) {
    const target = definitions[decodeURIComponent(schema.$ref.replace('#/$defs/', ''))];
    return target ? sampleValue(target, definitions, depth + 1) : undefined;
  }
  if (schema.const !== undefined) return schema.const;
  // GitHub gives `default: ''` to some formatted strings (a uri), which the format then refuses.
  if (schema.default !== undefined && !(schema.format !== undefined && schema.default === '')) return schema.default;
  if (schema.enum !== undefined) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  for (const branches of [schema.anyOf, schema.oneOf]) {
    if (!branches) continue;
    for (const branch of branches) {
      const value = sampleValue(branch, definitions, depth + 1);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (schema.allOf) return sampleAllOf(schema, schema.allOf, definitions, depth);
  if (schema.not || schema.if) return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    case 'array':
      if ((schema.minItems ?? 0) === 0) return [];
      return typeof schema.items === 'object' ? sampleArray(schema.items, schema.minItems!, definitions, depth) : undefined;
    case 'object':
    case undefined:
      return sampleObject(schema, definitions, depth);
    default:
      return undefined;
  }
}

/** The objects sampled from each part and from the schema's own keywords, merged; the caller checks the result. */
function sampleAllOf(schema: JSONSchema, parts: JSONSchema[], definitions: Record<string, JSONSchema>, depth: number): unknown {
  const { allOf: _parts, ...own } = schema;
  const samples = [...parts, own].map((part) => sampleValue(part, definitions, depth + 1));
  const objects = samples.filter((sample): sample is Record<string, unknown> => typeof sample === 'object' && sample !== null && !Array.isArray(sample));
  return objects.length === samples.length ? Object.assign({}, ...objects) : undefined;
}

function sampleObject(schema: JSONSchema, definitions: Record<string, JSONSchema>, depth: number): unknown {
  const result: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const property = schema.properties?.[name];
    if (property === undefined) return undefined;
    const value = sampleValue(property, definitions, depth + 1);
    if (value === undefined) return undefined;
    result[name] = value;
  }
  return result;
}

function sampleArray(items: JSONSchema, count: number, definitions: Record<string, JSONSchema>, depth: number): unknown {
  const item = sampleValue(items, definitions, depth + 1);
  return item === undefined ? undefined : Array.from({ length: count }, () => item);
}

function sampleString(schema: JSONSchema): string | undefined {
  if (schema.pattern !== undefined) return samplePatterned(schema, schema.pattern);
  const byFormat: Record<string, string> = {
    'date-time': '2024-01-01T00:00:00Z',
    date: '2024-01-01',
    time: '00:00:00Z',
    email: 'someone@example.com',
    uri: 'https://example.com/',
    url: 'https://example.com/',
    uuid: '00000000-0000-4000-8000-000000000000',
    hostname: 'example.com',
    ipv4: '127.0.0.1',
  };
  const value = (schema.format && byFormat[schema.format]) || 'sample';
  if (schema.minLength !== undefined && value.length < schema.minLength) return value.padEnd(schema.minLength, 'x');
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return schema.format ? undefined : value.slice(0, schema.maxLength) || undefined;
  return value;
}

function sampleNumber(schema: JSONSchema): number | undefined {
  let value = 1;
  if (schema.minimum !== undefined) value = Math.max(value, schema.minimum);
  if (schema.exclusiveMinimum !== undefined) value = Math.max(value, Math.floor(schema.exclusiveMinimum) + 1);
  if (schema.maximum !== undefined && value > schema.maximum) value = schema.maximum;
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return undefined;
  if (schema.multipleOf !== undefined) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return value;
}

/** A plain word, a run of letters or a run of hex digits (a commit SHA), when one fits the pattern and bounds. */
function samplePatterned(schema: JSONSchema, pattern: string): string | undefined {
  let expression: RegExp;
  try {
    expression = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const { pattern: _pattern, ...unpatterned } = schema;
  const plain = sampleString(unpatterned);
  const length = Math.max(schema.minLength ?? 1, 1);
  const candidates = [plain, 'a'.repeat(length), '0'.repeat(Math.max(length, 40))];
  return candidates.find((value) => value !== undefined && value.length >= length && (schema.maxLength === undefined || value.length <= schema.maxLength) && expression.test(value));
}
