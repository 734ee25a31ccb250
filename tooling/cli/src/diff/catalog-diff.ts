import { isDeepStrictEqual } from 'node:util';
import type { ConnectorCatalog, OperationDefinition } from '@patchbay/contract';
import type { CatalogChange } from './change-level.js';
import { diffInputSchema, diffOutputSchema, withoutAnnotations } from './schema-diff.js';

/** Metadata that only describes the connector: changing it needs a patch release. */
const DESCRIPTIVE = ['displayName', 'description', 'documentationUrl', 'rateLimit', 'baseUrl'] as const;
// The wire form and retry hints are how the connector talks to the vendor, not what a caller sends.
const OPERATION_DESCRIPTIVE = ['displayName', 'description', 'rateLimit', 'idempotent', 'http'] as const;

/**
 * Every difference between a connector's last published catalog and its new one, each with the
 * release it needs: what worked for a caller and no longer does is major, what is new is minor,
 * what only reads differently is a patch. The catalog's `version` is not compared.
 */
export function diffCatalogs(before: ConnectorCatalog, after: ConnectorCatalog): CatalogChange[] {
  const changes: CatalogChange[] = [];
  const emit = (change: CatalogChange) => changes.push(change);

  if (before.id !== after.id) emit({ level: 'major', pointer: '/id', message: `connector id changed from "${before.id}" to "${after.id}"` });
  if (before.specificationVersion !== after.specificationVersion) {
    emit({ level: 'major', pointer: '/specificationVersion', message: `contract ${before.specificationVersion} → ${after.specificationVersion}` });
  }
  for (const key of DESCRIPTIVE) {
    if (!isDeepStrictEqual(before[key], after[key])) emit({ level: 'patch', pointer: `/${key}`, message: `${key} changed` });
  }
  diffAuth(before, after, emit);

  const removed = Object.keys(before.operations).filter((id) => !(id in after.operations));
  const added = Object.keys(after.operations).filter((id) => !(id in before.operations));
  for (const id of removed) {
    const old = before.operations[id]!;
    // The same request under a new id is a rename: callers of the old id break all the same.
    const renamed = added.find((other) => old.http !== undefined && isDeepStrictEqual(old.http, after.operations[other]!.http));
    emit({ level: 'major', operation: id, pointer: `/operations/${id}`, message: renamed ? `operation renamed to "${renamed}"` : 'operation removed' });
  }
  for (const id of added) emit({ level: 'minor', operation: id, pointer: `/operations/${id}`, message: 'new operation' });
  for (const id of Object.keys(before.operations)) {
    const next = after.operations[id];
    if (next) diffOperation(id, before.operations[id]!, next, emit);
  }
  return changes;
}

function diffAuth(before: ConnectorCatalog, after: ConnectorCatalog, emit: (change: CatalogChange) => void): void {
  if (isDeepStrictEqual(before.auth, after.auth)) return;
  if (before.auth.strategy !== after.auth.strategy) {
    emit({ level: 'major', pointer: '/auth/strategy', message: `auth strategy changed from ${before.auth.strategy} to ${after.auth.strategy}` });
    return;
  }
  const credentialsBefore = before.auth.credentialsSchema;
  const credentialsAfter = after.auth.credentialsSchema;
  let explained = false;
  if (!isDeepStrictEqual(credentialsBefore, credentialsAfter)) {
    // A connection's credentials are input too: what they must hold follows the same rules.
    const found = changesOf((emit) => diffInputSchema(credentialsBefore, credentialsAfter, '/auth/credentialsSchema', emit));
    for (const change of found) emit(change);
    explained = found.length > 0;
  }
  const { credentialsSchema: _dropBefore, ...restBefore } = before.auth;
  const { credentialsSchema: _dropAfter, ...restAfter } = after.auth;
  if (!explained || !isDeepStrictEqual(restBefore, restAfter)) {
    emit({ level: isDeepStrictEqual(withoutAnnotations(restBefore), withoutAnnotations(restAfter)) ? 'patch' : 'minor', pointer: '/auth', message: 'auth settings changed' });
  }
}

function diffOperation(id: string, before: OperationDefinition, after: OperationDefinition, emit: (change: CatalogChange) => void): void {
  const at = (change: Omit<CatalogChange, 'operation'>) => emit({ ...change, operation: id, pointer: `/operations/${id}${change.pointer}` });
  if (before.kind !== after.kind) at({ level: 'major', pointer: '/kind', message: `kind changed from ${before.kind} to ${after.kind}` });
  diffInputSchema(before.inputSchema, after.inputSchema, '/inputSchema', at);
  diffOutputSchema(before.outputSchema, after.outputSchema, '/outputSchema', at);
  for (const key of OPERATION_DESCRIPTIVE) {
    if (!isDeepStrictEqual(before[key], after[key])) at({ level: 'patch', pointer: `/${key}`, message: `${key} changed` });
  }
  const cursorBefore = before.pagination?.cursorParam;
  const cursorAfter = after.pagination?.cursorParam;
  if (!isDeepStrictEqual(before.pagination, after.pagination)) {
    const broken = cursorBefore !== undefined && cursorBefore !== cursorAfter;
    at({ level: broken ? 'major' : before.pagination ? 'patch' : 'minor', pointer: '/pagination', message: broken ? `pages no longer follow "${cursorBefore}"` : 'pagination changed' });
  }
  if (!isDeepStrictEqual(before.deprecated, after.deprecated)) at({ level: 'minor', pointer: '/deprecated', message: after.deprecated ? 'deprecated' : 'no longer deprecated' });
  if (!isDeepStrictEqual(before.trigger, after.trigger)) at({ level: 'major', pointer: '/trigger', message: 'trigger settings changed (dedupe keys or type)' });
}

function changesOf(run: (emit: (change: Omit<CatalogChange, 'operation'>) => void) => void): CatalogChange[] {
  const changes: CatalogChange[] = [];
  run((change) => changes.push(change));
  return changes;
}
