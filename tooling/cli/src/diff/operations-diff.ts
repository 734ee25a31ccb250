import { isDeepStrictEqual } from 'node:util';
import { SPECIFICATION_VERSION, sharedDefinitionClosure, type ConnectorCatalog, type OperationMap, type SharedDefinitions } from '@patchbay/contract';
import { diffCatalogs } from './catalog-diff.js';
import { requiredLevel, type CatalogChange, type ChangeLevel } from './change-level.js';
import { diffInputSchema, diffOutputSchema } from './schema-diff.js';

export interface OperationSet {
  operations: OperationMap;
  $defs?: SharedDefinitions;
}

/** What regenerating a connector's operations changed, for a caller, and the release it needs. */
export interface OperationsDiff {
  added: string[];
  removed: string[];
  /** Operations in both whose schemas, wire or paging differ, each with its changes. */
  changed: { operation: string; level: Exclude<ChangeLevel, 'none'>; changes: CatalogChange[] }[];
  required: ChangeLevel;
}

/**
 * Compares two operation sets with the rules of `patchbay diff`. A shared definition that changed
 * counts against every operation using it: by the input rules where an input refers to it (a new
 * required field breaks callers), by the output rules where only an output does.
 */
export function diffOperations(before: OperationSet, after: OperationSet): OperationsDiff {
  const changes = diffCatalogs(asCatalog(before), asCatalog(after));
  for (const [id, operation] of Object.entries(after.operations)) {
    const previous = before.operations[id];
    if (previous === undefined) continue;
    for (const [side, schemaBefore, schemaAfter] of [['input', previous.inputSchema, operation.inputSchema], ['output', previous.outputSchema, operation.outputSchema]] as const) {
      if (schemaBefore === undefined || schemaAfter === undefined) continue;
      const namesBefore = sharedDefinitionClosure(schemaBefore, before.$defs ?? {});
      const namesAfter = new Set(sharedDefinitionClosure(schemaAfter, after.$defs ?? {}));
      for (const name of namesBefore) {
        const definitionBefore = before.$defs?.[name];
        const definitionAfter = after.$defs?.[name];
        if (!namesAfter.has(name) || isDeepStrictEqual(definitionBefore, definitionAfter)) continue;
        const pointer = `/$defs/${name}`;
        const emit = (change: Omit<CatalogChange, 'operation'>) => changes.push({ ...change, operation: id, message: `${side} ${name}: ${change.message}` });
        if (side === 'input') diffInputSchema(definitionBefore, definitionAfter, pointer, emit);
        else diffOutputSchema(definitionBefore, definitionAfter, pointer, emit);
      }
    }
  }
  const added = Object.keys(after.operations).filter((id) => !(id in before.operations));
  const removed = Object.keys(before.operations).filter((id) => !(id in after.operations));
  const byOperation = new Map<string, CatalogChange[]>();
  for (const change of changes) {
    if (change.operation === undefined || added.includes(change.operation) || removed.includes(change.operation)) continue;
    byOperation.set(change.operation, [...(byOperation.get(change.operation) ?? []), change]);
  }
  const changed = [...byOperation].map(([operation, list]) => ({ operation, level: requiredLevel(list) as Exclude<ChangeLevel, 'none'>, changes: list }));
  return { added, removed, changed, required: requiredLevel(changes) };
}

// The two sets belong to one connector: only their operations differ.
function asCatalog(set: OperationSet): ConnectorCatalog {
  return { catalogVersion: 2, specificationVersion: SPECIFICATION_VERSION, id: 'connector', displayName: 'connector', version: '0.0.0', auth: { strategy: 'none' }, operations: set.operations } as ConnectorCatalog;
}
