import { readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  PatchbayError,
  SUPPORTED_CATALOG_VERSIONS,
  SUPPORTED_SPECIFICATION_VERSIONS,
  toCatalogIndex,
  type CatalogVersion,
  type ConnectorCatalog,
  type ConnectorCatalogIndex,
} from '@patchbay/contract';

/** A connector package found through its `package.json` metadata; nothing of it imported yet. */
export interface DiscoveredConnector {
  id: string;
  packageName: string;
  packageVersion: string;
  /** Real directory of the package (symlinks resolved). */
  directory: string;
  /** Absolute path of the module file. */
  modulePath: string;
  /** Named export holding the module. */
  exportName: string;
  /** What discovery read: the package's catalog index, or the index of its catalog when it ships none. */
  index: ConnectorCatalogIndex;
  /**
   * The full catalog. A package with an index (`patchbay.index`) has it read, synchronously and
   * once, on the first call; throws a CONNECTOR_ERROR when it cannot be read or does not match.
   */
  readCatalog(): ConnectorCatalog;
}

/** A package that declares itself a connector but cannot be used, and why. */
export interface DiscoveryProblem {
  /** The package's name (for an in-process module, its id). */
  package: string;
  directory?: string;
  reason: string;
}

export interface DiscoveryResult {
  connectors: DiscoveredConnector[];
  problems: DiscoveryProblem[];
}

interface PatchbayField {
  connector?: unknown;
  module?: unknown;
  export?: unknown;
  catalog?: unknown;
  index?: unknown;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/**
 * Finds every dependency of the app at `cwd` whose `package.json` has a `patchbay` field, reading
 * only `package.json` files and catalogs. A broken package becomes a problem, never an exception.
 */
export async function discoverConnectors(cwd: string): Promise<DiscoveryResult> {
  const appManifest = await readJson(path.join(cwd, 'package.json'));
  if (!isRecord(appManifest)) {
    return { connectors: [], problems: [{ package: path.basename(cwd), directory: cwd, reason: `no readable package.json in ${cwd}` }] };
  }
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = appManifest[field];
    if (isRecord(dependencies)) for (const name of Object.keys(dependencies)) names.add(name);
  }
  const searchPath = nodeModulesChain(cwd);
  const inspected = await Promise.all([...names].map((name) => inspectPackage(name, searchPath)));

  const result: DiscoveryResult = { connectors: [], problems: [] };
  const seen = new Map<string, string>();
  for (const entry of inspected) {
    if (entry === undefined) continue;
    if ('reason' in entry) {
      result.problems.push(entry);
      continue;
    }
    const clash = seen.get(entry.id);
    if (clash !== undefined) {
      result.problems.push({
        package: entry.packageName,
        directory: entry.directory,
        reason: `connector id "${entry.id}" is already provided by ${clash}`,
      });
      continue;
    }
    seen.set(entry.id, entry.packageName);
    result.connectors.push(entry);
  }
  result.connectors.sort((a, b) => a.id.localeCompare(b.id));
  return result;
}

