import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { importConnectorModule, readConnectorPackage } from '../connector-package.js';
import { REFERENCE_END, REFERENCE_START, updateReadme } from '../readme-reference.js';

export const catalogHelp = `Usage: patchbay catalog [dir]

Writes the connector's catalog (its metadata as data, read by discovery without importing code)
from the built module, and refreshes the reference section of its README. Run after the build.
Fails, listing every violation, when the module does not satisfy the contract. With CI set in the
environment it does not rewrite the README: a stale reference section fails the build instead.`;

export async function catalogCommand(args: string[], output: NodeJS.WritableStream): Promise<number> {
  const directory = path.resolve(args[0] ?? '.');
  const pkg = await readConnectorPackage(directory);
  const checked = checkConnectorModule(await importConnectorModule(pkg));
  if (!checked.valid) {
    output.write(`${pkg.name}: the module violates the contract:\n`);
    for (const violation of checked.violations) output.write(`  ${violation.path || '(module)'}: ${violation.message}\n`);
    return 1;
  }
  if (checked.module.id !== pkg.field.connector) {
    output.write(`${pkg.name}: module id "${checked.module.id}" differs from patchbay.connector "${pkg.field.connector}"\n`);
    return 1;
  }
  const catalog = toCatalog(checked.module);
  const catalogPath = path.resolve(directory, pkg.field.catalog);
  await mkdir(path.dirname(catalogPath), { recursive: true });
  await writeFile(catalogPath, `${JSON.stringify(catalog, null, 2)}\n`);

  const readmePath = path.join(directory, 'README.md');
  const readme = await readFile(readmePath, 'utf8').catch(() => undefined);
  if (readme !== undefined) {
    const updated = updateReadme(readme, catalog);
    if (updated !== readme) {
      // In CI a stale reference is a failure, not something to fix silently in a throwaway
      // checkout; an empty one (a package just scaffolded) is filled in.
      if (process.env.CI && hasReference(readme)) {
        output.write(`${pkg.name}: README.md's reference section is out of date; run the build locally and commit it\n`);
        return 1;
      }
      await writeFile(readmePath, updated);
    }
  }
  output.write(`${pkg.name}: catalog written (${Object.keys(catalog.operations).length} operations)\n`);
  return 0;
}

function hasReference(readme: string): boolean {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  return start !== -1 && end > start && readme.slice(start + REFERENCE_START.length, end).trim() !== '';
}
