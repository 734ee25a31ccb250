import {
  PatchbayError,
  SPECIFICATION_VERSION,
  buildModuleInputSchema,
  type ConnectionContext,
  type ConnectorModule,
  type JSONSchema,
  type OperationMap,
} from '@patchbay/contract';
import { startGithubStandIn, startStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import { ConnectorFramework } from '../framework/connector-framework.js';
import { createEmptyApp, createTempApp, markOnImport, minimalCatalog, type TempApp } from '../framework/temp-app.test-helper.js';
import { createTransport } from '../http/transport.js';
import { IntegrationManager } from './integration-manager.js';

// Every schema compilation in the runtime goes through the contract's compiler: count them.
const compiled = vi.hoisted(() => [] as unknown[]);
vi.mock('@patchbay/contract', async (importOriginal) => {
  const original = await importOriginal<typeof import('@patchbay/contract')>();
  return {
    ...original,
    createSchemaCompiler: () => {
      const compiler = original.createSchemaCompiler();
      return {
        compile: (schema: JSONSchema) => {
          compiled.push(schema);
          return compiler.compile(schema);
        },
      };
    },
  };
});

const credentialsSchema: JSONSchema = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 8 } },
};

const issueInput: JSONSchema = {
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

class GithubLikeClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, { auth: { strategy: 'bearer', credentialsSchema }, headers: { accept: 'application/vnd.github+json' } });
    this.register('user.get', (_input, call) => call.request({ method: 'GET', path: '/user' }));
    this.register('issues.create', (input, call) => call.request({ method: 'POST', path: '/repos/{owner}/{repo}/issues', params: input }));
    this.register('issues.explode', () => {
      throw new Error('handler bug');
    });
  }
}

const githubModule = GithubLikeClient.toConnectorModule({
  id: 'github',
  displayName: 'GitHub (test)',
  version: '9.9.9',
  operations: {
    'user.get': { kind: 'action', displayName: 'Get the authenticated user', idempotent: true, inputSchema: { type: 'object', additionalProperties: false } },
    'issues.create': { kind: 'action', displayName: 'Create an issue', inputSchema: issueInput },
    'issues.explode': { kind: 'action', displayName: 'Explode', inputSchema: { type: 'object' } },
  },
});

/** A plain-object module whose `execute` throws (or rejects) with the connection's token in the message. */
function faultyModule(mode: 'throws' | 'rejects'): ConnectorModule {
  const operations: OperationMap = { 'thing.do': { kind: 'action', displayName: 'Do', inputSchema: { type: 'object' } } };
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: `faulty-${mode}`,
    displayName: 'Faulty',
    version: '1.0.0',
    auth: { strategy: 'bearer' },
    operations,
    inputSchema: buildModuleInputSchema(operations, `faulty-${mode}`),
    execute(input) {
      const error = new Error(`cannot use token ${String(input.connection.credentials.token)}`);
      if (mode === 'throws') throw error;
      return Promise.reject(error);
    },
  };
}

let github: GithubStandIn;
let emptyApp: TempApp;
let manager: IntegrationManager | undefined;

beforeAll(async () => {
  [github, emptyApp] = await Promise.all([startGithubStandIn(), createEmptyApp()]);
});

afterAll(async () => {
  await Promise.all([github?.close(), emptyApp?.remove()]);
});

beforeEach(() => {
  github.requests.length = 0;
});

afterEach(async () => {
  await manager?.close();
  manager = undefined;
  vi.restoreAllMocks();
});

async function createManager(options: Parameters<typeof IntegrationManager.create>[0] = {}): Promise<IntegrationManager> {
  manager = await IntegrationManager.create({ cwd: emptyApp.directory, modules: [githubModule], ...options });
  return manager;
}

const connectGithub = (target: IntegrationManager, id = 'gh', config: Record<string, unknown> = {}) =>
  target.connect({ id, connector: 'github', credentials: { token: github.token }, config: { baseUrl: github.url, ...config } });

