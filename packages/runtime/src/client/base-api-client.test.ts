import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ConnectionContext, ConnectorExecuteOutput } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInHandler } from '@patchbay/stand-ins';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTransport, type HttpTransport } from '../http/transport.js';
import { BaseAPIClient, type ClientDefinition, type ClientOptions } from './base-api-client.js';
import type { ModuleOverrides } from './connector-module-from-client.js';

const transport: HttpTransport = createTransport();
const servers: StandIn[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await transport.close();
});

async function serve(handler: StandInHandler = () => ({ status: 200, body: { ok: true } })): Promise<StandIn> {
  const server = await startStandIn(handler);
  servers.push(server);
  return server;
}

/** A small connector client: one handler per operation, each a single request. */
class ItemsClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options: ClientOptions = {}, definition: Partial<ClientDefinition> = {}) {
    super(connection, { transport, retry: { minDelayMs: 1, maxDelayMs: 5 }, ...options }, {
      auth: { strategy: 'bearer' },
      headers: { 'X-Api-Version': '2024-06-01' },
      ...definition,
    });
    this.register('items.get', (input, call) => call.request({ method: 'GET', path: '/items/{id}', params: input }));
    this.register('items.list', (input, call) => call.request({ method: 'GET', path: '/orgs/{org}/items', params: input }));
    this.register('items.create', (input, call) => call.request({ method: 'POST', path: '/orgs/{org}/items', params: input }));
    this.register('items.update', (input, call) =>
      call.request({ method: 'PATCH', path: '/items/{id}', params: input, body: { name: input.name }, query: { notify: 'false' } }),
    );
    this.register('charges.create', (input, call) =>
      call.request({ method: 'POST', path: '/v1/charges', params: input, bodyType: 'form' }),
    );
    this.register('files.upload', (input, call) =>
      call.request({ method: 'POST', path: '/files', params: input, bodyType: 'multipart', idempotent: true, headers: { 'Content-Type': 'text/plain' } }),
    );
    this.register('items.external', (input, call) => call.request({ method: 'GET', path: String(input.path) }));
    this.register('boom', async () => {
      throw new Error('the handler fell over');
    });
  }
}

const OVERRIDES: ModuleOverrides = {
  id: 'items',
  displayName: 'Items',
  version: '1.0.0',
  operations: {
    'items.list': {
      kind: 'action',
      displayName: 'List items',
      inputSchema: { type: 'object' },
      pagination: { style: 'link', cursorParam: 'page' },
    },
    ...Object.fromEntries(
      ['items.get', 'items.create', 'items.update', 'charges.create', 'files.upload', 'items.external', 'boom'].map((id) => [
        id,
        { kind: 'action', displayName: id, inputSchema: { type: 'object' } },
      ]),
    ),
  },
};

function connect(config: Record<string, unknown>, options: ClientOptions = {}, definition: Partial<ClientDefinition> = {}) {
  return new ItemsClient({ id: 'conn-1', credentials: { token: 'tok_live_1234' }, config }, options, definition);
}

function run(client: BaseAPIClient, operation: string, input: Record<string, unknown> = {}, signal?: AbortSignal): Promise<ConnectorExecuteOutput> {
  return client.toConnectorModule(OVERRIDES).execute({ operation, input, connection: client.connection, signal });
}

