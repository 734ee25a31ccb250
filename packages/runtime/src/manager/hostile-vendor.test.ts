import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { ConnectionContext, ConnectorExecuteOutput } from '@patchbay/contract';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import { IntegrationManager, type IntegrationManagerOptions } from './integration-manager.js';

// Attacks from a hostile vendor (or whoever controls its answers) and a hostile caller of the
// generic executor, against real servers on 127.0.0.1.

const TOKEN = 'tok_hostile_CANARY_9f2e';

class ItemsClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, { auth: { strategy: 'bearer' } });
    this.register('items.get', (input, call) => call.request({ method: 'GET', path: '/items/{id}', params: input }));
  }
}
const ItemsModule = ItemsClient.toConnectorModule({
  id: 'items',
  displayName: 'Items',
  version: '1.0.0',
  operations: {
    'items.get': { kind: 'action', displayName: 'Get', inputSchema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
  },
});

const servers: Server[] = [];
const managers: IntegrationManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const requests: { path: string; host: string | undefined; authorization: string | undefined }[] = [];
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', host: request.headers.host, authorization: request.headers.authorization });
    handler(request, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, port: (server.address() as AddressInfo).port, requests };
}

async function connect(baseUrl: string, options: IntegrationManagerOptions = {}, credentials: Record<string, unknown> = { token: TOKEN }) {
  const manager = await IntegrationManager.create({ cwd: '/nonexistent-app', modules: [ItemsModule], genericExecutor: true, retry: { retries: 0 }, ...options });
  managers.push(manager);
  await manager.connect({ id: 'conn', connector: 'items', credentials, config: { baseUrl } });
  return manager;
}

function json(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
}

