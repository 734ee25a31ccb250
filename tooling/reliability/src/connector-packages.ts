import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectorModule } from '@patchbay/contract';

/** The repository's `connectors/` folder. */
export const CONNECTORS_DIRECTORY = fileURLToPath(new URL('../../../connectors/', import.meta.url));

export interface ConnectorPackage {
  name: string;
  directory: string;
  /** Absolute path of the built module named by `patchbay.module`. */
  modulePath: string;
  exportName: string;
}

/**
 * Every first-party connector package, read from `connectors/*` at test time so packages added
 * later are covered without touching this suite. Folders without a `package.json` carrying a
 * `patchbay` field (work in progress) are not connector packages yet.
 */
export function findConnectorPackages(): ConnectorPackage[] {
  const packages: ConnectorPackage[] = [];
  for (const entry of readdirSync(CONNECTORS_DIRECTORY, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const directory = path.join(CONNECTORS_DIRECTORY, entry.name);
    const manifestPath = path.join(directory, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; patchbay?: { module?: string; export?: string } };
    if (!manifest.patchbay?.module) continue;
    packages.push({
      name: manifest.name,
      directory,
      modulePath: path.join(directory, manifest.patchbay.module),
      exportName: manifest.patchbay.export ?? 'default',
    });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

/** Imports a package's built module; a missing build fails with the command that fixes it. */
export async function importConnectorModule(connector: ConnectorPackage): Promise<ConnectorModule> {
  if (!existsSync(connector.modulePath)) {
    throw new Error(`${connector.name} is not built (${connector.modulePath} is missing): run \`pnpm turbo run build --filter=${connector.name}\``);
  }
  const namespace = (await import(pathToFileURL(connector.modulePath).href)) as Record<string, unknown>;
  const module = namespace[connector.exportName];
  if (module === undefined) throw new Error(`${connector.name} has no export "${connector.exportName}"`);
  return module as ConnectorModule;
}
