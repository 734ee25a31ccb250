import { isDeepStrictEqual } from 'node:util';
import { createSchemaCompiler, type JSONSchema } from '@patchbay/contract';
import type { CatalogChange } from './change-level.js';

type Schema = Record<string, unknown>;
type Emit = (change: Omit<CatalogChange, 'operation'>) => void;

/** Keywords that only describe: changing them needs a patch release. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords a rule below compares; a change to any other is judged by `otherKeywords`. */
const COMPARED = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'pattern', 'format',
  'minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties',
  'maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties',
]);
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
const compiler = createSchemaCompiler();

const asSchema = (value: unknown): Schema => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {});

/** A schema without its annotations, at every depth: what it accepts, and nothing else. */
export function withoutAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAnnotations);
  if (typeof value !== 'object' || value === null) return value;
  const kept: Schema = {};
  for (const [key, inner] of Object.entries(value)) {
    // `properties` maps field names to schemas: a field named `description` is not an annotation.
    if (key === 'properties' || key === '$defs' || key === 'patternProperties') {
      kept[key] = Object.fromEntries(Object.entries(asSchema(inner)).map(([name, schema]) => [name, withoutAnnotations(schema)]));
    } else if (!ANNOTATIONS.has(key)) kept[key] = withoutAnnotations(inner);
  }
  return kept;
}

function types(schema: Schema): Set<string> | undefined {
  if (schema.type === undefined) return undefined;
  const listed = new Set(Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]);
  // Every integer is a number, so `number` covers `integer`.
  if (listed.has('number')) listed.add('integer');
  return listed;
}

function values(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum as unknown[];
  if ('const' in schema) return [schema.const];
  return undefined;
}

/** Whether `schema` accepts `value`; `undefined` when the schema cannot be compiled on its own (a `$ref` out of it). */
function accepts(schema: Schema, value: unknown): boolean | undefined {
  try {
    return compiler.compile(schema as JSONSchema)(value) === null;
  } catch {
    return undefined;
  }
}

const show = (value: unknown) => JSON.stringify(value);

/**
 * Compares what an operation accepted before with what it accepts now. Anything a caller could
 * send before and is refused now is a major change; anything newly accepted is minor; a change to
 * descriptions alone is a patch.
 */
export function diffInputSchema(before: unknown, after: unknown, pointer: string, emit: Emit): void {
  const old = asSchema(before);
  const next = asSchema(after);
  if (isDeepStrictEqual(old, next)) return;
  if (isDeepStrictEqual(withoutAnnotations(old), withoutAnnotations(next))) {
    emit({ level: 'patch', pointer, message: 'description or other annotation changed' });
    return;
  }
  // A schema wrapped as one branch of a new anyOf/oneOf accepts all it did, and more.
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = (next[keyword] as unknown[] | undefined) ?? [];
    if (old[keyword] === undefined && branches.some((branch) => isDeepStrictEqual(withoutAnnotations(branch), withoutAnnotations(old)))) {
      emit({ level: 'minor', pointer, message: `widened: now also accepts ${show(withoutAnnotations(branches.find((branch) => !isDeepStrictEqual(withoutAnnotations(branch), withoutAnnotations(old)))))}` });
      return;
    }
    const oldBranches = (old[keyword] as unknown[] | undefined) ?? [];
    if (next[keyword] === undefined && oldBranches.some((branch) => isDeepStrictEqual(withoutAnnotations(branch), withoutAnnotations(next)))) {
      emit({ level: 'major', pointer, message: `narrowed: ${keyword} reduced to one of its branches` });
      return;
    }
  }
  compareTypes(old, next, pointer, emit);
  compareValues(old, next, pointer, emit);
  compareObjects(old, next, pointer, emit);
  compareBounds(old, next, pointer, emit);
  for (const keyword of ['pattern', 'format']) {
    if (old[keyword] === next[keyword]) continue;
    if (next[keyword] === undefined) emit({ level: 'minor', pointer, message: `widened: ${keyword} ${show(old[keyword])} removed` });
    else emit({ level: 'major', pointer, message: `narrowed: ${keyword} ${old[keyword] === undefined ? 'added' : `changed from ${show(old[keyword])}`} to ${show(next[keyword])}` });
  }
  if (!isDeepStrictEqual(old.items, next.items) && (old.items !== undefined || next.items !== undefined)) {
    if (next.items === undefined) emit({ level: 'minor', pointer: `${pointer}/items`, message: 'widened: items no longer constrained' });
    else if (old.items === undefined) emit({ level: 'major', pointer: `${pointer}/items`, message: 'narrowed: items now constrained' });
    else diffInputSchema(old.items, next.items, `${pointer}/items`, emit);
  }
  otherKeywords(old, next, pointer, emit);
}

