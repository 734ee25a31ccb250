import type { ConnectorAuth } from './auth.js';
import type { ConnectorMetadata, ConnectorModule } from './connector-module.js';
import type { OperationMap } from './operation.js';

export const CATALOG_VERSION = 1;

/**
 * A module's metadata as data, written at build time from the module itself so the two cannot
 * drift. Reading it needs no import of connector code.
 */
export interface ConnectorCatalog extends ConnectorMetadata {
  catalogVersion: typeof CATALOG_VERSION;
  auth: ConnectorAuth;
  operations: OperationMap;
}

const METADATA_KEYS = [
  'specificationVersion',
  'id',
  'displayName',
  'version',
  'description',
  'baseUrl',
  'rateLimit',
  'documentationUrl',
] as const satisfies readonly (keyof ConnectorMetadata)[];

export function toCatalog(module: ConnectorModule): ConnectorCatalog {
  const catalog = { catalogVersion: CATALOG_VERSION } as ConnectorCatalog;
  for (const key of METADATA_KEYS) {
    if (module[key] !== undefined) (catalog as unknown as Record<string, unknown>)[key] = module[key];
  }
  catalog.auth = module.auth;
  catalog.operations = module.operations;
  return JSON.parse(JSON.stringify(catalog)) as ConnectorCatalog;
}
