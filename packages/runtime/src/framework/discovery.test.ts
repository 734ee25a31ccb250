import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGithubStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationManager } from '../manager/integration-manager.js';
import { discoverConnectors } from './discovery.js';
import {
  clientConnectorPackage,
  createTempApp,
  markOnImport,
  minimalCatalog,
  type FixturePackage,
  type TempApp,
} from './temp-app.test-helper.js';

/** A plain-object module (no BaseAPIClient) as its default export, installed pnpm style. */
function echoPackage(): FixturePackage {
  const module = `import { SPECIFICATION_VERSION, buildModuleInputSchema } from '@patchbay/contract';

const operations = {
  'echo.say': { kind: 'action', displayName: 'Say', inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
};

export default {
  specificationVersion: SPECIFICATION_VERSION,
  id: 'echo',
  displayName: 'Echo',
  version: '2.0.0',
  auth: { strategy: 'none' },
  operations,
  inputSchema: buildModuleInputSchema(operations, 'echo'),
  async execute({ operation, input }) {
    return { ok: true, data: { said: input.text }, meta: { operation, attempts: 0, durationMs: 0 } };
  },
};
`;
  return {
    name: '@acme/connector-echo',
    version: '2.0.0',
    linked: true,
    listedIn: 'devDependencies',
    patchbay: { connector: 'echo', module: './dist/index.js', catalog: './dist/catalog.json' },
    files: { 'dist/module.js': module, 'dist/index.js': `${markOnImport('echo')}\nexport { default } from './module.js';\n` },
    catalogFrom: { file: 'dist/module.js', exportName: 'default' },
  };
}

function brokenModulePackage(name: string, id: string, exportName: string, source: string): FixturePackage {
  return {
    name,
    patchbay: { connector: id, module: './dist/index.js', export: exportName, catalog: './dist/catalog.json' },
    files: { 'dist/index.js': `${markOnImport(id)}\n${source}\n` },
    catalog: minimalCatalog(id),
  };
}

const throwsPackage = brokenModulePackage('@acme/connector-throws', 'throws', 'ThrowsModule', `throw new Error('boom at import');`);
const violatesPackage = brokenModulePackage(
  '@acme/connector-violates',
  'violates',
  'ViolatesModule',
  `export const ViolatesModule = { specificationVersion: 'patchbay.connector/v1', id: 'violates', displayName: 'Violates', version: '1.0.0', auth: { strategy: 'none' }, operations: {}, execute: 'not a function' };`,
);
const noExportPackage = brokenModulePackage('@acme/connector-no-export', 'no-export', 'Missing', `export const Other = {};`);

function metadataOnly(name: string, patchbay: unknown, catalog?: unknown): FixturePackage {
  return { name, patchbay, catalog, files: { 'dist/index.js': `${markOnImport(name.replace(/\W/g, '_'))}\nexport default {};\n` } };
}

const field = (connector: string, extra: Record<string, unknown> = {}) => ({
  connector,
  module: './dist/index.js',
  catalog: './dist/catalog.json',
  ...extra,
});

/** Every kind of package discovery must cope with, in one app. */
const everyKind: FixturePackage[] = [
  clientConnectorPackage({ name: '@acme/connector-good', id: 'good', exportName: 'GoodModule', version: '1.2.3' }),
  echoPackage(),
  { name: 'broken-json', manifestText: '{ "name": "broken-json", "patchbay": ' },
  metadataOnly('@acme/connector-string-field', 'github'),
  metadataOnly('@acme/connector-escapes', field('escapes', { module: '../x.js' }), minimalCatalog('escapes')),
  metadataOnly('@acme/connector-absolute', field('absolute', { catalog: '/etc/catalog.json' })),
  metadataOnly('@acme/connector-bad-id', field('Bad Id'), minimalCatalog('Bad Id')),
  metadataOnly('@acme/connector-unbuilt', field('unbuilt')),
  metadataOnly('@acme/connector-wrong-id', field('wrong-id'), minimalCatalog('someone-else')),
  metadataOnly('@acme/connector-future', field('future'), minimalCatalog('future', { specificationVersion: 'patchbay.connector/v99' })),
  throwsPackage,
  violatesPackage,
  noExportPackage,
  clientConnectorPackage({ name: '@acme/connector-good-copy', id: 'good', exportName: 'GoodModule', marker: 'good-copy' }),
  { name: 'plain-dependency', files: { 'index.js': `${markOnImport('plain')}\n` } },
];

