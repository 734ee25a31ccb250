import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface PublishablePackage {
  name: string;
  version: string;
  directory: string;
  dependencies: Record<string, string>;
}

/** Folders of pnpm-workspace.yaml that can hold published packages (examples are all private). */
const PACKAGE_FOLDERS = ['packages', 'connectors', 'tooling'];

/** Every workspace package that is not private, read from its package.json. */
export async function publishablePackages(workspace: string): Promise<PublishablePackage[]> {
  const found: PublishablePackage[] = [];
  for (const folder of PACKAGE_FOLDERS) {
    const entries = await readdir(path.join(workspace, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const directory = path.join(workspace, folder, entry.name);
      const text = await readFile(path.join(directory, 'package.json'), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const manifest = JSON.parse(text) as { name: string; version: string; private?: boolean; dependencies?: Record<string, string> };
      if (manifest.private === true) continue;
      found.push({ name: manifest.name, version: manifest.version, directory, dependencies: manifest.dependencies ?? {} });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
