import {
  PatchbayError,
  SPECIFICATION_VERSION,
  buildModuleInputSchema,
  checkConnectorModule,
  type ConnectionContext,
  type ConnectorModule,
  type OperationMap,
  type RateLimitRule,
} from '@patchbay/contract';
import { startGithubStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import { LocalRateLimiter } from '../rate-limit/local-rate-limiter.js';
import { IntegrationManager } from '../manager/integration-manager.js';
import { ConnectorFramework } from './connector-framework.js';
import { clientConnectorPackage, createTempApp, markOnImport, minimalCatalog, type TempApp } from './temp-app.test-helper.js';

type Catalog = Record<string, unknown> & { operations: Record<string, Record<string, unknown>> };

const app = {} as { current: TempApp };
let github: GithubStandIn;

beforeAll(async () => {
  const [created, standIn] = await Promise.all([
    createTempApp([
      clientConnectorPackage({
        name: '@acme/connector-good',
        id: 'good',
        exportName: 'GoodModule',
        version: '1.2.3',
        edit: (catalog) => {
          const operations = (catalog as Catalog).operations;
          operations['user.get']!.displayName = 'Who am I (from the catalog)';
          operations['user.get']!.description = 'Written into the catalog after the build';
          // Not a usable rule (a limit needs an interval): normalization drops it.
          operations['user.get']!.rateLimit = { limit: 10 };
        },
      }),
      clientConnectorPackage({
        name: '@acme/connector-orphan-operation',
        id: 'orphan-operation',
        exportName: 'OrphanModule',
        edit: (catalog) => {
          (catalog as Catalog).operations['issues.delete'] = { kind: 'action', displayName: 'Delete', inputSchema: { type: 'object' } };
        },
      }),
      clientConnectorPackage({
        name: '@acme/connector-orphan-handler',
        id: 'orphan-handler',
        exportName: 'OrphanModule',
        edit: (catalog) => {
          delete (catalog as Catalog).operations['issues.create'];
        },
      }),
      {
        name: '@acme/connector-throws',
        patchbay: { connector: 'throws', module: './dist/index.js', export: 'ThrowsModule', catalog: './dist/catalog.json' },
        files: { 'dist/index.js': `${markOnImport('throws')}\nthrow new TypeError('boom at import');\n` },
        catalog: minimalCatalog('throws'),
      },
      {
        // The seed's migration case: a package that exports only its bare client class, with
        // handlers registered and no toConnectorModule call, plus its catalog.
        name: '@acme/connector-legacy',
        patchbay: { connector: 'legacy', module: './dist/index.js', export: 'LegacyClient', catalog: './dist/catalog.json' },
        files: {
          'dist/index.js': `import { BaseAPIClient } from '@patchbay/runtime';
export class LegacyClient extends BaseAPIClient {
  constructor(connection, options) {
    super(connection, options, { auth: { strategy: 'bearer' } });
    this.register('issues.create', (input, call) => call.request({ method: 'POST', path: '/repos/{owner}/{repo}/issues', params: input }));
  }
}
`,
        },
        catalog: minimalCatalog('legacy', {
          displayName: 'Legacy tracker',
          auth: { strategy: 'bearer', credentialsSchema: { type: 'object', required: ['token'] } },
          operations: {
            'issues.create': {
              kind: 'action',
              displayName: 'Create an issue',
              inputSchema: { type: 'object', required: ['owner', 'repo', 'title'], properties: { title: { type: 'string', minLength: 1 } } },
            },
            'repos.get': { kind: 'action', displayName: 'Get a repository', inputSchema: { type: 'object' }, http: { method: 'GET', path: '/repos/{owner}/{repo}' } },
          },
        }),
      },
    ]),
    startGithubStandIn(),
  ]);
  app.current = created;
  github = standIn;
});

afterAll(async () => {
  await Promise.all([app.current?.remove(), github?.close()]);
});

const connection = (id: string, config: Record<string, unknown> = {}): ConnectionContext => ({
  id,
  credentials: { token: github.token },
  config: { baseUrl: github.url, ...config },
});

describe('ConnectorFramework.hydrate', () => {
  it('merges the catalog metadata with the handlers of a new client per connection', async () => {
    const framework = await ConnectorFramework.create({ cwd: app.current.directory });
    const first = await framework.hydrate('good', connection('c1'));
    const second = await framework.hydrate('good', connection('c2'));

    expect(checkConnectorModule(first.module).valid).toBe(true);
    expect(first.module).toMatchObject({ id: 'good', version: '1.2.3', displayName: 'Fixture good', specificationVersion: SPECIFICATION_VERSION });
    expect(first.module.operations['user.get']).toMatchObject({
      displayName: 'Who am I (from the catalog)',
      description: 'Written into the catalog after the build',
    });
    expect(Object.keys(first.module.operations)).toEqual(['user.get', 'issues.create']);
    expect(first.client?.connection.id).toBe('c1');
    expect(second.client?.connection.id).toBe('c2');
    expect(second.client).not.toBe(first.client);
    // Connections of one connector share the metadata; only the client is per connection.
    expect(second.module.operations).toBe(first.module.operations);

    const result = await first.module.execute({
      operation: 'issues.create',
      input: { owner: 'octo-org', repo: 'hello-world', title: 'From a hydrated module' },
      connection: connection('c1'),
    });
    expect(result).toMatchObject({ ok: true, data: { title: 'From a hydrated module' }, meta: { attempts: 1, status: 201 } });
    const sent = github.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues', json: { title: 'From a hydrated module' } });
    expect(sent.headers.authorization).toBe(`Bearer ${github.token}`);
    expect(sent.headers.accept).toBe('application/vnd.github+json');
  });

  it('reports a catalog operation without a handler as a CONNECTOR_ERROR naming it', async () => {
    const framework = await ConnectorFramework.create({ cwd: app.current.directory });
    const error = await framework.hydrate('orphan-operation', connection('c1')).catch((caught: unknown) => caught);
    expect(PatchbayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CONNECTOR_ERROR' });
    expect((error as Error).message).toBe('Connector "orphan-operation" is inconsistent: operation "issues.delete" has neither an http definition nor a handler');
  });

  it('reports a handler without catalog metadata as a CONNECTOR_ERROR naming it', async () => {
    const framework = await ConnectorFramework.create({ cwd: app.current.directory });
    const error = await framework.hydrate('orphan-handler', connection('c1')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONNECTOR_ERROR' });
    expect((error as Error).message).toBe('Connector "orphan-handler" is inconsistent: handler "issues.create" has no operation definition');
  });

  it('normalizes rate limits from catalog.rateLimit, the connection config and operation hints, and hands them to the client', async () => {
    const framework = await ConnectorFramework.create({ cwd: app.current.directory });
    const keys: [string, RateLimitRule][] = [];
    const rateLimiterFactory = vi.fn((key: string, rule: RateLimitRule) => {
      keys.push([key, rule]);
      return new LocalRateLimiter(rule);
    });
    const hydrated = await framework.hydrate('good', connection('limited', { rateLimit: { limit: 10, maxConcurrent: 2, minTimeMs: -5 } }), {
      rateLimiterFactory,
    });
    expect(hydrated.rateLimits).toEqual({
      connection: { limit: 10, intervalMs: 3_600_000, maxConcurrent: 2 },
      operations: { 'issues.create': { minTimeMs: 1 } },
    });

    const result = await hydrated.module.execute({
      operation: 'issues.create',
      input: { owner: 'octo-org', repo: 'hello-world', title: 'Limited' },
      connection: connection('limited'),
    });
    expect(result.ok).toBe(true);
    expect(keys).toEqual([
      ['limited', { limit: 10, intervalMs: 3_600_000, maxConcurrent: 2 }],
      ['limited:issues.create', { minTimeMs: 1 }],
    ]);
    await hydrated.client?.close();
  });
});

describe('ConnectorFramework.module', () => {
  it('rejects with CONNECTOR_ERROR for a module that throws at import, then lists it in problems()', async () => {
    const framework = await ConnectorFramework.create({ cwd: app.current.directory });
    expect(framework.connectors().map((connector) => connector.id)).toContain('throws');
    expect(framework.problems()).toEqual([]);

    const error = await framework.module('throws').catch((caught: unknown) => caught);
    expect(PatchbayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CONNECTOR_ERROR' });
    expect((error as Error).message).toMatch(/^@acme\/connector-throws: importing .*dist\/index\.js failed: boom at import$/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);

    await expect(framework.hydrate('throws', connection('c1'))).rejects.toMatchObject({ code: 'CONNECTOR_ERROR' });
    expect(framework.problems()).toEqual([
      { package: '@acme/connector-throws', reason: expect.stringContaining('boom at import') },
    ]);
  });

  it('rejects an unknown id with CONNECTOR_NOT_FOUND naming what is available', async () => {
    const framework = await ConnectorFramework.create({ modules: [notesModule()] });
    await expect(framework.module('gitlab')).rejects.toMatchObject({
      code: 'CONNECTOR_NOT_FOUND',
      message: 'No connector "gitlab"; available: notes',
    });
  });
});

/** An in-process module that is a plain object, not built on BaseAPIClient. */
function notesModule(): ConnectorModule {
  const operations: OperationMap = {
    'notes.add': { kind: 'action', displayName: 'Add a note', inputSchema: { type: 'object' }, rateLimit: { maxConcurrent: 1.7 } },
  };
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: 'notes',
    displayName: 'Notes',
    version: '0.3.0',
    auth: { strategy: 'none' },
    rateLimit: { limit: 60, intervalMs: 60_000 },
    operations,
    inputSchema: buildModuleInputSchema(operations, 'notes'),
    execute: async ({ operation }) => ({ ok: true, data: null, meta: { operation, attempts: 0, durationMs: 0 } }),
  };
}

class PingClient extends BaseAPIClient {
  constructor(connectionContext: ConnectionContext, options?: ClientOptions) {
    super(connectionContext, options, { auth: { strategy: 'bearer' } });
    this.register('user.get', (_input, call) => call.request({ method: 'GET', path: '/user' }));
  }
}

describe('in-process modules', () => {
  const pingModule = PingClient.toConnectorModule({ id: 'ping', displayName: 'Ping', version: '0.0.1' });

  it('registers modules passed in-process beside the discovered ones', async () => {
    const notes = notesModule();
    const framework = await ConnectorFramework.create({ cwd: app.current.directory, modules: [notes, pingModule] });
    const ids = framework.connectors().map((connector) => connector.id);
    expect(ids).toEqual(expect.arrayContaining(['good', 'throws', 'notes', 'ping']));
    expect(framework.connectors().find((connector) => connector.id === 'notes')).toEqual({
      id: 'notes',
      package: '(registered) notes',
      version: '0.3.0',
      displayName: 'Notes',
      operations: ['notes.add'],
    });
    expect(framework.catalog('notes')).toMatchObject({ catalogVersion: 1, id: 'notes', operations: { 'notes.add': { displayName: 'Add a note' } } });
    await expect(framework.module('notes')).resolves.toBe(notes);
  });

  it('shares a plain module between connections and normalizes its rate limits', async () => {
    const notes = notesModule();
    const framework = await ConnectorFramework.create({ modules: [notes] });
    const hydrated = await framework.hydrate('notes', { id: 'n1', credentials: {}, config: { rateLimit: { limit: 5 } } });
    expect(hydrated.module).toBe(notes);
    expect(hydrated.client).toBeUndefined();
    expect(hydrated.rateLimits).toEqual({ connection: { limit: 5, intervalMs: 60_000 }, operations: { 'notes.add': { maxConcurrent: 1 } } });
  });

  it('binds a client-built in-process module to a new client per connection', async () => {
    const framework = await ConnectorFramework.create({ modules: [pingModule] });
    const hydrated = await framework.hydrate('ping', connection('p1'));
    expect(hydrated.client).toBeInstanceOf(PingClient);
    expect(hydrated.module).not.toBe(pingModule);
    const result = await hydrated.module.execute({ operation: 'user.get', input: {}, connection: connection('p1') });
    expect(result).toMatchObject({ ok: true, data: { login: 'octocat' } });
  });

  it('reports an in-process module that violates the contract, with every violation', async () => {
    const broken = { ...notesModule(), id: 'Broken Notes', execute: undefined } as unknown as ConnectorModule;
    const framework = await ConnectorFramework.create({ modules: [broken, pingModule] });
    expect(framework.connectors().map((connector) => connector.id)).toEqual(['ping']);
    expect(framework.problems()).toEqual([
      { package: 'Broken Notes', reason: 'id must be lowercase letters, digits and dashes; execute must be a function, got undefined' },
    ]);
  });
});

describe('a package exporting a bare client class', () => {
  it('is hydrated into a module from its catalog: handlers from the class, plain REST operations from the catalog', async () => {
    const manager = await IntegrationManager.create({ cwd: app.current.directory });
    try {
      expect(manager.connectors().find((connector) => connector.id === 'legacy')).toMatchObject({
        package: '@acme/connector-legacy',
        displayName: 'Legacy tracker',
        operations: ['issues.create', 'repos.get'],
      });
      await manager.connect({ id: 'old', connector: 'legacy', credentials: { token: github.token }, config: { baseUrl: github.url } });

      const created = await manager.execute('old', 'issues.create', { owner: 'octo-org', repo: 'hello-world', title: 'Migrated' });
      expect(created).toMatchObject({ ok: true, data: { title: 'Migrated' }, meta: { attempts: 1, status: 201 } });
      expect(github.requests.at(-1)).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues', json: { title: 'Migrated' } });

      const repository = await manager.execute('old', 'repos.get', { owner: 'octo-org', repo: 'hello-world' });
      expect(repository).toMatchObject({ ok: true, data: { full_name: 'octo-org/hello-world' } });

      const sentBefore = github.requests.length;
      expect(await manager.execute('old', 'issues.create', { owner: 'octo-org', repo: 'hello-world', title: '' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
      expect(github.requests).toHaveLength(sentBefore);
      expect(manager.problems().filter((problem) => problem.package === '@acme/connector-legacy')).toEqual([]);
    } finally {
      await manager.close();
    }
  });
});