describe('IntegrationManager: connect and execute', () => {
  it('lists in-process connectors, connects and executes through the connection', async () => {
    const target = await createManager();
    expect(target.connectors()).toEqual([
      {
        id: 'github',
        package: '(registered) github',
        version: '9.9.9',
        displayName: 'GitHub (test)',
        operations: ['user.get', 'issues.create', 'issues.explode'],
      },
    ]);
    await expect(connectGithub(target)).resolves.toMatchObject({ id: 'gh', connector: 'github' });

    const result = await target.execute('gh', 'issues.create', { owner: 'octo-org', repo: 'hello-world', title: 'Hello', labels: ['bug'] });
    expect(result).toMatchObject({
      ok: true,
      data: { number: 49, title: 'Hello', labels: [{ name: 'bug' }] },
      meta: { operation: 'issues.create', attempts: 1, status: 201 },
    });
    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/octo-org/hello-world/issues',
      json: { title: 'Hello', labels: ['bug'] },
    });
    expect(github.requests[0]?.headers.authorization).toBe(`Bearer ${github.token}`);
  });

  it('answers CONNECTION_NOT_FOUND for an unknown connection without rejecting', async () => {
    const target = await createManager();
    await expect(target.execute('nope', 'user.get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'CONNECTION_NOT_FOUND', message: 'No connection "nope"', retryable: false },
      meta: { operation: 'user.get', attempts: 0, durationMs: 0 },
    });
  });

  it('rejects connect to an unknown connector with CONNECTOR_NOT_FOUND', async () => {
    const target = await createManager();
    const error = await target.connect({ id: 'gl', connector: 'gitlab' }).catch((caught: unknown) => caught);
    expect(PatchbayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'CONNECTOR_NOT_FOUND', message: 'No connector "gitlab"; available: github' });
  });

  it('rejects credentials that fail auth.credentialsSchema with VALIDATION_FAILED, without echoing them', async () => {
    const target = await createManager();
    await connectGithub(target);
    const credentials = { token: 'tkn-123', password: 'hunter2-very-secret' };
    const error = await target.connect({ id: 'gh', connector: 'github', credentials }).catch((caught: unknown) => caught);
    expect(PatchbayError.isInstance(error)).toBe(true);
    const { code, message, details } = error as PatchbayError;
    expect(code).toBe('VALIDATION_FAILED');
    expect(details).toEqual([
      { pointer: '/password', keyword: 'additionalProperties', message: 'is not an allowed property' },
      { pointer: '/token', keyword: 'minLength', message: 'must NOT have fewer than 8 characters' },
    ]);
    const shown = JSON.stringify({ message, details, stack: (error as Error).stack });
    expect(shown).not.toContain('tkn-123');
    expect(shown).not.toContain('hunter2-very-secret');
    // The refused connect left the existing connection as it was.
    expect(await target.execute('gh', 'user.get', {})).toMatchObject({ ok: true });
    expect(github.requests.at(-1)?.headers.authorization).toBe(`Bearer ${github.token}`);
  });

  it('refuses invalid input with every schema error and its JSON pointer, sending nothing', async () => {
    const target = await createManager();
    const hydrate = vi.spyOn(ConnectorFramework.prototype, 'hydrate');
    await connectGithub(target);
    const result = await target.execute('gh', 'issues.create', { owner: 'octo-org', title: 42, labels: ['ok', 7], color: 'red' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', retryable: false }, meta: { attempts: 0 } });
    if (result.ok) return;
    expect(result.error.details).toEqual(
      expect.arrayContaining([
        { pointer: '/repo', keyword: 'required', message: 'is required' },
        { pointer: '/color', keyword: 'additionalProperties', message: 'is not an allowed property' },
        { pointer: '/title', keyword: 'type', message: 'must be string' },
        { pointer: '/labels/1', keyword: 'type', message: 'must be string' },
      ]),
    );
    expect(result.error.details).toHaveLength(4);
    expect(result.error.message).toMatch(/^Input of issues\.create is invalid \(nothing was sent\): /);
    expect(github.requests).toEqual([]);
    expect(hydrate).not.toHaveBeenCalled();
  });

  it('compiles each schema once, however many calls and connections use it', async () => {
    const target = await createManager();
    const start = compiled.length;
    await connectGithub(target, 'a');
    await connectGithub(target, 'b');
    expect(compiled.slice(start)).toEqual([credentialsSchema]);

    const afterConnect = compiled.length;
    const results = [];
    for (let index = 0; index < 100; index++) results.push(await target.execute(index % 2 ? 'a' : 'b', 'user.get', {}));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(compiled.slice(afterConnect)).toEqual([{ type: 'object', additionalProperties: false }]);
    expect(github.requests).toHaveLength(100);
  });

  it('hydrates the module once per connection, and again after a reconnect', async () => {
    const target = await createManager();
    const hydrate = vi.spyOn(ConnectorFramework.prototype, 'hydrate');
    await connectGithub(target, 'a');
    await connectGithub(target, 'b');
    await Promise.all([1, 2, 3].flatMap(() => [target.execute('a', 'user.get', {}), target.execute('b', 'user.get', {})]));
    await target.execute('a', 'user.get', {});
    expect(hydrate.mock.calls.map(([id, context]) => [id, context.id])).toEqual([
      ['github', 'a'],
      ['github', 'b'],
    ]);

    await connectGithub(target, 'a');
    await target.execute('a', 'user.get', {});
    expect(hydrate).toHaveBeenCalledTimes(3);
  });

  it('counts HTTP attempts in meta.attempts, retries included', async () => {
    const target = await createManager({ retry: { minDelayMs: 1, maxDelayMs: 1, jitter: false } });
    await connectGithub(target);
    github.injectFaults({ status: 502, match: '/user' }, { status: 503, match: '/user' });
    expect(await target.execute('gh', 'user.get', {})).toMatchObject({ ok: true, meta: { attempts: 3, status: 200 } });
    expect(github.requests.map((request) => request.path)).toEqual(['/user', '/user', '/user']);

    // A POST that may have changed state is not repeated.
    github.injectFaults({ status: 502, match: '/repos' });
    const created = await target.execute('gh', 'issues.create', { owner: 'octo-org', repo: 'hello-world', title: 'Once' });
    expect(created).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 502 }, meta: { attempts: 1, status: 502 } });
    expect(github.requests).toHaveLength(4);
  });
});