describe('discovery through package metadata', () => {
  let app: TempApp;
  let github: GithubStandIn;

  beforeAll(async () => {
    [app, github] = await Promise.all([createTempApp(everyKind), startGithubStandIn()]);
  });

  afterAll(async () => {
    await Promise.all([app?.remove(), github?.close()]);
  });

  it('lists each usable connector with id, package, version, display name and operations', async () => {
    const manager = await IntegrationManager.create({ cwd: app.directory });
    try {
      const connectors = manager.connectors();
      expect(connectors.map((connector) => connector.id)).toEqual(['echo', 'good', 'no-export', 'throws', 'violates']);
      expect(connectors.find((connector) => connector.id === 'good')).toEqual({
        id: 'good',
        package: '@acme/connector-good',
        version: '1.2.3',
        displayName: 'Fixture good',
        description: 'A GitHub-like fixture connector',
        operations: ['user.get', 'issues.create'],
      });
      expect(connectors.find((connector) => connector.id === 'echo')).toEqual({
        id: 'echo',
        package: '@acme/connector-echo',
        version: '2.0.0',
        displayName: 'Echo',
        operations: ['echo.say'],
      });
    } finally {
      await manager.close();
    }
  });

  it('reports every broken package with its name and a specific reason, and ignores plain dependencies', async () => {
    const { problems } = await discoverConnectors(app.directory);
    const reasons = Object.fromEntries(problems.map((problem) => [problem.package, problem.reason]));
    expect(reasons).toEqual({
      'broken-json': 'package.json is not valid JSON',
      '@acme/connector-string-field': '"patchbay" in package.json must be an object',
      '@acme/connector-escapes': '"patchbay.module" must stay inside the package',
      '@acme/connector-absolute': '"patchbay.catalog" must stay inside the package',
      '@acme/connector-bad-id': '"patchbay.connector" must be an id of lowercase letters, digits and dashes',
      '@acme/connector-unbuilt': 'catalog ./dist/catalog.json: cannot be read (was the package built?)',
      '@acme/connector-wrong-id': 'catalog ./dist/catalog.json: id "someone-else" does not match patchbay.connector "wrong-id"',
      '@acme/connector-future': expect.stringMatching(
        /^catalog \.\/dist\/catalog\.json: specificationVersion "patchbay\.connector\/v99" is not supported \(supported: patchbay\.connector\/v1\)$/,
      ),
      '@acme/connector-good-copy': 'connector id "good" is already provided by @acme/connector-good',
    });
    expect(problems).toHaveLength(Object.keys(reasons).length);
    expect(problems.map((problem) => problem.package)).not.toContain('plain-dependency');
  });

  it('follows pnpm symlinks to the real package directory and reads the default export name', async () => {
    const { connectors } = await discoverConnectors(app.directory);
    const echo = connectors.find((connector) => connector.id === 'echo')!;
    const real = path.join(app.directory, 'node_modules', '.pnpm', '@acme+connector-echo@2.0.0', 'node_modules', '@acme', 'connector-echo');
    expect(echo).toMatchObject({ packageName: '@acme/connector-echo', packageVersion: '2.0.0', directory: real, exportName: 'default' });
    expect(echo.modulePath).toBe(path.join(real, 'dist', 'index.js'));
    expect(echo.readCatalog()).toMatchObject({ catalogVersion: 1, id: 'echo', auth: { strategy: 'none' } });
    expect(echo.index).toMatchObject({ catalogVersion: 1, id: 'echo', operations: ['echo.say'] });
  });

  it('reports a module that fails at import, violates the contract or lacks its export on first use, and keeps the others working', async () => {
    const manager = await IntegrationManager.create({ cwd: app.directory });
    try {
      for (const connector of ['good', 'throws', 'violates', 'no-export']) {
        await manager.connect({ id: connector, connector, credentials: { token: github.token }, config: { baseUrl: github.url } });
      }
      const before = manager.problems();
      expect(before.map((problem) => problem.package)).not.toContain('@acme/connector-throws');

      const throws = await manager.execute('throws', 'ping.get', {});
      expect(throws).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR' }, meta: { attempts: 0 } });
      expect(throws.ok || throws.error.message).toMatch(/@acme\/connector-throws: importing .*index\.js failed: boom at import/);

      const violates = await manager.execute('violates', 'ping.get', {});
      expect(violates).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR' } });
      expect(violates.ok || violates.error.message).toMatch(/^@acme\/connector-violates violates the connector contract: /);
      expect(violates.ok || violates.error.message).toContain('execute must be a function, got string');
      expect(violates.ok || violates.error.message).toContain('operations must declare at least one operation');

      const noExport = await manager.execute('no-export', 'ping.get', {});
      expect(noExport.ok || noExport.error.message).toMatch(/@acme\/connector-no-export: .*index\.js has no export "Missing"/);

      const good = await manager.execute('good', 'user.get', {});
      expect(good).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { attempts: 1, status: 200 } });

      // A second call fails the same way, and each package is reported once, with its reason.
      expect(await manager.execute('throws', 'ping.get', {})).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR' } });
      expect(manager.problems().slice(0, before.length)).toEqual(before);
      expect(manager.problems().slice(before.length)).toEqual([
        { package: '@acme/connector-throws', reason: expect.stringContaining('boom at import') },
        { package: '@acme/connector-violates', reason: expect.stringContaining('violates the connector contract') },
        { package: '@acme/connector-no-export', reason: expect.stringContaining('has no export "Missing"') },
      ]);
    } finally {
      await manager.close();
    }
  });

  it('refuses to connect to a package that failed discovery', async () => {
    const manager = await IntegrationManager.create({ cwd: app.directory });
    try {
      await expect(manager.connect({ id: 'future', connector: 'future' })).rejects.toMatchObject({ code: 'CONNECTOR_NOT_FOUND' });
    } finally {
      await manager.close();
    }
  });

  it('reports an app without a readable package.json instead of throwing', async () => {
    const missing = path.join(os.tmpdir(), 'patchbay-no-such-app');
    await expect(discoverConnectors(missing)).resolves.toEqual({
      connectors: [],
      problems: [{ package: 'patchbay-no-such-app', directory: missing, reason: `no readable package.json in ${missing}` }],
    });
  });
});