function compareTypes(old: Schema, next: Schema, pointer: string, emit: Emit): void {
  const before = types(old);
  const after = types(next);
  if (isDeepStrictEqual(before, after)) return;
  if (after === undefined) {
    emit({ level: 'minor', pointer, message: `widened: any type accepted (was ${show(old.type)})` });
    return;
  }
  const dropped = before === undefined ? ['(any)'] : [...before].filter((type) => !after.has(type));
  const added = before === undefined ? [] : [...after].filter((type) => !before.has(type));
  if (dropped.length > 0) emit({ level: 'major', pointer, message: `narrowed type: ${show(old.type ?? 'any')} → ${show(next.type)}` });
  else if (added.length > 0) emit({ level: 'minor', pointer, message: `widened type: ${show(old.type)} → ${show(next.type)}` });
}

function compareValues(old: Schema, next: Schema, pointer: string, emit: Emit): void {
  const before = values(old);
  const after = values(next);
  if (isDeepStrictEqual(before, after)) return;
  if (before === undefined && after !== undefined) {
    emit({ level: 'major', pointer, message: `narrowed: now only ${show(after)}` });
    return;
  }
  if (before === undefined) return;
  // Judged by what the new schema accepts, so an enum that became a pattern or an anyOf is read right.
  const refused = before.filter((value) => (after ? !after.some((other) => isDeepStrictEqual(other, value)) : accepts(next, value) === false));
  if (refused.length > 0) emit({ level: 'major', pointer, message: `narrowed enum: no longer accepts ${refused.map(show).join(', ')}` });
  const added = after === undefined ? [] : after.filter((value) => !before.some((other) => isDeepStrictEqual(other, value)));
  if (after === undefined) emit({ level: 'minor', pointer, message: `widened: no longer limited to ${show(before)}` });
  else if (added.length > 0) emit({ level: 'minor', pointer, message: `widened enum: now also accepts ${added.map(show).join(', ')}` });
}

function compareObjects(old: Schema, next: Schema, pointer: string, emit: Emit): void {
  const oldProperties = asSchema(old.properties);
  const nextProperties = asSchema(next.properties);
  const closed = next.additionalProperties === false;
  for (const name of Object.keys(oldProperties)) {
    if (name in nextProperties) diffInputSchema(oldProperties[name], nextProperties[name], `${pointer}/properties/${name}`, emit);
    else if (closed) emit({ level: 'major', pointer: `${pointer}/properties/${name}`, message: `input field "${name}" removed: calls that send it now fail validation` });
    else emit({ level: 'patch', pointer: `${pointer}/properties/${name}`, message: `input field "${name}" no longer described (still accepted)` });
  }
  const oldRequired = new Set((old.required as string[] | undefined) ?? []);
  const nextRequired = new Set((next.required as string[] | undefined) ?? []);
  for (const name of Object.keys(nextProperties)) {
    if (!(name in oldProperties) && !nextRequired.has(name)) emit({ level: 'minor', pointer: `${pointer}/properties/${name}`, message: `new optional input "${name}"` });
  }
  for (const name of nextRequired) if (!oldRequired.has(name)) emit({ level: 'major', pointer: `${pointer}/required`, message: `new required input "${name}"` });
  for (const name of oldRequired) if (!nextRequired.has(name)) emit({ level: 'minor', pointer: `${pointer}/required`, message: `input "${name}" is optional now` });
  const wasClosed = old.additionalProperties === false;
  if (!wasClosed && closed) emit({ level: 'major', pointer, message: 'narrowed: unknown fields are refused now' });
  if (wasClosed && !closed) emit({ level: 'minor', pointer, message: 'widened: unknown fields are accepted now' });
}