describe('IntegrationManager: execute never rejects', () => {
  it('turns a module whose execute throws or rejects into CONNECTOR_ERROR, without the credential', async () => {
    const target = await createManager({ modules: [faultyModule('throws'), faultyModule('rejects')] });
    for (const connector of ['faulty-throws', 'faulty-rejects']) {
      await target.connect({ id: connector, connector, credentials: { token: 'secret-token-value' } });
      const result = await target.execute(connector, 'thing.do', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR' }, meta: { attempts: 0 } });
      expect(JSON.stringify(result)).not.toContain('secret-token-value');
      expect(result.ok || result.error.message).toBe('cannot use token [REDACTED]');
    }
  });

  it('turns a handler that throws into CONNECTOR_ERROR', async () => {
    const target = await createManager();
    await connectGithub(target);
    expect(await target.execute('gh', 'issues.explode', {})).toMatchObject({
      ok: false,
      error: { code: 'CONNECTOR_ERROR', message: 'The issues.explode handler threw: handler bug' },
      meta: { attempts: 0 },
    });
  });

  it('answers NETWORK_ERROR, without a status, when nothing listens', async () => {
    const closed = await startStandIn(() => ({ status: 200 }));
    await closed.close();
    const target = await createManager({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1, jitter: false } });
    await target.connect({ id: 'gone', connector: 'github', credentials: { token: github.token }, config: { baseUrl: closed.url } });
    const result = await target.execute('gone', 'user.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK_ERROR', retryable: true }, meta: { attempts: 3 } });
    expect(result.ok || result.error.status).toBeUndefined();
    expect(result.meta.status).toBeUndefined();
  });

  it('answers CONNECTOR_ERROR for broken packages: a failed import, or a catalog schema that does not compile', async () => {
    const app = await createTempApp([
      {
        name: '@acme/connector-throws',
        patchbay: { connector: 'throws', module: './dist/index.js', export: 'ThrowsModule', catalog: './dist/catalog.json' },
        files: { 'dist/index.js': `${markOnImport('throws')}\nthrow new Error('boom at import');\n` },
        catalog: minimalCatalog('throws'),
      },
      {
        name: '@acme/connector-bad-schema',
        patchbay: { connector: 'bad-schema', module: './dist/index.js', export: 'Module', catalog: './dist/catalog.json' },
        files: { 'dist/index.js': `${markOnImport('bad-schema')}\nexport const Module = {};\n` },
        catalog: minimalCatalog('bad-schema', {
          auth: { strategy: 'bearer', credentialsSchema: true },
          operations: {
            'ping.get': { kind: 'action', displayName: 'Ping', inputSchema: { type: 'objekt' } },
            'ping.boolean': { kind: 'action', displayName: 'Ping', inputSchema: true },
          },
        }),
      },
      {
        name: '@acme/connector-bad-credentials',
        patchbay: { connector: 'bad-credentials', module: './dist/index.js', catalog: './dist/catalog.json' },
        files: { 'dist/index.js': `${markOnImport('bad-credentials')}\nexport default {};\n` },
        catalog: minimalCatalog('bad-credentials', { auth: { strategy: 'bearer', credentialsSchema: { type: 'nope' } } }),
      },
    ]);
    try {
      const target = await createManager({ cwd: app.directory, modules: [] });
      await target.connect({ id: 'throws', connector: 'throws' });
      await target.connect({ id: 'bad-schema', connector: 'bad-schema' });
      const results = await Promise.all([
        target.execute('throws', 'ping.get', {}),
        target.execute('bad-schema', 'ping.get', {}),
        target.execute('bad-schema', 'ping.boolean', {}),
      ]);
      for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR' }, meta: { attempts: 0 } });
      expect(results[0]?.ok || results[0]?.error.message).toContain('boom at import');
      expect(results[1]?.ok || results[1]?.error.message).toMatch(/^The input schema of bad-schema ping\.get does not compile: /);
      // A schema ajv refuses makes connect reject with a coded error too, naming the connector.
      await expect(target.connect({ id: 'bad-credentials', connector: 'bad-credentials' })).rejects.toMatchObject({
        code: 'CONNECTOR_ERROR',
        message: expect.stringMatching(/^The credentials schema of bad-credentials does not compile: /),
      });
      // `true` is a valid schema: that call got as far as importing the module, which is broken.
      expect(results[2]?.ok || results[2]?.error.message).toContain('violates the connector contract');
      expect(await app.importedMarkers()).toEqual(['bad-schema', 'throws']);
    } finally {
      await app.remove();
    }
  });
});