describe('BaseAPIClient request path', () => {
  it('sends a GET with path params in the path, the rest in the query, and the default headers', async () => {
    const server = await serve(() => ({ status: 200, body: { id: 'a/b 1', name: 'Widget' } }));
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'items.get', { id: 'a/b 1', expand: 'owner', fields: ['id', 'name'] });

    expect(result).toMatchObject({ ok: true, data: { id: 'a/b 1', name: 'Widget' }, meta: { operation: 'items.get', attempts: 1, status: 200 } });
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'GET', path: '/items/a%2Fb%201', body: '' });
    expect(sent!.query).toEqual({ expand: 'owner', fields: 'name' }); // repeated key, last wins in the recorder
    expect(sent!.query).not.toHaveProperty('id');
    expect(sent!.headers).toMatchObject({
      authorization: 'Bearer tok_live_1234',
      accept: 'application/json',
      'x-api-version': '2024-06-01',
      'user-agent': expect.stringMatching(/^patchbay-runtime\//),
    });
    expect(sent!.headers).not.toHaveProperty('content-type');
  });

  it('sends a POST\'s params, minus path params, as a JSON body', async () => {
    const server = await serve(() => ({ status: 201, body: { id: 9 } }));
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'items.create', { org: 'acme', name: 'Widget', tags: ['a'], nested: { x: 1 } });

    expect(result).toMatchObject({ ok: true, data: { id: 9 }, meta: { status: 201, attempts: 1 } });
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/orgs/acme/items', query: {} });
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.json).toEqual({ name: 'Widget', tags: ['a'], nested: { x: 1 } });
  });

  it('lets an explicit body and query win over params', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const client = connect({ baseUrl: server.url });

    await run(client, 'items.update', { id: 5, name: 'Renamed', color: 'red' });

    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'PATCH', path: '/items/5', query: { notify: 'false' } });
    expect(sent!.json).toEqual({ name: 'Renamed' });
  });

  it('sends a form body with bracketed nesting', async () => {
    const server = await serve(() => ({ status: 200, body: { id: 'ch_1' } }));
    const client = connect({ baseUrl: server.url });

    await run(client, 'charges.create', { amount: 500, metadata: { order_id: '42' }, items: [{ price: 'p_1' }, { price: 'p_2' }] });

    const [sent] = server.requests;
    expect(sent!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(sent!.body)]).toEqual([
      ['amount', '500'],
      ['metadata[order_id]', '42'],
      ['items[0][price]', 'p_1'],
      ['items[1][price]', 'p_2'],
    ]);
  });

  it('sends a multipart body with a base64 file, text fields and nesting, and sends it whole again on a retry', async () => {
    const file = Buffer.from([0, 1, 2, 250, 255, 13, 10, 45, 45]);
    let answers = 0;
    const server = await serve(() => (++answers === 1 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: { id: 'file_1' } }));
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'files.upload', {
      purpose: 'assistants',
      tags: ['a', 'b'],
      metadata: { project: 'p1' },
      file: { filename: 'data.bin', content: file.toString('base64'), contentType: 'application/x-test' },
    });

    expect(result).toMatchObject({ ok: true, data: { id: 'file_1' }, meta: { attempts: 2 } });
    expect(server.requests).toHaveLength(2);
    for (const sent of server.requests) {
      expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(sent.multipart?.fields).toEqual({ purpose: 'assistants', tags: 'b', 'metadata[project]': 'p1' });
      expect(sent.multipart?.files.file).toMatchObject({ filename: 'data.bin', contentType: 'application/x-test' });
      expect(sent.multipart?.files.file?.content.equals(file)).toBe(true);
      expect(sent.body.match(/name="tags"/g)).toHaveLength(2);
    }
  });

  it('refuses a file whose content is not base64, sending nothing', async () => {
    const server = await serve();
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'files.upload', { file: { filename: 'x.txt', content: 'not base64!' } });

    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the path prefix of a base URL such as /api/v3', async () => {
    const server = await serve(() => ({ status: 200, body: [] }));
    const client = connect({ baseUrl: `${server.url}/api/v3/` });

    const result = await run(client, 'items.get', { id: 7 });

    expect(result.ok).toBe(true);
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v3/items/7']);
  });

  it('fills a {site} placeholder of the default base URL from the config', async () => {
    const server = await serve(() => ({ status: 200, body: { ok: 1 } }));
    const port = new URL(server.url).port;
    const client = connect({ site: '127.0.0.1' }, {}, { baseUrl: `http://{site}:${port}/v1` });

    const result = await run(client, 'items.get', { id: 1 });

    expect(result).toMatchObject({ ok: true, data: { ok: 1 } });
    expect(client.baseUrl.toString()).toBe(`http://127.0.0.1:${port}/v1`);
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/items/1']);
  });

  it('refuses a {site} placeholder that is missing or not a host label, sending nothing', async () => {
    const server = await serve();
    const port = new URL(server.url).port;
    for (const config of [{}, { site: '' }, { site: 'evil.test/x' }, { site: 'user@evil.test' }, { site: 42 }]) {
      const client = connect(config, {}, { baseUrl: `http://{site}:${port}/v1` });
      const result = await run(client, 'items.get', { id: 1 });
      expect(result.ok, JSON.stringify(config)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('CONNECTOR_ERROR');
      expect(result.error.message).toContain('config.site');
      expect(result.meta.attempts).toBe(0);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a ".." path parameter that would climb above the base path, sending nothing', async () => {
    const server = await serve();
    const client = connect({ baseUrl: `${server.url}/api/v3` });

    const result = await run(client, 'items.list', { org: '..' });

    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it('lets config.baseUrl replace the default base URL', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const client = connect({ baseUrl: `${server.url}/enterprise` }, {}, { baseUrl: 'https://api.vendor.invalid' });
    await run(client, 'items.get', { id: 2 });
    expect(server.requests.map((request) => request.path)).toEqual(['/enterprise/items/2']);
  });

  it('refuses absolute, protocol-relative and backslash paths with VALIDATION_FAILED before sending', async () => {
    const server = await serve();
    const other = await serve();
    const client = connect({ baseUrl: server.url });
    const host = new URL(other.url).host;
    for (const path of [`${other.url}/steal`, `//${host}/steal`, `/\\${host}/steal`, `\\\\${host}`]) {
      const result = await run(client, 'items.external', { path });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, path).toBe('VALIDATION_FAILED');
      expect(result.meta.attempts).toBe(0);
    }
    expect(server.requests).toHaveLength(0);
    expect(other.requests).toHaveLength(0);
  });

  it('returns the rate-limit state and the next cursor of a Link-paginated list', async () => {
    const server = await serve((request) => ({
      status: 200,
      headers: {
        link: `<http://127.0.0.1${request.path}?page=3>; rel="next", <http://127.0.0.1${request.path}?page=9>; rel="last"`,
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      },
      body: [{ id: 1 }],
    }));
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'items.list', { org: 'acme', page: 2 });

    expect(result).toMatchObject({ ok: true, data: [{ id: 1 }], meta: { nextCursor: '3', rateLimit: { limit: 5000, remaining: 4999 } } });
    expect(server.requests[0]).toMatchObject({ path: '/orgs/acme/items', query: { page: '2' } });
  });

  it('maps a 404 to NOT_FOUND with the vendor\'s message', async () => {
    const server = await serve(() => ({ status: 404, body: { message: 'No such item' } }));
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'items.get', { id: 404 });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', status: 404, retryable: false, message: 'GET /items/{id} failed with HTTP 404: No such item' },
      meta: { attempts: 1, status: 404 },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a 403 without rate-limit headers to AUTH_FAILED', async () => {
    const server = await serve(() => ({ status: 403, body: { error: { message: 'Forbidden' } } }));
    const client = connect({ baseUrl: server.url });
    const result = await run(client, 'items.get', { id: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 403, retryable: false, message: expect.stringContaining('Forbidden') } });
    expect(server.requests).toHaveLength(1);
  });

  it('returns a 200 with an invalid JSON body as UPSTREAM_ERROR', async () => {
    const server = await serve();
    server.injectFaults({ type: 'invalid-json' });
    const client = connect({ baseUrl: server.url }, { retry: { retries: 0 } });

    const result = await run(client, 'items.get', { id: 1 });

    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 200, message: expect.stringContaining('not valid JSON') }, meta: { attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a response whose content-length is over maxResponseBytes, without retrying', async () => {
    const server = await serve(() => ({ status: 200, body: { blob: 'x'.repeat(5000) } }));
    const client = connect({ baseUrl: server.url }, { maxResponseBytes: 1024 });

    const result = await run(client, 'items.get', { id: 1 });

    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', retryable: false, message: expect.stringContaining('1024-byte limit') } });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a streamed response that grows past maxResponseBytes', async () => {
    // No content-length: the limit has to be enforced while reading. node:http streams chunked.
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let index = 0; index < 10; index++) response.write('x'.repeat(512));
      response.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const client = connect({ baseUrl: `http://127.0.0.1:${port}` }, { maxResponseBytes: 2000 });
      const result = await run(client, 'items.get', { id: 1 });
      expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', retryable: false, message: expect.stringContaining('2000-byte limit') } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('turns a handler that throws a plain Error into CONNECTOR_ERROR', async () => {
    const client = connect({ baseUrl: 'http://127.0.0.1:9' });
    const result = await run(client, 'boom');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONNECTOR_ERROR', retryable: false, message: 'The boom handler threw: the handler fell over' },
      meta: { operation: 'boom', attempts: 0 },
    });
  });

  it('answers UNKNOWN_OPERATION for an operation it does not know, and CONNECTOR_ERROR for one without a handler', async () => {
    const client = connect({ baseUrl: 'http://127.0.0.1:9' });
    const unknown = await run(client, 'items.nope');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: expect.stringContaining('items.nope') }, meta: { attempts: 0 } });
  });

  it('refuses, when the module is defined, an operation with neither http nor handler and a handler with no operation', () => {
    const archive = { kind: 'action' as const, displayName: 'Archive', inputSchema: { type: 'object' as const } };
    const operations = { ...OVERRIDES.operations, 'items.archive': archive };
    expect(() => ItemsClient.toConnectorModule({ ...OVERRIDES, operations })).toThrow(
      'Connector "items" is inconsistent: operation "items.archive" has neither an http definition nor a handler',
    );
    const { boom: _boom, ...withoutBoom } = OVERRIDES.operations!;
    expect(() => ItemsClient.toConnectorModule({ ...OVERRIDES, operations: withoutBoom })).toThrow('handler "boom" has no operation definition');
  });

  it('answers raw requests through client.request with the parsed response', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'pong' }));
    const client = connect({ baseUrl: server.url });

    const response = await client.request({ method: 'GET', path: '/ping', query: { verbose: true } });

    expect(response).toMatchObject({ status: 200, data: 'pong', headers: { 'content-type': 'text/plain' } });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/ping', query: { verbose: 'true' } });
  });
});

