import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SPECIFICATION_VERSION, buildModuleInputSchema, type ConnectorModule, type OperationMap } from '@patchbay/contract';
import { BaseAPIClient } from '@patchbay/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFERENCE_END, REFERENCE_START } from '../readme/readme-reference.js';
import type { ConnectorPackage } from './connector-package.js';
import { PackageFilesError, writePackageFiles } from './write-package-files.js';

const operations: OperationMap = {
  'items.get': {
    kind: 'action',
    displayName: 'Get an item',
    http: { method: 'GET', path: '/items/{id}' },
    inputSchema: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string' } } },
  },
};

function plainModule(id = 'acme'): ConnectorModule {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id,
    displayName: 'Acme',
    version: '1.0.0',
    auth: { strategy: 'bearer' },
    operations,
    inputSchema: buildModuleInputSchema(operations, id),
    execute: async (input) => ({ ok: true, data: null, meta: { operation: input.operation, attempts: 0, durationMs: 0 } }),
  };
}

let pkg: ConnectorPackage;

beforeEach(async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'patchbay-kit-'));
  pkg = { directory, name: '@acme/connector-acme', version: '1.0.0', field: { connector: 'acme', module: './dist/index.js', export: 'AcmeModule', catalog: './dist/catalog.json' } };
  await writeFile(path.join(directory, 'README.md'), `# Acme\n\n${REFERENCE_START}\n${REFERENCE_END}\n`);
});

afterEach(async () => {
  await rm(pkg.directory, { recursive: true, force: true });
});

describe('writePackageFiles', () => {
  it('writes the catalog, fills the README reference and writes the operation types', async () => {
    const written = await writePackageFiles(pkg, plainModule(), { ci: true });
    expect(written).toEqual({ operations: 1, typesChanged: true });
    const catalog = JSON.parse(await readFile(path.join(pkg.directory, 'dist/catalog.json'), 'utf8')) as { id: string };
    expect(catalog.id).toBe('acme');
    expect(await readFile(path.join(pkg.directory, 'README.md'), 'utf8')).toContain('| `items.get` | action | `GET /items/{id}` | `id` |');
    expect(await readFile(path.join(pkg.directory, 'src/operation-types.ts'), 'utf8')).toContain("'items.get': { input: ItemsGetInput; output: ItemsGetOutput }".replaceAll("'", '"'));
  });

  it('writes shared definitions once at the top of the catalog, and the index discovery reads when the package names one', async () => {
    const $defs = { item: { type: 'object' as const, properties: { id: { type: 'string' as const } } } };
    const shared: OperationMap = { 'items.get': { ...operations['items.get']!, outputSchema: { $ref: '#/$defs/item' } } };
    const module = { ...plainModule(), operations: shared, $defs, inputSchema: buildModuleInputSchema(shared, 'acme', $defs) };
    pkg.field.index = './dist/catalog-index.json';
    await writePackageFiles(pkg, module, { ci: false });
    const catalog = JSON.parse(await readFile(path.join(pkg.directory, 'dist/catalog.json'), 'utf8')) as Record<string, unknown>;
    expect(catalog).toMatchObject({ catalogVersion: 2, $defs, operations: { 'items.get': { outputSchema: { $ref: '#/$defs/item' } } } });
    expect(JSON.parse(await readFile(path.join(pkg.directory, 'dist/catalog-index.json'), 'utf8'))).toEqual({
      catalogVersion: 2,
      specificationVersion: SPECIFICATION_VERSION,
      id: 'acme',
      displayName: 'Acme',
      version: '1.0.0',
      operations: ['items.get'],
    });
    expect(await readFile(path.join(pkg.directory, 'src/operation-types.ts'), 'utf8')).toContain('export type ItemsGetOutput = Item;');
  });

  it('in CI, fails on a stale README reference or operation types file instead of rewriting them', async () => {
    await mkdir(path.join(pkg.directory, 'src'));
    await writeFile(path.join(pkg.directory, 'src/operation-types.ts'), '// stale\n');
    await writeFile(path.join(pkg.directory, 'README.md'), `# Acme\n\n${REFERENCE_START}\nold reference\n${REFERENCE_END}\n`);
    const failure = await writePackageFiles(pkg, plainModule(), { ci: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PackageFilesError);
    expect((failure as Error).message).toBe(
      "@acme/connector-acme: README.md's reference section and src/operation-types.ts out of date; run the build locally and commit the result",
    );
    expect(await readFile(path.join(pkg.directory, 'src/operation-types.ts'), 'utf8')).toBe('// stale\n');

    await writePackageFiles(pkg, plainModule(), { ci: false });
    expect(await readFile(path.join(pkg.directory, 'src/operation-types.ts'), 'utf8')).toContain('export type AcmeOperations = {');
  });

  it('refuses a module that violates the contract, has the wrong id, or an operation with neither http nor handler', async () => {
    await expect(writePackageFiles(pkg, { id: 'acme' }, { ci: false })).rejects.toThrow('@acme/connector-acme: the module violates the contract:');
    await expect(writePackageFiles(pkg, plainModule('other'), { ci: false })).rejects.toThrow('module id "other" differs from patchbay.connector "acme"');

    class HalfClient extends BaseAPIClient.define({ auth: { strategy: 'bearer' } }, { 'items.get': async () => ({ data: null }) }) {}
    const module = HalfClient.toConnectorModule({ id: 'acme', displayName: 'Acme', version: '1.0.0', operations });
    // Drop the handler after the fact, as a stale build would: the build step checks the wiring itself.
    const unwired = { ...module, operations: { ...operations, 'items.list': { kind: 'action' as const, displayName: 'List', inputSchema: { type: 'object' as const } } } };
    await expect(writePackageFiles(pkg, unwired, { ci: false })).rejects.toThrow('operations.items.list: has neither an http definition nor a handler');
  });
});
