import type { OperationDefinition, OperationHttp, OperationMap, OperationPagination } from './operation.js';
import { PatchbayError } from './patchbay-error.js';

/**
 * A hand-written change to one generated operation: its fields replace the generated ones, except
 * `http` and `pagination`, whose fields are merged one level deep (`{ http: { headers } }` keeps
 * the generated method and path).
 */
export type OperationPatch = Partial<Omit<OperationDefinition, 'http' | 'pagination'>> & {
  http?: Partial<OperationHttp>;
  pagination?: Partial<OperationPagination>;
};

/**
 * Hand-written overrides of a generated operation map, keyed by operation id: a patch of a
 * generated operation, a whole definition of a new one, or `null` to leave a generated one out.
 */
export type OperationOverrides = Record<string, OperationPatch | OperationDefinition | null>;

/**
 * The operations a generated connector exposes: the generated map with its overrides applied, in
 * the generated order, new operations last. Pure, so regenerating the map never loses the
 * overrides. A patch of an operation the map does not have (the vendor dropped it) throws, naming
 * it: the override must become a whole definition or go.
 */
export function applyOperationOverrides(generated: OperationMap, overrides: OperationOverrides): OperationMap {
  const operations: OperationMap = {};
  for (const [id, definition] of Object.entries(generated)) {
    if (!Object.hasOwn(overrides, id)) {
      operations[id] = definition;
      continue;
    }
    const override = overrides[id];
    if (override !== null && override !== undefined) operations[id] = patched(definition, override);
  }
  for (const [id, override] of Object.entries(overrides)) {
    if (Object.hasOwn(generated, id) || override === null) continue;
    if (!isWholeDefinition(override)) {
      throw new PatchbayError({
        code: 'VALIDATION_FAILED',
        message: `override "${id}" patches an operation the generated map does not have; give a whole definition (kind, displayName, inputSchema) or remove it`,
      });
    }
    operations[id] = override;
  }
  return operations;
}

function patched(definition: OperationDefinition, patch: OperationPatch): OperationDefinition {
  const { http, pagination, ...rest } = patch;
  const result: OperationDefinition = { ...definition, ...rest } as OperationDefinition;
  if (http !== undefined) result.http = { ...definition.http, ...http } as OperationHttp;
  if (pagination !== undefined) result.pagination = { ...definition.pagination, ...pagination } as OperationPagination;
  return result;
}

function isWholeDefinition(override: OperationPatch | OperationDefinition): override is OperationDefinition {
  return (override.kind === 'action' || override.kind === 'trigger') && typeof override.displayName === 'string' && typeof override.inputSchema === 'object';
}
