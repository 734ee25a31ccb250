import type { JSONSchema } from '@patchbay/contract';

/** The schema dialect of the document a schema comes from. */
export type OpenApiDialect = 'swagger-2' | 'openapi-3.0' | 'openapi-3.1';

// Formats the contract's compiler (ajv-formats) knows; others would only produce warnings there.
const KNOWN_FORMATS = new Set([
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template',
  'url', 'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment',
  'relative-json-pointer', 'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary',
]);

const COPIED_KEYWORDS = new Set([
  'title', 'description', 'type', 'enum', 'const', 'default', 'examples', 'multipleOf', 'maximum', 'minimum',
  'maxLength', 'minLength', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'readOnly',
  'writeOnly', 'deprecated', 'contentMediaType', 'contentEncoding', '$comment',
]);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
const SCHEMA_KEYWORDS = new Set([
  'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties',
  'unevaluatedItems', 'additionalItems',
]);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * Turns dereferenced OpenAPI schema objects into JSON Schema 2020-12 the contract checker compiles.
 * The parser dereferences a `$ref` to the very object it points at, so a named component is found
 * by identity and written once as a shared definition (`#/$defs/<name>`); that also keeps circular
 * schemas finite. OpenAPI-only keywords are converted (`nullable`, boolean `exclusiveMinimum`,
 * `type: file`) or dropped (`discriminator`, `xml`, `example`, `externalDocs`, `x-*`).
 */
export class SchemaConverter {
  /** Converted shared definitions by name. */
  readonly definitions: Record<string, JSONSchema> = {};
  private readonly names = new Map<object, string>();
  private readonly definitionReferences = new Map<string, Set<string>>();
  private active = new Set<object>();

  constructor(
    components: Record<string, unknown> | undefined,
    private readonly dialect: OpenApiDialect,
  ) {
    const used = new Set<string>();
    for (const [name, schema] of Object.entries(components ?? {})) {
      if (!isRecord(schema) || this.names.has(schema)) continue;
      let safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
      for (let suffix = 2; used.has(safe); suffix++) safe = `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}_${suffix}`;
      used.add(safe);
      this.names.set(schema, safe);
    }
  }

  /** Converts a schema; names of the definitions it uses directly are added to `references`. */
  convert(schema: unknown, references: Set<string>): JSONSchema {
    if (isRecord(schema)) {
      const name = this.names.get(schema);
      if (name !== undefined) {
        this.define(name, schema);
        references.add(name);
        return { $ref: `#/$defs/${name}` };
      }
    }
    return this.convertInline(schema, references);
  }

  /** Converts a schema's own keywords even when it is a named component (to merge its properties). */
  convertInline(schema: unknown, references: Set<string>): JSONSchema {
    if (!isRecord(schema)) return {};
    // A cycle through unnamed schemas cannot be written as a reference; cut it open.
    if (this.active.has(schema)) return {};
    this.active.add(schema);
    try {
      return this.convertKeywords(schema, references);
    } finally {
      this.active.delete(schema);
    }
  }

  /** The names of `direct` definitions plus everything they use, transitively, sorted. */
  closure(direct: Iterable<string>): string[] {
    const seen = new Set<string>();
    const pending = [...direct];
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      pending.push(...(this.definitionReferences.get(name) ?? []));
    }
    return [...seen].sort();
  }

  /** The definition name of a named component, if it is one. */
  nameOf(schema: unknown): string | undefined {
    return isRecord(schema) ? this.names.get(schema) : undefined;
  }

  private define(name: string, schema: Record<string, unknown>): void {
    if (this.definitionReferences.has(name)) return;
    const references = new Set<string>();
    this.definitionReferences.set(name, references);
    // A definition is converted on its own: met while its schema is being merged inline (a body
    // whose field refers back to it), the inline cycle guard must not cut it to `{}`.
    const outer = this.active;
    this.active = new Set([schema]);
    try {
      this.definitions[name] = this.convertKeywords(schema, references);
    } finally {
      this.active = outer;
    }
  }

  private convertKeywords(schema: Record<string, unknown>, references: Set<string>): JSONSchema {
    const result: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (COPIED_KEYWORDS.has(keyword)) result[keyword] = value;
      else if (SCHEMA_MAP_KEYWORDS.has(keyword) && isRecord(value)) {
        result[keyword] = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.convert(item, references)]));
      } else if (SCHEMA_KEYWORDS.has(keyword)) {
        result[keyword] = typeof value === 'boolean' ? value : this.convert(value, references);
      } else if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
        result[keyword] = value.map((item) => this.convert(item, references));
      } else if (keyword === 'items') {
        if (Array.isArray(value)) result.prefixItems = value.map((item) => this.convert(item, references));
        else result.items = typeof value === 'boolean' ? value : this.convert(value, references);
      } else if (keyword === 'required' && Array.isArray(value)) {
        result.required = value.filter((item) => typeof item === 'string');
      } else if (keyword === 'format' && typeof value === 'string' && KNOWN_FORMATS.has(value)) {
        result.format = value;
      } else if (keyword === 'pattern' && typeof value === 'string' && compiles(value)) {
        result.pattern = value;
      }
    }
    if (this.dialect !== 'openapi-3.1') convertExclusiveBounds(schema, result);
    if (result.type === 'file') {
      result.type = 'string';
      result.format = 'binary';
    }
    if (result.examples !== undefined && !Array.isArray(result.examples)) delete result.examples;
    if (result.required !== undefined && (result.required as string[]).length === 0) delete result.required;
    const nullable = schema.nullable === true || schema['x-nullable'] === true;
    return nullable && this.dialect !== 'openapi-3.1' ? allowNull(result) : (result as JSONSchema);
  }
}

/** OpenAPI 3.0 and Swagger 2 write `exclusiveMinimum: true` beside `minimum`; 2020-12 wants the number. */
function convertExclusiveBounds(source: Record<string, unknown>, result: Record<string, unknown>): void {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const flag = source[exclusive];
    if (flag === true && typeof source[bound] === 'number') {
      result[exclusive] = source[bound];
      delete result[bound];
    } else if (typeof flag === 'number') {
      result[exclusive] = flag;
    }
  }
}

function allowNull(schema: Record<string, unknown>): JSONSchema {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] } as JSONSchema;
  if (Array.isArray(schema.type)) return { ...schema, type: [...new Set([...schema.type, 'null'])] } as JSONSchema;
  if (schema.allOf || schema.anyOf || schema.oneOf || schema.$ref) {
    const { description, ...rest } = schema;
    const wrapped: JSONSchema = { anyOf: [rest as JSONSchema, { type: 'null' }] };
    if (typeof description === 'string') wrapped.description = description;
    return wrapped;
  }
  return schema as JSONSchema;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
