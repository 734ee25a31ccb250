import type { JSONSchema } from '@patchbay/contract';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Past this many schema nodes, further `$ref`s are left open (`{}`) rather than copied again. */
const MAX_NODES = 20_000;
const MAX_DEPTH = 64;
/** Keys that belong to the root document, dropped from the inlined schema. */
const ROOT_ONLY = ['$defs', 'definitions', '$schema', '$id'];

/**
 * The schema with every local `$ref` (`#/$defs/…`, `#/definitions/…`, any `#/…` pointer) replaced
 * by a copy of its target, and `$defs`, `definitions`, `$schema` and `$id` dropped: several MCP
 * clients drop or reject tools whose schemas hold references. A reference to a definition already
 * being expanded (a cycle), a remote reference, or one past the size budget becomes `{}`, which
 * accepts anything; the runtime still validates every call against the original schema.
 */
export function inlineLocalRefs(schema: JSONSchema): JSONSchema {
  const root = schema as unknown as Json;
  let nodes = 0;

  const visit = (value: Json, expanding: readonly string[], depth: number): Json => {
    nodes += 1;
    if (Array.isArray(value)) return value.map((item) => visit(item, expanding, depth + 1));
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) return {};
    const reference = value.$ref;
    if (typeof reference === 'string') {
      const target = reference.startsWith('#') ? resolvePointer(root, reference.slice(1)) : undefined;
      const { $ref: _ref, ...siblings } = value;
      // At the root, the definitions beside the reference are what it points into, not constraints.
      if (depth === 0) for (const key of ROOT_ONLY) delete siblings[key];
      if (target === undefined || expanding.includes(reference) || nodes > MAX_NODES) return visit(siblings, expanding, depth + 1);
      const expanded = visit(target, [...expanding, reference], depth + 1);
      if (Object.keys(siblings).length === 0) return expanded;
      return { allOf: [expanded], ...(visit(siblings, expanding, depth + 1) as Record<string, Json>) };
    }
    const copy: Record<string, Json> = {};
    for (const [key, child] of Object.entries(value)) {
      if (depth === 0 && ROOT_ONLY.includes(key)) continue;
      copy[key] = visit(child, expanding, depth + 1);
    }
    return copy;
  };

  return visit(root, [], 0) as unknown as JSONSchema;
}

/** RFC 6901 pointer lookup: `/$defs/issue` → root.$defs.issue. */
function resolvePointer(root: Json, pointer: string): Json | undefined {
  if (pointer === '') return root;
  let current: Json | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(token)] : Object.hasOwn(current, token) ? current[token] : undefined;
  }
  return current;
}
