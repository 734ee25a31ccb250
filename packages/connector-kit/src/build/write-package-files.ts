import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkConnectorModule, toCatalog, toCatalogIndex, type ConnectorModule } from '@patchbay/contract';
import { handledOperations } from '@patchbay/runtime';
import { hasReference, updateReadme } from '../readme/readme-reference.js';
import { generateOperationTypes, OPERATION_TYPES_FILE } from '../types/operation-types.js';
import type { ConnectorPackage } from './connector-package.js';

export interface WrittenFiles {
  /** Operations in the catalog. */
  operations: number;
  /** Whether `src/operation-types.ts` was (re)written. */
  typesChanged: boolean;
}

/** A build step that cannot finish, with every reason; the caller prints it and fails. */
export class PackageFilesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PackageFilesError';
  }
}

/**
 * Writes what is derived from the built module, so none of it can drift from the code: the
 * catalog discovery reads, the README's reference section, and the operation types apps import.
 * The module must satisfy the contract, every operation must have an `http` definition or a
 * handler, and every handler an operation. With `ci` set, a stale README reference or operation
 * types file is a failure instead of being rewritten in a throwaway checkout.
 */
export async function writePackageFiles(pkg: ConnectorPackage, exported: unknown, options: { ci: boolean }): Promise<WrittenFiles> {
  const handled = typeof exported === 'object' && exported !== null ? handledOperations(exported as ConnectorModule) : undefined;
  const checked = checkConnectorModule(exported, handled ? { handledOperations: handled } : {});
  if (!checked.valid) {
    throw new PackageFilesError([
      `${pkg.name}: the module violates the contract:`,
      ...checked.violations.map((violation) => `  ${violation.path || '(module)'}: ${violation.message}`),
    ]);
  }
  if (checked.module.id !== pkg.field.connector) {
    throw new PackageFilesError([`${pkg.name}: module id "${checked.module.id}" differs from patchbay.connector "${pkg.field.connector}"`]);
  }
  const catalog = toCatalog(checked.module);
  const catalogPath = path.resolve(pkg.directory, pkg.field.catalog);
  await mkdir(path.dirname(catalogPath), { recursive: true });
  // A catalog with shared definitions is written compact: at vendor scale the indentation alone is megabytes.
  await writeFile(catalogPath, catalog.$defs === undefined ? `${JSON.stringify(catalog, null, 2)}\n` : `${JSON.stringify(catalog)}\n`);
  if (pkg.field.index !== undefined) {
    const indexPath = path.resolve(pkg.directory, pkg.field.index);
    await mkdir(path.dirname(indexPath), { recursive: true });
    await writeFile(indexPath, `${JSON.stringify(toCatalogIndex(catalog), null, 2)}\n`);
  }

  const stale: string[] = [];
  const readmePath = path.join(pkg.directory, 'README.md');
  const readme = await readFile(readmePath, 'utf8').catch(() => undefined);
  if (readme !== undefined) {
    const updated = updateReadme(readme, catalog);
    // A reference still empty (a package just scaffolded) is filled in, in CI too.
    if (updated !== readme && options.ci && hasReference(readme)) stale.push('README.md\'s reference section');
    else if (updated !== readme) await writeFile(readmePath, updated);
  }

  const typesPath = path.join(pkg.directory, OPERATION_TYPES_FILE);
  const types = await generateOperationTypes(checked.module);
  const current = await readFile(typesPath, 'utf8').catch(() => undefined);
  const typesChanged = current !== types;
  if (typesChanged && options.ci && current !== undefined) stale.push(OPERATION_TYPES_FILE);
  else if (typesChanged) {
    await mkdir(path.dirname(typesPath), { recursive: true });
    await writeFile(typesPath, types);
  }

  if (stale.length > 0) {
    throw new PackageFilesError([`${pkg.name}: ${stale.join(' and ')} out of date; run the build locally and commit the result`]);
  }
  return { operations: Object.keys(catalog.operations).length, typesChanged };
}