function compareBounds(old: Schema, next: Schema, pointer: string, emit: Emit): void {
  for (const [keywords, tighter] of [[LOWER_BOUNDS, (a: number, b: number) => b > a], [UPPER_BOUNDS, (a: number, b: number) => b < a]] as const) {
    for (const keyword of keywords) {
      const before = old[keyword] as number | undefined;
      const after = next[keyword] as number | undefined;
      if (before === after) continue;
      const narrowed = before === undefined || (after !== undefined && tighter(before, after));
      emit({ level: narrowed ? 'major' : 'minor', pointer, message: `${narrowed ? 'narrowed' : 'widened'}: ${keyword} ${show(before ?? 'none')} → ${show(after ?? 'none')}` });
    }
  }
}

/** A change to a keyword no rule reads (anyOf, allOf, $ref, …) is not shown to be compatible, so it needs a major release. */
function otherKeywords(old: Schema, next: Schema, pointer: string, emit: Emit): void {
  const keywords = new Set([...Object.keys(old), ...Object.keys(next)].filter((keyword) => !COMPARED.has(keyword) && !ANNOTATIONS.has(keyword)));
  for (const keyword of keywords) {
    if (isDeepStrictEqual(withoutAnnotations(old[keyword]), withoutAnnotations(next[keyword]))) continue;
    emit({ level: 'major', pointer: `${pointer}/${keyword}`, message: `${keyword} changed; not shown to accept everything it did` });
  }
}

/**
 * Compares what an operation returned before with what it returns now: a field callers could read
 * that may now be missing is major, a new field minor, any other change to the output's shape minor.
 */
export function diffOutputSchema(before: unknown, after: unknown, pointer: string, emit: Emit): void {
  const old = asSchema(before);
  const next = asSchema(after);
  if (isDeepStrictEqual(old, next)) return;
  if (isDeepStrictEqual(withoutAnnotations(old), withoutAnnotations(next))) {
    emit({ level: 'patch', pointer, message: 'output description changed' });
    return;
  }
  const oldProperties = asSchema(old.properties);
  const nextProperties = asSchema(next.properties);
  const nextRequired = new Set((next.required as string[] | undefined) ?? []);
  let explained = false;
  for (const name of Object.keys(oldProperties)) {
    if (!(name in nextProperties)) {
      emit({ level: 'major', pointer: `${pointer}/properties/${name}`, message: `output field "${name}" removed` });
      explained = true;
    } else diffOutputSchema(oldProperties[name], nextProperties[name], `${pointer}/properties/${name}`, emit);
  }
  for (const name of (old.required as string[] | undefined) ?? []) {
    if (!nextRequired.has(name)) {
      emit({ level: 'major', pointer: `${pointer}/required`, message: `output field "${name}" may be missing now` });
      explained = true;
    }
  }
  for (const name of Object.keys(nextProperties)) {
    if (!(name in oldProperties)) {
      emit({ level: 'minor', pointer: `${pointer}/properties/${name}`, message: `new output field "${name}"` });
      explained = true;
    }
  }
  if (!isDeepStrictEqual(shapeKeywords(old), shapeKeywords(next)) || (!explained && !isDeepStrictEqual(withoutAnnotations(old.required), withoutAnnotations(next.required)))) {
    emit({ level: 'minor', pointer, message: 'output shape changed' });
  }
}

/** A schema's own keywords, without its properties, required list and annotations. */
function shapeKeywords(schema: Schema): Schema {
  return Object.fromEntries(Object.entries(asSchema(withoutAnnotations(schema))).filter(([keyword]) => keyword !== 'properties' && keyword !== 'required'));
}
