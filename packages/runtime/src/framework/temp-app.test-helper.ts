import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Test-only: builds throwaway apps with a real node_modules layout for discovery tests. Not
// exported from index.ts and not part of the published files.

const RUNTIME_DIRECTORY = fileURLToPath(new URL('../..', import.meta.url));
const MARKERS_PLACEHOLDER = '%MARKERS%';

/** One package to install into a temp app's node_modules. */
export interface FixturePackage {
  name: string;
  version?: string;
  /** The `patchbay` field of its package.json; omitted for a plain dependency. */
  patchbay?: unknown;
  /** Written as package.json verbatim instead of a generated manifest (e.g. invalid JSON). */
  manifestText?: string;
  /** Files relative to the package directory. `%MARKERS%` becomes the marker directory (a JS string). */
  files?: Record<string, string>;
  /** Writes `dist/catalog.json` from `toCatalog()` of an export, computed in a separate Node process. */
  catalogFrom?: { file: string; exportName: string; edit?: (catalog: Record<string, unknown>) => void };
  /** Writes `dist/catalog.json` as given. */
  catalog?: unknown;
  /** pnpm layout: the package lives under node_modules/.pnpm and node_modules/<name> is a symlink. */
  linked?: boolean;
  /** Field of the app's package.json that lists it. Default `dependencies`. */
  listedIn?: 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'nowhere';
}

export interface TempApp {
  directory: string;
  /** Names passed to `markOnImport` by modules that have been imported, in import order. */
  importedMarkers(): Promise<string[]>;
  remove(): Promise<void>;
}

/**
 * A temp app whose package.json depends on `packages`, with @patchbay/runtime and
 * @patchbay/contract symlinked to this workspace (their own dependencies resolve from their real
 * paths, as under pnpm). The runtime must be built (`dist/index.js`).
 */