describe('BaseAPIClient with a GitHub-style primary rate limit', () => {
  it('answers RATE_LIMITED, not AUTH_FAILED, to a 403 with x-ratelimit-remaining: 0, then holds requests until the reset', async () => {
    const server = await serve(() => ({ status: 200, body: { ok: true } }));
    const resetSeconds = Math.floor(Date.now() / 1000) + 1;
    server.injectFaults({
      status: 403,
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds), 'x-ratelimit-resource': 'core' },
      body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest' },
    });
    const client = connect({ baseUrl: server.url }, { retry: { retries: 0 } });

    const limited = await run(client, 'items.get', { id: 1 });
    expect(limited).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', status: 403, retryable: true, message: expect.stringContaining('API rate limit exceeded') },
      meta: { attempts: 1, rateLimit: { remaining: 0, resetAt: resetSeconds * 1000 } },
    });

    const next = await run(client, 'items.get', { id: 2 });
    expect(next).toMatchObject({ ok: true, data: { ok: true } });
    expect(server.requests).toHaveLength(2);
    // The second request waited for the reset instead of spending another 403.
    expect(server.requests[1]!.receivedAt).toBeGreaterThanOrEqual(resetSeconds * 1000 - 20);
  });

  it('waits for the reset and retries a GET that hit the primary limit', async () => {
    const server = await serve(() => ({ status: 200, body: { ok: true } }));
    const resetAt = Date.now() + 300;
    server.injectFaults({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) } });
    const client = connect({ baseUrl: server.url });

    const result = await run(client, 'items.get', { id: 1 });

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2, status: 200 } });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.receivedAt).toBeGreaterThanOrEqual(resetAt - 20);
  });
});

