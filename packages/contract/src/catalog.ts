import type { ConnectorAuth } from './auth.js';
import type { ConnectorMetadata, ConnectorModule } from './connector-module.js';
import type { OperationMap } from './operation.js';

/**
 * The newest catalog format. Version 2 adds the top-level `$defs` operations' schemas refer to
 * (`#/$defs/<name>`); a catalog without them is still written as version 1, which every runtime
 * reads, and this runtime reads both.
 */
export const CATALOG_VERSION = 2;

export type CatalogVersion = 1 | 2;

export const SUPPORTED_CATALOG_VERSIONS: readonly CatalogVersion[] = [1, 2];

/**
 * A module's metadata as data, written at build time from the module itself so the two cannot
 * drift. Reading it needs no import of connector code.
 */
export interface ConnectorCatalog extends ConnectorMetadata {
  catalogVersion: CatalogVersion;
  auth: ConnectorAuth;
  operations: OperationMap;
}

/**
 * What discovery reads of a connector before any use (`patchbay.index` in its package.json): a
 * few hundred bytes however large the full catalog is, which is read on first use.
 */
export interface ConnectorCatalogIndex {
  catalogVersion: CatalogVersion;
  specificationVersion: string;
  id: string;
  displayName: string;
  version: string;
  description?: string;
  /** Operation ids, in catalog order. */
  operations: string[];
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
  '$defs',
] as const satisfies readonly (keyof ConnectorMetadata)[];

export function toCatalog(module: ConnectorModule): ConnectorCatalog {
  const catalog = { catalogVersion: module.$defs === undefined ? 1 : CATALOG_VERSION } as ConnectorCatalog;
  for (const key of METADATA_KEYS) {
    if (module[key] !== undefined) (catalog as unknown as Record<string, unknown>)[key] = module[key];
  }
  catalog.auth = module.auth;
  catalog.operations = module.operations;
  return JSON.parse(JSON.stringify(catalog)) as ConnectorCatalog;
}

/** The index of a catalog, for discovery. */
export function toCatalogIndex(catalog: ConnectorCatalog): ConnectorCatalogIndex {
  const index: ConnectorCatalogIndex = {
    catalogVersion: catalog.catalogVersion,
    specificationVersion: catalog.specificationVersion,
    id: catalog.id,
    displayName: catalog.displayName,
    version: catalog.version,
    operations: Object.keys(catalog.operations),
  };
  if (catalog.description !== undefined) index.description = catalog.description;
  return index;
}
