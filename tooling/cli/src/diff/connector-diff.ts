import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectorCatalog } from '@patchbay/contract';
import { requiredLevel, type CatalogChange, type ChangeLevel } from './change-level.js';
import { diffCatalogs } from './catalog-diff.js';
import { readPublishedCatalog, type RegistryOptions } from './published-catalog.js';

export interface ConnectorPackage {
  directory: string;
  name: string;
  version: string;
  private: boolean;
  /** Where the built catalog is, from `patchbay.catalog`; undefined for a package that is no connector. */
  catalogPath: string | undefined;
}

export interface ConnectorDiff {
  package: string;
  version: string;
  /** What was compared against: `name@version` on the registry, or a catalog file. */
  against: string;
  /** The published version compared against, when it came from the registry. */
  againstVersion?: string;
  changes: CatalogChange[];
  required: ChangeLevel;
}

export async function readConnectorPackage(directory: string): Promise<ConnectorPackage> {
  const manifest = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    private?: boolean;
    patchbay?: { catalog?: string };
  };
  const catalog = manifest.patchbay?.catalog;
  return { directory, name: manifest.name, version: manifest.version, private: manifest.private === true, catalogPath: catalog ? path.join(directory, catalog) : undefined };
}

async function readCatalog(file: string): Promise<ConnectorCatalog> {
  if (!existsSync(file)) throw new Error(`${file} does not exist: build the connector first`);
  return JSON.parse(await readFile(file, 'utf8')) as ConnectorCatalog;
}

/** The package's version at a git ref, so `--against <ref>` compares with what that commit released. */
function versionAtRef(directory: string, ref: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['show', `${ref}:./package.json`], { cwd: directory }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git show ${ref}:package.json failed: ${stderr.trim().split('\n')[0] ?? error.message}`));
      else resolve((JSON.parse(stdout) as { version: string }).version);
    });
  });
}

const looksLikeVersionOrTag = (spec: string) => /^\d+\.\d+\.\d+/.test(spec) || ['latest', 'next', 'beta', 'alpha', 'canary'].includes(spec);

/**
 * Compares a connector's built catalog with another: a catalog file, a version or dist-tag on the
 * registry (default `latest`), or the version a git ref (a release tag `name@1.2.0`, a branch, a
 * commit) had, read from the registry. `undefined` when there is nothing published to compare with.
 */
export async function diffConnector(connector: ConnectorPackage, against: string | undefined, registry: RegistryOptions): Promise<ConnectorDiff | undefined> {
  if (!connector.catalogPath) throw new Error(`${connector.name} declares no patchbay.catalog in package.json`);
  const current = await readCatalog(connector.catalogPath);
  let previous: ConnectorCatalog;
  let label: string;
  let againstVersion: string | undefined;
  const file = against === undefined ? undefined : path.resolve(registry.cwd, against);
  if (against !== undefined && file !== undefined && against.endsWith('.json') && existsSync(file)) {
    previous = await readCatalog(file);
    label = against;
  } else {
    let spec = against ?? 'latest';
    const tagged = spec.startsWith(`${connector.name}@`) ? spec.slice(connector.name.length + 1) : undefined;
    if (tagged !== undefined) spec = tagged;
    else if (!looksLikeVersionOrTag(spec)) spec = await versionAtRef(connector.directory, spec);
    const published = await readPublishedCatalog(connector.name, spec, registry);
    if (!published) return undefined;
    previous = published.catalog;
    againstVersion = published.version;
    label = `${connector.name}@${published.version}`;
  }
  const changes = diffCatalogs(previous, current);
  const result: ConnectorDiff = { package: connector.name, version: connector.version, against: label, changes, required: requiredLevel(changes) };
  if (againstVersion !== undefined) result.againstVersion = againstVersion;
  return result;
}

/** One line per change: level, operation and what changed, with where. */
export function formatChanges(changes: readonly CatalogChange[]): string[] {
  return changes.map((change) => `  ${change.level.padEnd(5)}  ${change.operation ? `${change.operation}: ` : ''}${change.message}  (${change.pointer})`);
}
