import { pathToFileURL } from 'node:url';
import {
  PatchbayError,
  checkConnectorModule,
  toCatalog,
  type ConnectionContext,
  type ConnectorCatalog,
  type ConnectorCatalogIndex,
  type ConnectorModule,
} from '@patchbay/contract';
import type { BaseAPIClient, ClientOptions } from '../client/base-api-client.js';
import {
  CLIENT_FACTORY,
  bindConnectorModule,
  defineConnectorModule,
  handledOperations,
  isClientClass,
  isClientConnectorModule,
  withMetadata,
  type ClientConnectorModule,
} from '../client/connector-module-from-client.js';
import { configuredRule, normalizeRateLimits, type NormalizedRateLimits } from '../rate-limit/rate-limit-rules.js';
import { ValidatorCache } from '../validation/validator-cache.js';
import { discoverConnectors, type DiscoveredConnector, type DiscoveryProblem } from './discovery.js';

/** What an app sees of an available connector, without importing it. */
export interface ConnectorSummary {
  id: string;
  /** npm package name, or `(registered) <id>` for a module passed in-process. */
  package: string;
  version: string;
  displayName: string;
  description?: string;
  operations: string[];
}

/** A module bound to one connection, with the limits that apply to it. */
export interface HydratedConnection {
  module: ConnectorModule;
  /** The connection's API client, when the module is built on BaseAPIClient. */
  client: BaseAPIClient | undefined;
  rateLimits: NormalizedRateLimits;
}

interface Source {
  summary: ConnectorSummary;
  /** The full catalog; a discovered package's is read on first use. */
  catalog: () => ConnectorCatalog;
  load: () => Promise<ConnectorModule>;
  /** The loaded module described by the catalog, made once and shared by every connection. */
  hydratable?: ClientConnectorModule;
}

/**
 * Finds connector packages through their metadata, imports a module the first time a connection
 * needs it, and hydrates one module per connection from the catalog and the client's handlers.
 */
export class ConnectorFramework {
  private readonly sources = new Map<string, Source>();
  private readonly loaded = new Map<string, Promise<ConnectorModule>>();
  private readonly brokenPackages: DiscoveryProblem[];
  /** Compiles each schema once for the whole app: the manager's checks and every module's share it. */
  readonly validators = new ValidatorCache();

  private constructor(discovered: DiscoveredConnector[], problems: DiscoveryProblem[], modules: ConnectorModule[]) {
    this.brokenPackages = [...problems];
    for (const entry of discovered) {
      this.sources.set(entry.id, {
        catalog: entry.readCatalog,
        summary: summarize(entry.index, entry.packageName, entry.packageVersion),
        load: async () => importModule(entry, entry.readCatalog()),
      });
    }
    for (const module of modules) {
      const checked = checkConnectorModule(module, { compileSchemas: false });
      if (!checked.valid) {
        this.brokenPackages.push({ package: String((module as Partial<ConnectorModule>)?.id ?? 'module'), reason: describeViolations(checked.violations) });
        continue;
      }
      const shadowed = this.sources.get(module.id);
      if (shadowed) {
        this.brokenPackages.push({
          package: shadowed.summary.package,
          reason: `connector id "${module.id}" is replaced by a module passed in the modules option`,
        });
      }
      const catalog = toCatalog(module);
      this.sources.set(module.id, {
        catalog: () => catalog,
        summary: summarize(module, `(registered) ${module.id}`, module.version),
        load: async () => module,
      });
    }
  }

  /** Discovers the connectors an app at `cwd` depends on; `modules` adds in-process ones. */
  static async create(options: { cwd?: string; modules?: ConnectorModule[] } = {}): Promise<ConnectorFramework> {
    const { connectors, problems } = options.cwd === undefined ? { connectors: [], problems: [] } : await discoverConnectors(options.cwd);
    return new ConnectorFramework(connectors, problems, options.modules ?? []);
  }

  connectors(): ConnectorSummary[] {
    return [...this.sources.values()].map((source) => source.summary);
  }

  /** Packages that declared themselves connectors but could not be used, with the reason. */
  problems(): DiscoveryProblem[] {
    return [...this.brokenPackages];
  }

  /**
   * A connector's full catalog. Discovery reads only a package's index when it has one; its
   * catalog is read here on first use. One that cannot be read is reported in `problems()`.
   */
  catalog(id: string): ConnectorCatalog | undefined {
    const source = this.sources.get(id);
    if (!source) return undefined;
    try {
      return source.catalog();
    } catch (error) {
      this.brokenPackages.push({ package: source.summary.package, reason: (error as Error).message });
      return undefined;
    }
  }

