import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PatchbayError } from '@patchbay/contract';
import type { ConnectorPlan } from './connector-plan.js';
import { exampleCall } from './example-call.js';
import type { PackageLocation } from './package-location.js';
import { renderOperations } from './render-operations.js';
import { renderChangeset, renderPackageJson, renderTsconfig, TSUP_CONFIG, VITEST_CONFIG } from './render-package-files.js';
import { renderReadme } from './render-readme.js';
import {
  connectorNames,
  renderAuth,
  renderClient,
  renderIndex,
  renderModule,
  renderVendorError,
  VERSION_SOURCE,
} from './render-source-files.js';
import { renderClientTest, renderModuleTest } from './render-tests.js';

/** The files of a new connector package, keyed by path relative to the package (same set as connectors/github). */
export function renderConnector(plan: ConnectorPlan, location: PackageLocation): Map<string, string> {
  const names = connectorNames(plan.name);
  const example = exampleCall(plan);
  return new Map([
    ['package.json', renderPackageJson(plan, names.module, location)],
    ['tsconfig.json', renderTsconfig(location)],
    ['tsup.config.ts', TSUP_CONFIG],
    ['vitest.config.ts', VITEST_CONFIG],
    ['README.md', renderReadme(plan, example)],
    ['src/auth.ts', renderAuth(plan, names)],
    [`src/${plan.name}-client.ts`, renderClient(plan, names)],
    [`src/${plan.name}-error.ts`, renderVendorError(plan, names)],
    [`src/${plan.name}-module.ts`, renderModule(plan, names)],
    ['src/operations.ts', renderOperations(plan, names)],
    ['src/index.ts', renderIndex(plan, names)],
    ['src/version.ts', VERSION_SOURCE],
    [`src/${plan.name}-client.test.ts`, renderClientTest(plan, names, example)],
    [`src/${plan.name}-module.test.ts`, renderModuleTest(plan, names)],
  ]);
}

/** Writes the package (refusing a non-empty folder) and its changeset; returns the paths written. */
export async function writeConnector(plan: ConnectorPlan, location: PackageLocation): Promise<string[]> {
  const existing = await readdir(location.directory).catch(() => []);
  if (existing.length > 0) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${location.directory} already exists and is not empty` });
  }
  const written: string[] = [];
  for (const [relative, content] of renderConnector(plan, location)) {
    const file = path.join(location.directory, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    written.push(file);
  }
  if (location.changesetDirectory) {
    const file = path.join(location.changesetDirectory, `connector-${plan.name}.md`);
    await writeFile(file, renderChangeset(plan), { flag: 'wx' }).then(
      () => written.push(file),
      () => undefined,
    );
  }
  return written;
}
