import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The `patchbay` field of a connector's package.json. */
export interface PatchbayPackageField {
  connector: string;
  module: string;
  export: string;
  catalog: string;
  /** The small index discovery reads instead of the catalog (`./dist/catalog-index.json`); optional. */
  index?: string;
}

export interface ConnectorPackage {
  directory: string;
  name: string;
  version: string;
  field: PatchbayPackageField;
}

/** Reads a connector package's metadata; throws a one-line error naming what is wrong. */
export async function readConnectorPackage(directory: string): Promise<ConnectorPackage> {
  const manifestPath = path.join(directory, 'package.json');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${manifestPath}: ${(error as Error).message}`);
  }
  const field = manifest.patchbay as Partial<PatchbayPackageField> | undefined;
  if (typeof field !== 'object' || field === null) throw new Error(`${manifestPath}: no "patchbay" field`);
  for (const key of ['connector', 'module', 'catalog'] as const) {
    if (typeof field[key] !== 'string') throw new Error(`${manifestPath}: "patchbay.${key}" must be a string`);
  }
  if (field.index !== undefined && typeof field.index !== 'string') throw new Error(`${manifestPath}: "patchbay.index" must be a string`);
  return {
    directory,
    name: String(manifest.name),
    version: String(manifest.version),
    field: { ...(field as PatchbayPackageField), export: field.export ?? 'default' },
  };
}

/** Imports the package's built module export. */
export async function importConnectorModule(pkg: ConnectorPackage): Promise<unknown> {
  const file = path.resolve(pkg.directory, pkg.field.module);
  const namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  if (!(pkg.field.export in namespace)) throw new Error(`${file} has no export "${pkg.field.export}"`);
  return namespace[pkg.field.export];
}