describe('a hostile vendor answer never makes a call reject', () => {
  const deep = (levels: number) => `${'['.repeat(levels / 2)}${'{"a":'.repeat(levels / 2)}"${TOKEN}"${'}'.repeat(levels / 2)}${']'.repeat(levels / 2)}`;

  it.each([2_000, 20_000])('resolves a 400 whose body nests %i levels deep, through the generic executor and an operation', async (levels) => {
    const api = await serve((_request, response) => json(response, 400, deep(levels)));
    const manager = await connect(api.url);
    const generic = await manager.execute('conn', 'custom', { method: 'GET', path: '/deep' });
    const operation = await manager.execute('conn', 'items.get', { id: '1' });
    for (const result of [generic, operation]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400 } });
      // The echoed token sits at the bottom; a recursive walk (JSON.stringify) of 20,000 levels
      // would overflow this test's own stack, so the message and the shallow levels are checked.
      expect(!result.ok && result.error.message).not.toContain(TOKEN);
      if (levels <= 2_000) expect(JSON.stringify(result)).not.toContain(TOKEN);
    }
    const pages: ConnectorExecuteOutput[] = [];
    for await (const page of manager.pages('conn', 'items.get', { id: '1' })) pages.push(page);
    expect(pages).toHaveLength(1);
  });

  it('keeps a vendor __proto__ key a plain property of error.details', async () => {
    const api = await serve((_request, response) => json(response, 422, `{"message":"bad","__proto__":{"polluted":"yes","toString":"x"}}`));
    const manager = await connect(api.url);
    for (const result of [await manager.execute('conn', 'items.get', { id: '1' }), await manager.execute('conn', 'custom', { method: 'GET', path: '/x' })]) {
      expect(result.ok).toBe(false);
      const details = !result.ok ? (result.error.details as Record<string, unknown>) : {};
      expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
      expect(details.polluted).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(details, '__proto__')?.value).toEqual({ polluted: 'yes', toString: 'x' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('credentials echoed back in another encoding are redacted', () => {
  it.each([
    ['upper-cased', TOKEN.toUpperCase()],
    ['JSON-escaped', TOKEN.replace(/_/g, '\\u005f').replace('t', '\\u0074')],
    ['URL-encoded with lower-case hex', encodeURIComponent(`${TOKEN}/x`).replace(/%2F/g, '%2f').replace(/_/g, '%5f')],
  ])('%s', async (_label, echo) => {
    const api = await serve((_request, response) => json(response, 401, `{"message":"bad token ${echo}","echo":"${echo}"}`));
    const manager = await connect(api.url);
    const result = await manager.execute('conn', 'custom', { method: 'GET', path: '/x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const text = JSON.stringify(result);
    expect(text).toContain('[REDACTED]');
    expect(text.toLowerCase()).not.toContain(TOKEN.toLowerCase());
    expect(text).not.toContain(echo);
  });

  it('a Basic Authorization header echoed by a Twilio-style 401', async () => {
    const credentials = { accountSid: 'AC0123456789', authToken: 'twilio-auth-token-CANARY' };
    const basic = Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64');
    const api = await serve((request, response) => json(response, 401, JSON.stringify({ message: 'Authenticate', received: request.headers.authorization })));
    class BasicClient extends BaseAPIClient {
      constructor(connection: ConnectionContext, options?: ClientOptions) {
        super(connection, options, { auth: { strategy: 'basic', usernameField: 'accountSid', passwordField: 'authToken' } });
        this.register('account.get', (_input, call) => call.request({ method: 'GET', path: '/Accounts.json' }));
      }
    }
    const manager = await IntegrationManager.create({ cwd: '/nonexistent-app', modules: [BasicClient.toConnectorModule({ id: 'basic', displayName: 'Basic', version: '1.0.0' })], genericExecutor: true });
    managers.push(manager);
    await manager.connect({ id: 'twilio', connector: 'basic', credentials, config: { baseUrl: api.url } });
    const result = await manager.execute('twilio', 'custom', { method: 'GET', path: '/Accounts.json' });
    expect(api.requests[0]!.authorization).toBe(`Basic ${basic}`);
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', details: { received: 'Basic [REDACTED]' } } });
    expect(JSON.stringify(result)).not.toContain(basic);
  });

  it('util.inspect of the manager, a connection or a client prints no credential', async () => {
    const api = await serve((_request, response) => json(response, 200, '{}'));
    const manager = await connect(api.url, {}, { token: TOKEN });
    expect((await manager.execute('conn', 'items.get', { id: '1' })).ok).toBe(true);
    const printed = inspect(manager, { depth: Infinity, showHidden: true });
    expect(printed).toContain('conn');
    expect(printed).not.toContain(TOKEN);
    const client = new ItemsClient({ id: 'direct', credentials: { token: TOKEN }, config: { baseUrl: api.url } });
    expect(inspect(client, { depth: Infinity })).not.toContain(TOKEN);
    expect(inspect(client.connection)).not.toContain(TOKEN);
    // Behaviour is unchanged: the credentials are still there for the runtime.
    expect(client.connection.credentials.token).toBe(TOKEN);
    expect({ ...client.connection.credentials }).toEqual({ token: TOKEN });
  });
});

describe('the generic executor stays under the base URL', () => {
  it.each(['/../admin', '/%2e%2e/admin', '/%2E%2e/admin', '/x/.%2e/%2E./admin'])('refuses %s with base …/api/v3, sending nothing', async (path) => {
    const api = await serve((_request, response) => json(response, 200, '{"admin":true}'));
    const manager = await connect(`${api.url}/api/v3`);
    const result = await manager.execute('conn', 'custom', { method: 'GET', path });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(api.requests).toEqual([]);
  });

  it.each(['HOST', 'hOsT', 'Content-Length', 'transfer-encoding'])('refuses a %s header in any case', async (name) => {
    const api = await serve((_request, response) => json(response, 200, '{}'));
    const manager = await connect(api.url);
    const result = await manager.execute('conn', 'custom', { method: 'GET', path: '/x', headers: { [name]: 'evil.test' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(api.requests).toEqual([]);
  });

  it('refuses invalid header values and a "#" in the path as validation failures, not retried network errors', async () => {
    const api = await serve((_request, response) => json(response, 200, '{}'));
    const manager = await connect(api.url, { retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } });
    for (const headers of [{ 'x-note': 'a\r\nX-Injected: 1' }, { 'x-note': 'snow \u2603' }]) {
      expect(await manager.execute('conn', 'custom', { method: 'GET', path: '/x', headers })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    }
    expect(await manager.execute('conn', 'custom', { method: 'GET', path: '/x#frag', query: { q: '1' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(api.requests).toEqual([]);
  });
});

describe('no SSRF through redirects', () => {
  // The connection's base URL is a public-looking name; this transport alone maps it to the
  // loopback API, the way DNS would map a real vendor's name.
  async function publicLookingManager(apiPort: number, options: IntegrationManagerOptions = {}) {
    const transport = new Agent({
      connect: { lookup: (_hostname, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }] as never, 4) },
    });
    const manager = await connect(`http://api.vendor.test:${apiPort}`, { transport, ...options });
    return { manager, close: () => transport.close() };
  }

  it.each([
    ['the cloud metadata address', (port: number) => `http://169.254.169.254:${port}/latest/meta-data/`, false],
    ['a loopback address', (port: number) => `http://127.0.0.1:${port}/latest/meta-data/`, true],
    ['localhost (resolved, not trusted by name)', (port: number) => `http://localhost:${port}/latest/meta-data/`, true],
    ['an IPv4-mapped IPv6 loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/latest/meta-data/`, true],
  ])('refuses a redirect to %s and never returns its body', async (_label, target, reachable) => {
    const metadata = await serve((_request, response) => json(response, 200, '{"secret":"instance-credentials"}'));
    const api = await serve((_request, response) => {
      response.writeHead(302, { location: target(metadata.port) });
      response.end();
    });
    const { manager, close } = await publicLookingManager(api.port);
    try {
      for (const result of [await manager.execute('conn', 'items.get', { id: '1' }), await manager.execute('conn', 'custom', { method: 'GET', path: '/x' })]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 302 } });
        expect(!result.ok && result.error.message).toMatch(/private, loopback or link-local|this machine/);
        expect(JSON.stringify(result)).not.toContain('instance-credentials');
      }
      expect(api.requests).toHaveLength(2);
      expect(api.requests[0]!.host).toBe(`api.vendor.test:${api.port}`);
      if (reachable) expect(metadata.requests).toEqual([]);
    } finally {
      await close();
    }
  });

  it('follows such a redirect when the app allows private networks', async () => {
    const internal = await serve((_request, response) => json(response, 200, '{"internal":true}'));
    const api = await serve((_request, response) => {
      response.writeHead(302, { location: `${internal.url}/data` });
      response.end();
    });
    const { manager, close } = await publicLookingManager(api.port, { allowPrivateNetwork: true });
    try {
      expect(await manager.execute('conn', 'items.get', { id: '1' })).toMatchObject({ ok: true, data: { internal: true } });
    } finally {
      await close();
    }
  });

  it('follows a redirect between loopback servers when the base URL is itself loopback', async () => {
    const other = await serve((_request, response) => json(response, 200, '{"landed":true}'));
    const api = await serve((_request, response) => {
      response.writeHead(302, { location: `${other.url}/landing` });
      response.end();
    });
    const manager = await connect(api.url);
    expect(await manager.execute('conn', 'items.get', { id: '1' })).toMatchObject({ ok: true, data: { landed: true } });
    expect(other.requests[0]!.authorization).toBeUndefined();
  });
});

