import { pathToFileURL } from 'node:url';
import {
  PatchbayError,
  checkConnectorModule,
  toCatalog,
  type ConnectionContext,
  type ConnectorCatalog,
  type ConnectorModule,
} from '@patchbay/contract';
import type { BaseAPIClient, ClientOptions } from '../client/base-api-client.js';
import { CLIENT_FACTORY, type ClientFactory, type ModuleOverrides } from '../client/connector-module-from-client.js';
import { configuredRule, normalizeRateLimits, type NormalizedRateLimits } from '../rate-limit/rate-limit-rules.js';
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
  catalog: ConnectorCatalog;
  /** The catalog as module overrides, one object per connector so its derived data is shared. */
  metadata?: ModuleOverrides;
  load: () => Promise<ConnectorModule>;
}

/**
 * Finds connector packages through their metadata, imports a module the first time a connection
 * needs it, and hydrates one module per connection from the catalog and the client's handlers.
 */
export class ConnectorFramework {
  private readonly sources = new Map<string, Source>();
  private readonly loaded = new Map<string, Promise<ConnectorModule>>();
  private readonly brokenPackages: DiscoveryProblem[];

  private constructor(discovered: DiscoveredConnector[], problems: DiscoveryProblem[], modules: ConnectorModule[]) {
    this.brokenPackages = [...problems];
    for (const entry of discovered) {
      this.sources.set(entry.id, {
        catalog: entry.catalog,
        summary: summarize(entry.catalog, entry.packageName, entry.packageVersion),
        load: () => importModule(entry),
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
      this.sources.set(module.id, {
        catalog: toCatalog(module),
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

  catalog(id: string): ConnectorCatalog | undefined {
    return this.sources.get(id)?.catalog;
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
   * A module for one connection: the catalog's metadata merged with the handlers registered on a
   * new client, plus the normalized rate-limit rules. Modules not built on BaseAPIClient are
   * shared by every connection as they are.
   */
  async hydrate(id: string, connection: ConnectionContext, options: ClientOptions = {}): Promise<HydratedConnection> {
    const module = await this.module(id);
    const catalog = this.sources.get(id)!.catalog;
    const rateLimits = normalizeRateLimits(catalog.rateLimit, configuredRule(connection.config), catalog.operations);
    const factory = (module as { [CLIENT_FACTORY]?: ClientFactory })[CLIENT_FACTORY];
    if (typeof factory !== 'function') return { module, client: undefined, rateLimits };

    const client = factory(connection, { ...options, rateLimits });
    const handlers = new Set(client.handlerIds());
    const declared = Object.keys(catalog.operations);
    const violations = [
      ...declared.filter((operation) => !handlers.has(operation)).map((operation) => `operation "${operation}" has no handler`),
      ...[...handlers].filter((operation) => !(operation in catalog.operations)).map((operation) => `handler "${operation}" has no metadata in the catalog`),
    ];
    if (violations.length > 0) {
      throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Connector "${id}" is inconsistent: ${violations.join('; ')}` });
    }
    const source = this.sources.get(id)!;
    if (!source.metadata) {
      const { catalogVersion: _catalogVersion, ...metadata } = catalog;
      source.metadata = metadata;
    }
    return { module: client.toConnectorModule(source.metadata), client, rateLimits };
  }
}

async function importModule(entry: DiscoveredConnector): Promise<ConnectorModule> {
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
  return module as ConnectorModule;
}

function checkLoaded(module: ConnectorModule, source: Source): ConnectorModule {
  const checked = checkConnectorModule(module, { compileSchemas: false });
  if (!checked.valid) {
    throw new PatchbayError({
      code: 'CONNECTOR_ERROR',
      message: `${source.summary.package} violates the connector contract: ${describeViolations(checked.violations)}`,
      details: checked.violations,
    });
  }
  if (module.id !== source.catalog.id) {
    throw new PatchbayError({
      code: 'CONNECTOR_ERROR',
      message: `${source.summary.package}: module id "${module.id}" does not match its catalog id "${source.catalog.id}"`,
    });
  }
  return module;
}

function summarize(metadata: ConnectorCatalog | ConnectorModule, packageName: string, version: string): ConnectorSummary {
  const summary: ConnectorSummary = {
    id: metadata.id,
    package: packageName,
    version,
    displayName: metadata.displayName,
    operations: Object.keys(metadata.operations),
  };
  if (metadata.description !== undefined) summary.description = metadata.description;
  return summary;
}

function describeViolations(violations: { path: string; message: string }[]): string {
  return violations.map((violation) => `${violation.path || '(module)'} ${violation.message}`).join('; ');
}