describe('BaseAPIClient rate limits', () => {
  it('applies the connection\'s config.rateLimit to the requests it sends', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const client = connect({ baseUrl: server.url, rateLimit: { limit: 2, intervalMs: 300 } });

    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 5 }, (_, index) => run(client, 'items.get', { id: index })));

    expect(results.every((result) => result.ok)).toBe(true);
    const arrivals = server.requests.map((request) => request.receivedAt - started).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(5);
    // Two per 300 ms: the third and fourth waited one window, the fifth two. (Lower bounds only,
    // since a loaded machine can delay an arrival but never advance it.)
    expect(arrivals[2]).toBeGreaterThanOrEqual(295);
    expect(arrivals[4]).toBeGreaterThanOrEqual(595);
    await client.close();
  });

  it('builds limiters lazily through the factory, keyed by connection and by operation', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const keys: string[] = [];
    const scheduled: string[] = [];
    const client = connect(
      { baseUrl: server.url },
      {
        rateLimits: { connection: { maxConcurrent: 5 }, operations: { 'items.create': { minTimeMs: 1 } } },
        rateLimiterFactory: (key) => {
          keys.push(key);
          return {
            schedule: (task) => {
              scheduled.push(key);
              return task();
            },
            pauseUntil: () => undefined,
            close: async () => undefined,
          };
        },
      },
    );
    expect(keys).toEqual([]);

    await run(client, 'items.get', { id: 1 });
    await run(client, 'items.create', { org: 'o', name: 'n' });
    await run(client, 'items.create', { org: 'o', name: 'n' });

    expect(keys).toEqual(['conn-1', 'conn-1:items.create']);
    expect(scheduled).toEqual(['conn-1', 'conn-1:items.create', 'conn-1', 'conn-1:items.create', 'conn-1']);
    expect(server.requests).toHaveLength(3);
  });

  it('takes the fast path of a limiter that admits at once, releasing the slot once per attempt, and queues retries', async () => {
    let answers = 0;
    const server = await serve(() => (++answers === 2 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: {} }));
    const events: string[] = [];
    let admitNow = true;
    const client = connect(
      { baseUrl: server.url },
      {
        rateLimits: { connection: { maxConcurrent: 5 }, operations: {} },
        rateLimiterFactory: () => ({
          tryAcquire: () => {
            events.push(admitNow ? 'acquired' : 'refused');
            return admitNow ? () => events.push(`released after ${server.requests.length}`) : undefined;
          },
          schedule: (task) => {
            events.push('scheduled');
            return task();
          },
          pauseUntil: () => undefined,
          close: async () => undefined,
        }),
      },
    );

    expect((await run(client, 'items.get', { id: 1 })).ok).toBe(true);
    // The second request is answered 503: its slot is released before the retry, which queues.
    expect((await run(client, 'items.get', { id: 2 })).ok).toBe(true);
    admitNow = false;
    expect((await run(client, 'items.get', { id: 3 })).ok).toBe(true);

    expect(events).toEqual(['acquired', 'released after 1', 'acquired', 'released after 2', 'scheduled', 'refused', 'scheduled']);
    expect(server.requests).toHaveLength(4);
  });
});