describe('lazy import', () => {
  let app: TempApp;
  let github: GithubStandIn;

  beforeAll(async () => {
    [app, github] = await Promise.all([
      createTempApp([
        clientConnectorPackage({ name: '@acme/connector-good', id: 'good', exportName: 'GoodModule' }),
        echoPackage(),
        throwsPackage,
      ]),
      startGithubStandIn(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([app?.remove(), github?.close()]);
  });

  it('imports no connector code to list connectors or connect, and each module once on first use', async () => {
    const manager = await IntegrationManager.create({ cwd: app.directory });
    try {
      expect(manager.connectors().map((connector) => connector.id)).toEqual(['echo', 'good', 'throws']);
      expect(manager.problems()).toEqual([]);
      await manager.connect({ id: 'gh-1', connector: 'good', credentials: { token: github.token }, config: { baseUrl: github.url } });
      await manager.connect({ id: 'gh-2', connector: 'good', credentials: { token: github.token }, config: { baseUrl: github.url } });
      await manager.connect({ id: 'echo', connector: 'echo' });
      // Input validation uses the catalog, so a refused call imports nothing either.
      expect(await manager.execute('gh-1', 'issues.create', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await app.importedMarkers()).toEqual([]);

      const results = await Promise.all([manager.execute('gh-1', 'user.get', {}), manager.execute('gh-2', 'user.get', {})]);
      expect(results.map((result) => result.ok)).toEqual([true, true]);
      expect(await app.importedMarkers()).toEqual(['good']);
      expect(await readFile(path.join(app.directory, 'markers', 'good'), 'utf8')).toBe('imported\n');

      expect(await manager.execute('echo', 'echo.say', { text: 'hi' })).toMatchObject({ ok: true, data: { said: 'hi' } });
      expect(await app.importedMarkers()).toEqual(['echo', 'good']);
      expect(github.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /user', 'GET /user']);
    } finally {
      await manager.close();
    }
  });
});
