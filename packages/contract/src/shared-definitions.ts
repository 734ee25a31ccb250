import type { JSONSchema } from './json-schema.js';

/** Schemas a connector's operations share, by name (a module's and a catalog's `$defs`). */
export type SharedDefinitions = Record<string, JSONSchema>;

const LOCAL_PREFIX = '#/$defs/';

/**
 * The URI under which a connector's shared definitions are registered with a schema compiler.
 * Operation schemas write `#/$defs/<name>`; they are pointed here when compiled, so every
 * operation shares one compiled copy of each definition instead of carrying its own.
 */
export function sharedDefinitionsUri(connectorId: string): string {
  return `urn:patchbay:${encodeURIComponent(connectorId)}:shared-definitions`;
}

/**
 * A copy of `schema` whose `#/$defs/<name>` references to shared definitions point at `uri`. A
 * name the schema defines itself in its own `$defs` stays local (a hand-written schema's, or one
 * from a version-1 catalog). Only the operation's own schema is walked, never the definitions.
 */
export function pointAtSharedDefinitions(schema: JSONSchema, uri: string): JSONSchema {
  const local = new Set(Object.keys(schema.$defs ?? {}));
  return rewrite(schema, (name) => !local.has(name), uri) as JSONSchema;
}

/**
 * `schema` standing alone: its own keywords plus, as `$defs`, every shared definition it uses,
 * directly or through other definitions. For tools that take one schema at a time (a type
 * generator, an MCP tool listing); the runtime registers the definitions once instead.
 */
export function withSharedDefinitions(schema: JSONSchema, definitions: SharedDefinitions | undefined): JSONSchema {
  if (definitions === undefined) return schema;
  const used = sharedDefinitionClosure(schema, definitions);
  if (used.length === 0) return schema;
  const own = schema.$defs ?? {};
  const $defs: SharedDefinitions = {};
  for (const name of used) if (!(name in own)) $defs[name] = definitions[name]!;
  return { ...schema, $defs: { ...$defs, ...own } };
}

/** Names of the shared definitions `schema` uses, transitively, in a stable order. */
export function sharedDefinitionClosure(schema: JSONSchema, definitions: SharedDefinitions): string[] {
  const seen = new Set<string>();
  const pending = [...referencedNames(schema)];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name) || definitions[name] === undefined) continue;
    seen.add(name);
    pending.push(...referencedNames(definitions[name]));
  }
  return [...seen].sort();
}

/** Names `schema` refers to as `#/$defs/<name>`, anywhere inside it (not through other definitions). */
export function referencedNames(schema: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string' && item.startsWith(LOCAL_PREFIX)) names.add(decodeName(item));
        else visit(item);
      }
    }
  };
  visit(schema);
  return names;
}

function rewrite(value: unknown, shared: (name: string) => boolean, uri: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, shared, uri));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const pointed = key === '$ref' && typeof item === 'string' && item.startsWith(LOCAL_PREFIX) && shared(decodeName(item));
    copy[key] = pointed ? `${uri}${item}` : rewrite(item, shared, uri);
  }
  return copy;
}

/** `#/$defs/a~1b/...` → `a/b`: the definition's own name, the first segment of the pointer. */
function decodeName(reference: string): string {
  const segment = reference.slice(LOCAL_PREFIX.length).split('/')[0]!;
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}
