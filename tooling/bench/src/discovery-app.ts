import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface DiscoveryApp {
  directory: string;
  /** Every connector's package.json path, for the read-only baseline. */
  manifests: string[];
  /** Names of connector modules that were imported (each writes a marker before it throws). */
  importedModules(): Promise<string[]>;
  remove(): Promise<void>;
}

const OPERATIONS = ['records.list', 'records.get', 'records.create', 'records.delete'];

function catalog(id: string): Record<string, unknown> {
  const operations: Record<string, unknown> = {};
  for (const operation of OPERATIONS) {
    operations[operation] = {
      kind: 'action',
      displayName: `${operation} of ${id}`,
      description: `Runs ${operation} against the ${id} API.`,
      idempotent: !operation.endsWith('create'),
      inputSchema: {
        type: 'object',
        required: ['workspace'],
        additionalProperties: false,
        properties: { workspace: { type: 'string', minLength: 1 }, id: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 100 } },
      },
      outputSchema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    };
  }
  return {
    catalogVersion: 1,
    specificationVersion: 'patchbay.connector/v1',
    id,
    displayName: `Bench ${id}`,
    version: '1.0.0',
    description: `Generated connector ${id} for the discovery benchmark.`,
    auth: { strategy: 'bearer', credentialsSchema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } },
    rateLimit: { limit: 100, intervalMs: 60_000 },
    operations,
  };
}

/**
 * An app whose package.json depends on `count` connector packages laid out as npm installs them.
 * Each module file records that it was imported and then throws, so an import cannot go unseen.
 */
export async function createDiscoveryApp(count: number): Promise<DiscoveryApp> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'patchbay-bench-discovery-'));
  const markers = path.join(directory, 'imported');
  await mkdir(markers);
  const dependencies: Record<string, string> = {};
  const manifests: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = `bench-${String(index).padStart(4, '0')}`;
    const name = `@bench/connector-${id}`;
    const packageDirectory = path.join(directory, 'node_modules', '@bench', `connector-${id}`);
    await mkdir(path.join(packageDirectory, 'dist'), { recursive: true });
    const manifest = {
      name,
      version: '1.0.0',
      type: 'module',
      keywords: ['patchbay-connector'],
      patchbay: { connector: id, module: './dist/index.js', export: 'BenchModule', catalog: './dist/catalog.json' },
    };
    await writeFile(path.join(packageDirectory, 'package.json'), JSON.stringify(manifest, null, 2));
    await writeFile(path.join(packageDirectory, 'dist', 'catalog.json'), JSON.stringify(catalog(id), null, 2));
    await writeFile(
      path.join(packageDirectory, 'dist', 'index.js'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(path.join(markers, id))}, '');\nthrow new Error('${name} was imported during discovery');\n`,
    );
    dependencies[name] = '1.0.0';
    manifests.push(path.join(packageDirectory, 'package.json'));
  }
  await writeFile(path.join(directory, 'package.json'), JSON.stringify({ name: 'bench-app', version: '0.0.0', private: true, dependencies }, null, 2));
  return {
    directory,
    manifests,
    importedModules: () => readdir(markers),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
