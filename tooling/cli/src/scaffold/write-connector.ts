import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateOperationTypes, OPERATION_TYPES_FILE } from '@patchbay/connector-kit';
import { PatchbayError, type OperationDefinition, type OperationMap, type SharedDefinitions } from '@patchbay/contract';
import type { ConnectorPlan } from './connector-plan.js';
import { exampleCalls } from './example-call.js';
import type { PackageLocation } from './package-location.js';
import { renderGeneratedOperationFiles, renderOperations } from './render-operations.js';
import { renderChangeset, renderPackageJson, renderTsconfig, VITEST_CONFIG } from './render-package-files.js';
import { renderReadme } from './render-readme.js';
import { connectorNames, renderAuth, renderIndex, renderModule, renderVendorError, VERSION_SOURCE } from './render-source-files.js';
import { renderClientTest, renderModuleTest } from './render-tests.js';

/**
 * The files of a new connector package, keyed by path relative to the package: the same set as
 * connectors/github. The operation types are written now, as the build would write them from the
 * module, so the package type-checks before its first build and that build finds them current.
 */
export async function renderConnector(plan: ConnectorPlan, location: PackageLocation, onStep?: (message: string) => void): Promise<Map<string, string>> {
  const names = connectorNames(plan.name);
  const examples = exampleCalls(plan);
  // The types are the slow part of a large document: reported on their own.
  const operationTypes = await generateOperationTypes({ id: plan.name, operations: operationMap(plan), ...definitionsField(plan) });
  onStep?.('generated operation types');
  return new Map([
    ['package.json', renderPackageJson(plan, names.module, location)],
    ['tsconfig.json', renderTsconfig(location)],
    ['vitest.config.ts', VITEST_CONFIG],
    ['README.md', renderReadme(plan, examples.main)],
    ['src/auth.ts', renderAuth(plan, names)],
    [`src/${plan.name}-error.ts`, renderVendorError(plan, names)],
    [`src/${plan.name}-module.ts`, renderModule(plan, names)],
    ...(plan.source === undefined ? [['src/operations.ts', renderOperations(plan, names)] as const] : renderGeneratedOperationFiles(plan, names)),
    [OPERATION_TYPES_FILE, operationTypes],
    ['src/index.ts', renderIndex(plan, names)],
    ['src/version.ts', VERSION_SOURCE],
    [`src/${plan.name}-client.test.ts`, renderClientTest(plan, names, examples)],
    [`src/${plan.name}-module.test.ts`, renderModuleTest(names)],
  ]);
}

/**
 * The operations as the built module will carry them, for what is derived from them at scaffold
 * time: every schema as operations.ts writes it, shared definitions referred to, not copied.
 */
export function operationMap(plan: ConnectorPlan): OperationMap {
  const operations: OperationMap = {};
  for (const operation of plan.operations) {
    const definition: OperationDefinition = {
      kind: 'action',
      displayName: operation.displayName,
      http: operation.http,
      inputSchema: operation.inputSchema,
    };
    if (operation.outputSchema !== undefined) definition.outputSchema = operation.outputSchema;
    if (operation.pagination !== undefined) definition.pagination = operation.pagination;
    if (operation.paginationUnknown) definition.paginationUnknown = true;
    operations[operation.id] = definition;
  }
  return operations;
}

/** The module's shared definitions, as the generated module passes them (none when the plan has none). */
export function sharedDefinitions(plan: ConnectorPlan): SharedDefinitions | undefined {
  return Object.keys(plan.definitions).length > 0 ? plan.definitions : undefined;
}

function definitionsField(plan: ConnectorPlan): { $defs?: SharedDefinitions } {
  const $defs = sharedDefinitions(plan);
  return $defs === undefined ? {} : { $defs };
}

/** Writes the package (refusing a non-empty folder) and its changeset; returns the paths written. `onStep` hears of the slow steps. */
export async function writeConnector(plan: ConnectorPlan, location: PackageLocation, onStep?: (message: string) => void): Promise<string[]> {
  const existing = await readdir(location.directory).catch(() => []);
  if (existing.length > 0) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${location.directory} already exists and is not empty` });
  }
  const written: string[] = [];
  for (const [relative, content] of await renderConnector(plan, location, onStep)) {
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