describe('IntegrationManager: generic executor', () => {
  it('is off by default: an unknown operation is UNKNOWN_OPERATION and nothing is sent', async () => {
    const target = await createManager();
    await connectGithub(target);
    expect(await target.execute('gh', 'repos.get', { method: 'GET', path: '/repos/octo-org/hello-world' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: 'Connector "github" has no operation "repos.get"' },
      meta: { attempts: 0 },
    });
    expect(github.requests).toEqual([]);
  });

  it('sends { method, path, query, body } to the connection base URL with auth applied', async () => {
    const target = await createManager({ genericExecutor: true });
    await connectGithub(target);
    const listed = await target.execute('gh', 'issues.list', {
      method: 'GET',
      path: '/repos/octo-org/hello-world/issues',
      query: { state: 'closed', per_page: 2 },
    });
    expect(listed).toMatchObject({ ok: true, meta: { operation: 'issues.list', attempts: 1, status: 200 } });
    expect(listed.ok && (listed.data as { state: string }[]).map((issue) => issue.state)).toEqual(['closed', 'closed']);

    const commented = await target.execute('gh', 'comments.create', {
      method: 'POST',
      path: '/repos/octo-org/hello-world/issues/1/comments',
      body: { body: 'Generic hello' },
    });
    expect(commented).toMatchObject({ ok: true, data: { body: 'Generic hello' }, meta: { status: 201 } });

    expect(github.requests.map(({ method, path, query, json }) => ({ method, path, query, json }))).toEqual([
      { method: 'GET', path: '/repos/octo-org/hello-world/issues', query: { state: 'closed', per_page: '2' }, json: undefined },
      { method: 'POST', path: '/repos/octo-org/hello-world/issues/1/comments', query: {}, json: { body: 'Generic hello' } },
    ]);
    for (const request of github.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${github.token}`);
      expect(request.headers.host).toBe(new URL(github.url).host);
    }
  });

  it('keeps a base URL path prefix (enterprise hosts)', async () => {
    const target = await createManager({ genericExecutor: true });
    await connectGithub(target, 'ghe', { baseUrl: `${github.url}/api/v3/` });
    const result = await target.execute('ghe', 'meta.get', { method: 'GET', path: '/meta' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404 }, meta: { attempts: 1 } });
    expect(github.requests.map((request) => request.path)).toEqual(['/api/v3/meta']);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/x'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash', '/\\evil'],
    ['a backslash after the slash', '/\\\\evil.example/x'],
    ['a path template', '/repos/{owner}/x'],
    ['a path without a leading slash', 'evil.example/x'],
  ])('refuses %s with VALIDATION_FAILED and sends nothing', async (_label, path) => {
    const target = await createManager({ genericExecutor: true });
    await connectGithub(target);
    const result = await target.execute('gh', 'anything', { method: 'GET', path });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok || result.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/path' })]));
    expect(github.requests).toEqual([]);
  });

  it('refuses a host header and unknown fields', async () => {
    const target = await createManager({ genericExecutor: true });
    await connectGithub(target);
    const result = await target.execute('gh', 'anything', { method: 'GET', path: '/user', headers: { host: 'evil.example' }, url: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(github.requests).toEqual([]);
  });

  it('applies the connection rate limit to generic requests too', async () => {
    const target = await createManager({ genericExecutor: true });
    await connectGithub(target, 'gh', { rateLimit: { limit: 1, intervalMs: 60_000 } });
    expect(await target.execute('gh', 'raw', { method: 'GET', path: '/user' })).toMatchObject({ ok: true });
    const held = await target.execute('gh', 'raw', { method: 'GET', path: '/user' }, { signal: AbortSignal.timeout(150) });
    expect(held).toMatchObject({ ok: false, error: { code: 'ABORTED' }, meta: { attempts: 0 } });
    const operation = await target.execute('gh', 'user.get', {}, { signal: AbortSignal.timeout(150) });
    expect(operation).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(github.requests).toHaveLength(1);
  });

  it('answers UNKNOWN_OPERATION for a module without a client', async () => {
    const target = await createManager({ genericExecutor: true, modules: [faultyModule('throws')] });
    await target.connect({ id: 'faulty', connector: 'faulty-throws' });
    expect(await target.execute('faulty', 'raw', { method: 'GET', path: '/user' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
  });
});

class OAuthClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    // The token URL is never used: each connection names its own in config.tokenUrl.
    super(connection, options, { auth: { strategy: 'oauth2', tokenUrl: 'https://auth.example.invalid/token' } });
    this.register('me.get', (_input, call) => call.request({ method: 'GET', path: '/me' }));
  }
}

describe('IntegrationManager: credentials and lifecycle', () => {
  it('calls onCredentialsRefreshed with the connection id after an OAuth2 refresh', async () => {
    let current = 'access-1';
    const provider = await startStandIn((request) => {
      if (request.path === '/token') {
        if (request.form?.refresh_token !== 'refresh-1') return { status: 400, body: { error: 'invalid_grant' } };
        current = 'access-2';
        return { status: 200, body: { access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 3600, token_type: 'bearer' } };
      }
      return request.headers.authorization === `Bearer ${current}` && current === 'access-2'
        ? { status: 200, body: { login: 'octocat' } }
        : { status: 401, body: { message: 'Bad credentials' } };
    });
    try {
      const refreshed = vi.fn();
      const oauthModule = OAuthClient.toConnectorModule({ id: 'oauth-api', displayName: 'OAuth API', version: '1.0.0' });
      const target = await createManager({ modules: [oauthModule], onCredentialsRefreshed: refreshed });
      await target.connect({
        id: 'oauth-conn',
        connector: 'oauth-api',
        credentials: { accessToken: 'access-1', refreshToken: 'refresh-1', clientId: 'client-1', clientSecret: 'client-secret-1' },
        config: { baseUrl: provider.url, tokenUrl: `${provider.url}/token` },
      });
      expect(await target.execute('oauth-conn', 'me.get', {})).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { attempts: 2 } });
      expect(await target.execute('oauth-conn', 'me.get', {})).toMatchObject({ ok: true, meta: { attempts: 1 } });

      expect(refreshed).toHaveBeenCalledTimes(1);
      expect(refreshed).toHaveBeenCalledWith('oauth-conn', expect.objectContaining({ accessToken: 'access-2', refreshToken: 'refresh-2', clientId: 'client-1' }));
      expect(provider.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization ?? ''}`.trim())).toEqual([
        'GET /me Bearer access-1',
        'POST /token',
        'GET /me Bearer access-2',
        'GET /me Bearer access-2',
      ]);
    } finally {
      await provider.close();
    }
  });

  it('releases a connection on disconnect: queued calls end, later calls find no connection', async () => {
    const target = await createManager();
    await connectGithub(target, 'gh', { rateLimit: { limit: 1, intervalMs: 60_000 } });
    expect(await target.execute('gh', 'user.get', {})).toMatchObject({ ok: true });
    const queued = target.execute('gh', 'user.get', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    await target.disconnect('gh');
    expect(await queued).toMatchObject({ ok: false, error: { code: 'ABORTED' }, meta: { attempts: 0 } });
    expect(await target.execute('gh', 'user.get', {})).toMatchObject({ ok: false, error: { code: 'CONNECTION_NOT_FOUND' } });
    expect(github.requests).toHaveLength(1);
  });

  it('closes every connection and the transport it created (twice is safe), but not a transport it was given', async () => {
    const close = vi.spyOn(Agent.prototype, 'close');
    const target = await createManager();
    await connectGithub(target);
    expect(await target.execute('gh', 'user.get', {})).toMatchObject({ ok: true });
    await target.close();
    await expect(target.close()).resolves.toBeUndefined();
    const closedAgents = new Set(close.mock.contexts as Agent[]);
    expect(closedAgents.size).toBe(1);
    expect([...closedAgents][0]?.closed).toBe(true);
    expect(await target.execute('gh', 'user.get', {})).toMatchObject({ ok: false, error: { code: 'CONNECTION_NOT_FOUND' } });

    const transport = createTransport() as Agent;
    const shared = await createManager({ transport });
    await connectGithub(shared);
    expect(await shared.execute('gh', 'user.get', {})).toMatchObject({ ok: true });
    await shared.close();
    expect(close.mock.contexts).not.toContain(transport);
    expect(transport.closed).toBe(false);
    await transport.close();
  });
});