async function inspectPackage(name: string, searchPath: string[]): Promise<DiscoveredConnector | DiscoveryProblem | undefined> {
  let directory: string | undefined;
  let manifest: unknown;
  for (const nodeModules of searchPath) {
    const candidate = path.join(nodeModules, name);
    manifest = await readJson(path.join(candidate, 'package.json'));
    if (manifest !== undefined) {
      directory = candidate;
      break;
    }
  }
  if (directory === undefined) return undefined;
  if (!isRecord(manifest)) return { package: name, directory, reason: 'package.json is not valid JSON' };
  if (manifest.patchbay === undefined) return undefined;
  directory = await realpath(directory).catch(() => directory!);

  const field = manifest.patchbay as PatchbayField;
  if (!isRecord(field)) return { package: name, directory, reason: '"patchbay" in package.json must be an object' };
  const reasons: string[] = [];
  if (typeof field.connector !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(field.connector)) {
    reasons.push('"patchbay.connector" must be an id of lowercase letters, digits and dashes');
  }
  const modulePath = insidePackage(directory, field.module, '"patchbay.module"', reasons);
  const catalogPath = insidePackage(directory, field.catalog, '"patchbay.catalog"', reasons);
  const exportName = field.export ?? 'default';
  if (typeof exportName !== 'string' || exportName === '') reasons.push('"patchbay.export" must be a string');
  if (reasons.length > 0) return { package: name, directory, reason: reasons.join('; ') };

  const id = field.connector as string;
  const entry = {
    id,
    packageName: name,
    packageVersion: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
    directory,
    modulePath: modulePath!,
    exportName: exportName as string,
  };
  if (field.index !== undefined) {
    const indexPath = insidePackage(directory, field.index, '"patchbay.index"', reasons);
    if (indexPath === undefined) return { package: name, directory, reason: reasons.join('; ') };
    const index = await readJson(indexPath);
    const indexProblem = checkIndex(index, id);
    if (indexProblem) return { package: name, directory, reason: `catalog index ${field.index as string}: ${indexProblem}` };
    let catalog: ConnectorCatalog | undefined;
    const readCatalog = (): ConnectorCatalog => (catalog ??= readCatalogNow(catalogPath!, field.catalog as string, name, id));
    return { ...entry, index: index as ConnectorCatalogIndex, readCatalog };
  }

  const catalog = await readJson(catalogPath!);
  const catalogProblem = checkCatalog(catalog, id);
  if (catalogProblem) return { package: name, directory, reason: `catalog ${field.catalog as string}: ${catalogProblem}` };
  const read = catalog as ConnectorCatalog;
  return { ...entry, index: toCatalogIndex(read), readCatalog: () => read };
}

function readCatalogNow(file: string, label: string, packageName: string, id: string): ConnectorCatalog {
  let catalog: unknown;
  try {
    catalog = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    catalog = (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  const problem = checkCatalog(catalog, id);
  if (problem) throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `${packageName}: catalog ${label}: ${problem}` });
  return catalog as ConnectorCatalog;
}

function checkIndex(index: unknown, id: string): string | undefined {
  if (index === undefined) return 'cannot be read (was the package built?)';
  const problem = checkHeader(index, id);
  if (problem !== undefined) return problem;
  const record = index as Record<string, unknown>;
  if (typeof record.displayName !== 'string') return 'displayName is missing';
  if (!Array.isArray(record.operations) || !record.operations.every((operation) => typeof operation === 'string')) {
    return 'operations must be a list of operation ids';
  }
  return undefined;
}

function checkCatalog(catalog: unknown, id: string): string | undefined {
  if (catalog === undefined) return 'cannot be read (was the package built?)';
  const problem = checkHeader(catalog, id);
  if (problem !== undefined) return problem;
  const record = catalog as Record<string, unknown>;
  if (!isRecord(record.auth)) return 'auth is missing';
  if (!isRecord(record.operations)) return 'operations are missing';
  if (record.$defs !== undefined && !isRecord(record.$defs)) return '$defs must be an object of schemas';
  return undefined;
}

function checkHeader(catalog: unknown, id: string): string | undefined {
  if (!isRecord(catalog)) return 'is not a JSON object';
  if (!SUPPORTED_CATALOG_VERSIONS.includes(catalog.catalogVersion as CatalogVersion)) {
    return `catalogVersion ${JSON.stringify(catalog.catalogVersion)} is not supported (supported: ${SUPPORTED_CATALOG_VERSIONS.join(', ')})`;
  }
  if (!SUPPORTED_SPECIFICATION_VERSIONS.includes(catalog.specificationVersion as string)) {
    return `specificationVersion ${JSON.stringify(catalog.specificationVersion)} is not supported (supported: ${SUPPORTED_SPECIFICATION_VERSIONS.join(', ')})`;
  }
  if (catalog.id !== id) return `id ${JSON.stringify(catalog.id)} does not match patchbay.connector "${id}"`;
  return undefined;
}

function insidePackage(directory: string, value: unknown, label: string, reasons: string[]): string | undefined {
  if (typeof value !== 'string' || value === '') {
    reasons.push(`${label} must be a relative path`);
    return undefined;
  }
  const resolved = path.resolve(directory, value);
  if (!resolved.startsWith(directory + path.sep)) {
    reasons.push(`${label} must stay inside the package`);
    return undefined;
  }
  return resolved;
}

function nodeModulesChain(cwd: string): string[] {
  const chain: string[] = [];
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    if (path.basename(directory) !== 'node_modules') chain.push(path.join(directory, 'node_modules'));
    if (path.dirname(directory) === directory) return chain;
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