export async function createTempApp(packages: FixturePackage[]): Promise<TempApp> {
  if (!existsSync(path.join(RUNTIME_DIRECTORY, 'dist', 'index.js'))) {
    throw new Error('Build @patchbay/runtime first (pnpm build): the fixtures import its dist');
  }
  const directory = await realpath(await mkdtemp(path.join(os.tmpdir(), 'patchbay-app-')));
  const markers = path.join(directory, 'markers');
  const nodeModules = path.join(directory, 'node_modules');
  await mkdir(markers);
  await mkdir(path.join(nodeModules, '@patchbay'), { recursive: true });
  await symlink(RUNTIME_DIRECTORY, path.join(nodeModules, '@patchbay', 'runtime'), 'dir');
  await symlink(await realpath(path.join(RUNTIME_DIRECTORY, 'node_modules', '@patchbay', 'contract')), path.join(nodeModules, '@patchbay', 'contract'), 'dir');

  const app: Record<string, unknown> = { name: 'temp-app', version: '0.0.0', private: true, type: 'module' };
  const catalogJobs: { file: string; exportName: string; target: string; edit?: (catalog: Record<string, unknown>) => void }[] = [];
  for (const fixture of packages) {
    const packageDirectory = await installDirectory(nodeModules, fixture);
    await writeFile(path.join(packageDirectory, 'package.json'), fixture.manifestText ?? JSON.stringify(manifest(fixture), null, 2));
    for (const [file, text] of Object.entries(fixture.files ?? {})) {
      await mkdir(path.dirname(path.join(packageDirectory, file)), { recursive: true });
      await writeFile(path.join(packageDirectory, file), text.replaceAll(MARKERS_PLACEHOLDER, JSON.stringify(markers)));
    }
    const catalogFile = path.join(packageDirectory, 'dist', 'catalog.json');
    if (fixture.catalog !== undefined) await writeFile(catalogFile, JSON.stringify(fixture.catalog, null, 2));
    if (fixture.catalogFrom) {
      catalogJobs.push({ ...fixture.catalogFrom, file: path.join(packageDirectory, fixture.catalogFrom.file), target: catalogFile });
    }
    const field = fixture.listedIn ?? 'dependencies';
    if (field !== 'nowhere') ((app[field] ??= {}) as Record<string, string>)[fixture.name] = fixture.version ?? '1.0.0';
  }
  await writeFile(path.join(directory, 'package.json'), JSON.stringify(app, null, 2));
  await writeCatalogs(directory, catalogJobs);

  return {
    directory,
    async importedMarkers() {
      return (await readdir(markers)).sort();
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** An empty app (a package.json without dependencies), for in-process modules. */
export async function createEmptyApp(): Promise<TempApp> {
  return createTempApp([]);
}

/** JS statement for a fixture module: records that the module was imported. */
export function markOnImport(name: string): string {
  return [
    `import { appendFileSync as recordImport } from 'node:fs';`,
    `recordImport(${MARKERS_PLACEHOLDER} + ${JSON.stringify(`/${name}`)}, 'imported\\n');`,
  ].join('\n');
}

/**
 * Files of a connector built like a real one: `dist/client.js` defines a GitHub-like client on the
 * built runtime's `BaseAPIClient` and its module through `toConnectorModule`; `dist/index.js`
 * records its import and re-exports it. `dist/catalog.json` comes from `catalogFrom`.
 */
export function clientConnectorPackage(options: {
  name: string;
  id: string;
  exportName: string;
  version?: string;
  marker?: string;
  linked?: boolean;
  edit?: (catalog: Record<string, unknown>) => void;
}): FixturePackage {
  const version = options.version ?? '1.0.0';
  const client = `import { BaseAPIClient } from '@patchbay/runtime';

const issueInput = {
  type: 'object',
  required: ['owner', 'repo', 'title'],
  additionalProperties: false,
  properties: {
    owner: { type: 'string' },
    repo: { type: 'string' },
    title: { type: 'string', minLength: 1 },
    labels: { type: 'array', items: { type: 'string' } },
  },
};

export class FixtureClient extends BaseAPIClient {
  constructor(connection, options) {
    super(connection, options, {
      auth: {
        strategy: 'bearer',
        credentialsSchema: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1 } } },
      },
      headers: { accept: 'application/vnd.github+json' },
    });
    this.register('user.get', (_input, call) => call.request({ method: 'GET', path: '/user' }));
    this.register('issues.create', (input, call) =>
      call.request({ method: 'POST', path: '/repos/{owner}/{repo}/issues', params: input }),
    );
  }
}

export const ${options.exportName} = FixtureClient.toConnectorModule({
  id: ${JSON.stringify(options.id)},
  displayName: 'Fixture ${options.id}',
  version: ${JSON.stringify(version)},
  description: 'A GitHub-like fixture connector',
  rateLimit: { limit: 5000, intervalMs: 3600000 },
  operations: {
    'user.get': { kind: 'action', displayName: 'Get the authenticated user', idempotent: true, inputSchema: { type: 'object', additionalProperties: false } },
    'issues.create': { kind: 'action', displayName: 'Create an issue', inputSchema: issueInput, rateLimit: { minTimeMs: 1 } },
  },
});
`;
  const index = `${markOnImport(options.marker ?? options.id)}\nexport * from './client.js';\n`;
  return {
    name: options.name,
    version,
    linked: options.linked,
    patchbay: { connector: options.id, module: './dist/index.js', export: options.exportName, catalog: './dist/catalog.json' },
    files: { 'dist/client.js': client, 'dist/index.js': index },
    catalogFrom: { file: 'dist/client.js', exportName: options.exportName, edit: options.edit },
  };
}

/** A catalog that passes discovery's checks, for packages whose module is broken on purpose. */
export function minimalCatalog(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    catalogVersion: 1,
    specificationVersion: 'patchbay.connector/v1',
    id,
    displayName: `Fixture ${id}`,
    version: '1.0.0',
    auth: { strategy: 'none' },
    operations: { 'ping.get': { kind: 'action', displayName: 'Ping', inputSchema: { type: 'object' } } },
    ...overrides,
  };
}

function manifest(fixture: FixturePackage): Record<string, unknown> {
  const result: Record<string, unknown> = { name: fixture.name, version: fixture.version ?? '1.0.0', type: 'module' };
  if (fixture.patchbay !== undefined) {
    result.keywords = ['patchbay-connector'];
    result.patchbay = fixture.patchbay;
  }
  return result;
}

async function installDirectory(nodeModules: string, fixture: FixturePackage): Promise<string> {
  const link = path.join(nodeModules, fixture.name);
  await mkdir(path.dirname(link), { recursive: true });
  if (!fixture.linked) {
    await mkdir(link, { recursive: true });
    return link;
  }
  const storeEntry = `${fixture.name.replace('/', '+')}@${fixture.version ?? '1.0.0'}`;
  const real = path.join(nodeModules, '.pnpm', storeEntry, 'node_modules', fixture.name);
  await mkdir(real, { recursive: true });
  await symlink(path.relative(path.dirname(link), real), link, 'dir');
  return real;
}

const CATALOG_SCRIPT = `
import { pathToFileURL } from 'node:url';
const { toCatalog } = await import('@patchbay/contract');
const catalogs = [];
for (const job of JSON.parse(process.env.PATCHBAY_CATALOG_JOBS)) {
  const namespace = await import(pathToFileURL(job.file).href);
  catalogs.push(toCatalog(namespace[job.exportName]));
}
process.stdout.write(JSON.stringify(catalogs));
`;

/** Like a connector's build step: the catalog is written from the module itself, in its own process. */
async function writeCatalogs(
  directory: string,
  jobs: { file: string; exportName: string; target: string; edit?: (catalog: Record<string, unknown>) => void }[],
): Promise<void> {
  if (jobs.length === 0) return;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CATALOG_SCRIPT], {
    cwd: directory,
    env: { ...process.env, PATCHBAY_CATALOG_JOBS: JSON.stringify(jobs.map(({ file, exportName }) => ({ file, exportName }))) },
  });
  const catalogs = JSON.parse(stdout) as Record<string, unknown>[];
  for (const [index, job] of jobs.entries()) {
    const catalog = catalogs[index]!;
    job.edit?.(catalog);
    await writeFile(job.target, JSON.stringify(catalog, null, 2));
  }
}