  /** Imports (once) and checks a connector's module. */
  async module(id: string): Promise<ConnectorModule> {
    const source = this.sources.get(id);
    if (!source) {
      throw new PatchbayError({
        code: 'CONNECTOR_NOT_FOUND',
        message: `No connector "${id}"; available: ${[...this.sources.keys()].join(', ') || 'none'}`,
      });
    }
    let pending = this.loaded.get(id);
    if (!pending) {
      pending = source.load().then((module) => checkLoaded(module, source));
      pending.catch((error: unknown) => {
        this.brokenPackages.push({ package: source.summary.package, reason: (error as Error).message });
      });
      this.loaded.set(id, pending);
    }
    return pending;
  }

  /**
   * A module for one connection, plus the normalized rate-limit rules: for a module built on
   * BaseAPIClient, the catalog's metadata merged with the handlers of a new client of the
   * connection's own; any other module is shared by every connection as it is.
   */
  async hydrate(id: string, connection: ConnectionContext, options: ClientOptions = {}): Promise<HydratedConnection> {
    const loaded = await this.module(id);
    const source = this.sources.get(id)!;
    const catalog = source.catalog();
    const rateLimits = normalizeRateLimits(catalog.rateLimit, configuredRule(connection.config), catalog.operations);
    if (!isClientConnectorModule(loaded)) return { module: loaded, client: undefined, rateLimits };
    if (!source.hydratable) {
      const { catalogVersion: _catalogVersion, specificationVersion: _specificationVersion, ...metadata } = catalog;
      source.hydratable = withMetadata(loaded, metadata, this.validators);
    }
    const client = source.hydratable[CLIENT_FACTORY](connection, { ...options, rateLimits });
    return { module: bindConnectorModule(source.hydratable, client), client, rateLimits };
  }
}

async function importModule(entry: DiscoveredConnector, catalog: ConnectorCatalog): Promise<ConnectorModule> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(entry.modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new PatchbayError({
      code: 'CONNECTOR_ERROR',
      message: `${entry.packageName}: importing ${entry.modulePath} failed: ${(error as Error).message}`,
      cause: error,
    });
  }
  const module = namespace[entry.exportName];
  if (module === undefined) {
    throw new PatchbayError({
      code: 'CONNECTOR_ERROR',
      message: `${entry.packageName}: ${entry.modulePath} has no export "${entry.exportName}"`,
    });
  }
  // A package that exports a bare client class (handlers registered, no toConnectorModule call)
  // is made into a module from its catalog, as the seed promised existing clients.
  if (isClientClass(module)) {
    const { catalogVersion: _catalogVersion, specificationVersion: _specificationVersion, ...overrides } = catalog;
    try {
      return defineConnectorModule(module, overrides);
    } catch (error) {
      throw new PatchbayError({
        code: 'CONNECTOR_ERROR',
        message: `${entry.packageName}: client class "${entry.exportName}" cannot be made into a module: ${(error as Error).message}`,
        cause: error,
      });
    }
  }
  return module as ConnectorModule;
}

function checkLoaded(module: ConnectorModule, source: Source): ConnectorModule {
  const handled = handledOperations(module);
  const checked = checkConnectorModule(module, handled ? { compileSchemas: false, handledOperations: handled } : { compileSchemas: false });
  if (!checked.valid) {
    throw new PatchbayError({
      code: 'CONNECTOR_ERROR',
      message: `${source.summary.package} violates the connector contract: ${describeViolations(checked.violations)}`,
      details: checked.violations,
    });
  }
  if (module.id !== source.summary.id) {
    throw new PatchbayError({
      code: 'CONNECTOR_ERROR',
      message: `${source.summary.package}: module id "${module.id}" does not match its catalog id "${source.summary.id}"`,
    });
  }
  return module;
}

function summarize(metadata: ConnectorCatalogIndex | ConnectorModule, packageName: string, version: string): ConnectorSummary {
  const summary: ConnectorSummary = {
    id: metadata.id,
    package: packageName,
    version,
    displayName: metadata.displayName,
    operations: Array.isArray(metadata.operations) ? [...metadata.operations] : Object.keys(metadata.operations),
  };
  if (metadata.description !== undefined) summary.description = metadata.description;
  return summary;
}

function describeViolations(violations: { path: string; message: string }[]): string {
  return violations.map((violation) => `${violation.path || '(module)'} ${violation.message}`).join('; ');
}
