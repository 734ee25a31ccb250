import { tmpdir } from 'node:os';
import type { ConnectionContext, OperationMap } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInHandler, type StandInResponse } from '@patchbay/stand-ins';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { IntegrationManager } from '../manager/integration-manager.js';
import { createTransport, type HttpTransport } from '../http/transport.js';
import { BaseAPIClient, type ClientDefinition, type ClientOptions } from './base-api-client.js';

const transport: HttpTransport = createTransport();
const servers: StandIn[] = [];
const managers: IntegrationManager[] = [];

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await transport.close();
});

async function serve(handler: StandInHandler): Promise<StandIn> {
  const server = await startStandIn(handler);
  servers.push(server);
  return server;
}

const object = { type: 'object' } as const;

/** Every operation is data: no handler is registered for any of them. */
const OPERATIONS: OperationMap = {
  'items.get': { kind: 'action', displayName: 'Get', inputSchema: object, http: { method: 'GET', path: '/items/{id}', arrayFormat: 'comma' } },
  'items.create': { kind: 'action', displayName: 'Create', inputSchema: object, http: { method: 'POST', path: '/orgs/{org}/items' } },
  'items.search': {
    kind: 'action',
    displayName: 'Search',
    inputSchema: object,
    idempotent: true,
    http: { method: 'POST', path: '/items/search', query: ['expand'], headers: { 'Content-Type': 'application/json; charset=utf-8' } },
  },
  'items.form': { kind: 'action', displayName: 'Form', inputSchema: object, http: { method: 'POST', path: '/form', bodyType: 'form', arrayFormat: 'repeat' } },
  'accounts.get': { kind: 'action', displayName: 'Account', inputSchema: object, http: { method: 'GET', path: '/accounts/{AccountSid}' } },
  'accounts.upload': {
    kind: 'action',
    displayName: 'Upload',
    inputSchema: object,
    http: { method: 'POST', path: '/accounts/{AccountSid}/media', bodyParam: 'file', headerParams: { requestId: 'X-Request-Id' } },
  },
  'items.import': {
    kind: 'action',
    displayName: 'Import',
    inputSchema: object,
    http: {
      method: 'POST',
      path: '/orgs/{org}/import',
      bodyParam: 'records',
      headerParams: { requestId: 'X-Request-Id' },
      wireNames: { query_org: 'org' },
    },
  },
  'items.list': {
    kind: 'action',
    displayName: 'List',
    inputSchema: object,
    http: { method: 'GET', path: '/items' },
    pagination: { style: 'cursor', cursorParam: 'starting_after', itemsPath: 'data', hasMorePath: 'has_more', cursorPath: 'data.-1.id' },
  },
  'items.uris': {
    kind: 'action',
    displayName: 'Listed by URI',
    inputSchema: object,
    http: { method: 'GET', path: '/uris' },
    pagination: { style: 'cursor', cursorParam: 'PageToken', cursorPath: 'next_page_uri', cursorUrlParam: 'PageToken' },
  },
  'items.offsets': {
    kind: 'action',
    displayName: 'Listed by offset',
    inputSchema: object,
    http: { method: 'GET', path: '/offsets' },
    pagination: { style: 'offset', cursorParam: 'offset', limitParam: 'limit' },
  },
};

class DataClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions, definition: Partial<ClientDefinition> = {}) {
    super(connection, { transport, retry: { minDelayMs: 1, maxDelayMs: 5 }, ...options }, { auth: { strategy: 'bearer' }, ...definition });
  }
}

async function managerFor(server: StandIn, definition: Partial<ClientDefinition> = {}, retries = 2) {
  class Client extends DataClient {
    constructor(connection: ConnectionContext, options?: ClientOptions) {
      super(connection, options, definition);
    }
  }
  const module = Client.toConnectorModule({ id: 'data', displayName: 'Data', version: '1.0.0', operations: OPERATIONS });
  const manager = await IntegrationManager.create({ cwd: tmpdir(), modules: [module], transport, retry: { minDelayMs: 1, maxDelayMs: 5, retries } });
  managers.push(manager);
  await manager.connect({ id: 'c', connector: 'data', credentials: { token: 'tok_data_1' }, config: { baseUrl: server.url, accountSid: 'AC_connection' } });
  return manager;
}

describe('operations sent from their http definition, with no handler', () => {
  it('fills the path, sends the rest as the query of a GET or the JSON body of a POST', async () => {
    const server = await serve((request) => ({ status: request.method === 'POST' ? 201 : 200, body: { path: request.path } }));
    const manager = await managerFor(server);

    expect(await manager.execute('c', 'items.get', { id: 'a/b', fields: ['x', 'y'] })).toMatchObject({ ok: true, meta: { attempts: 1, status: 200 } });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/items/a%2Fb', search: 'fields=x,y' });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok_data_1');

    expect(await manager.execute('c', 'items.create', { org: 'acme', name: 'Widget' })).toMatchObject({ ok: true, meta: { status: 201 } });
    expect(server.requests[1]).toMatchObject({ method: 'POST', path: '/orgs/acme/items', json: { name: 'Widget' } });
  });

  it('sends the fields `http.query` names in the query of a body method, and the declared headers', async () => {
    const server = await serve(() => ({ status: 200, body: [] }));
    const manager = await managerFor(server);
    await manager.execute('c', 'items.search', { expand: 'owner', filter: { name: 'W' } });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/items/search', query: { expand: 'owner' }, json: { filter: { name: 'W' } } });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json; charset=utf-8');

    await manager.execute('c', 'items.form', { To: '+1555', MediaUrl: ['a', 'b'] });
    expect(server.requests[1]!.body).toBe('To=%2B1555&MediaUrl=a&MediaUrl=b');
  });

  it('places fields in headers, sends one field as the whole body with the rest in the query, and renames fields on the wire', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const manager = await managerFor(server);
    const result = await manager.execute('c', 'items.import', { org: 'acme', query_org: 'other', requestId: 'r-1', dryRun: true, records: [{ id: 1 }] });
    expect(result).toMatchObject({ ok: true });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/orgs/acme/import', query: { org: 'other', dryRun: 'true' }, json: [{ id: 1 }] });
    expect(server.requests[0]!.headers['x-request-id']).toBe('r-1');

    await manager.execute('c', 'items.import', { org: 'acme' });
    expect(server.requests[1]).toMatchObject({ path: '/orgs/acme/import', search: '', body: '' });
  });

  it('retries a POST after a 503 only when its definition marks it idempotent', async () => {
    let failures = 2;
    const server = await serve(() => (failures-- > 0 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: {} }));
    const manager = await managerFor(server);
    expect(await manager.execute('c', 'items.search', {})).toMatchObject({ ok: true, meta: { attempts: 3 } });

    failures = 1;
    const create = await manager.execute('c', 'items.create', { org: 'acme' });
    expect(create).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 503 }, meta: { attempts: 1 } });
  });

  it('sends one idempotency key per call on every attempt of a write, the caller\'s when given', async () => {
    let failures = 1;
    const server = await serve(() => (failures-- > 0 ? { status: 503, body: {} } : { status: 200, body: {} }));
    const manager = await managerFor(server, { idempotencyKeyHeader: 'Idempotency-Key' });
    expect(await manager.execute('c', 'items.create', { org: 'acme' })).toMatchObject({ ok: true, meta: { attempts: 2 } });
    const [first, second] = server.requests;
    expect(first!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);

    await manager.execute('c', 'items.create', { org: 'acme' }, { context: { idempotencyKey: 'order-42' } });
    // Marked idempotent or not, a POST carries the key: the key is what makes repeating it safe.
    await manager.execute('c', 'items.search', {});
    expect(server.requests.at(-1)!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests[2]!.headers['idempotency-key']).toBe('order-42');
    await manager.execute('c', 'items.get', { id: '1' });
    expect(server.requests.at(-1)!.headers['idempotency-key']).toBeUndefined();
  });

  it('fills the fields the connection owns from the connection, never from the input', async () => {
    const server = await serve((request) => ({ status: 200, body: { path: request.path } }));
    const manager = await managerFor(server, {
      connectionParams: (connection) => ({ AccountSid: connection.config.accountSid }),
    });
    const result = await manager.execute('c', 'accounts.get', { AccountSid: 'AC_someone_else' });
    expect(result).toMatchObject({ ok: true, data: { path: '/accounts/AC_connection' } });
  });

  it('fills the connection fields of an operation that places its fields, with none in the input', async () => {
    const server = await serve((request) => ({ status: 200, body: { path: request.path } }));
    const manager = await managerFor(server, {
      connectionParams: (connection) => ({ AccountSid: connection.config.accountSid }),
    });
    const result = await manager.execute('c', 'accounts.upload', { file: { name: 'a.png' }, requestId: 'r-1' });
    expect(result).toMatchObject({ ok: true, data: { path: '/accounts/AC_connection/media' } });
    expect(server.requests[0]!.headers['x-request-id']).toBe('r-1');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ name: 'a.png' });
  });

  it('reads each declared cursor: a body path behind has_more, a URL parameter, and the next offset', async () => {
    const server = await serve((request) => {
      if (request.path === '/items') {
        const after = request.query.starting_after;
        return { status: 200, body: after === 'b' ? { data: [{ id: 'c' }], has_more: false } : { data: [{ id: 'a' }, { id: 'b' }], has_more: true } };
      }
      if (request.path === '/uris') return { status: 200, body: { items: [], next_page_uri: '/uris?PageSize=2&PageToken=PT2' } };
      return { status: 200, body: [1, 2, 3].slice(0, Number(request.query.limit)) };
    });
    const manager = await managerFor(server);

    const pages = [];
    for await (const page of manager.pages('c', 'items.list', {})) pages.push(page.meta.nextCursor);
    expect(pages).toEqual(['b', undefined]);
    expect(server.requests.map((request) => request.query.starting_after)).toEqual([undefined, 'b']);

    expect((await manager.execute('c', 'items.uris', {})).meta.nextCursor).toBe('PT2');
    expect((await manager.execute('c', 'items.offsets', { limit: 3, offset: 6 })).meta.nextCursor).toBe('9');
    expect((await manager.execute('c', 'items.offsets', { limit: 5 })).meta.nextCursor).toBeUndefined();
  });

  it('takes the vendor hooks from the definition: error body, rate-limit budgets and cursor', async () => {
    const server = await serve((request): StandInResponse =>
      request.path === '/items/limited'
        ? { status: 429, headers: { 'x-budget-left': '0', 'x-budget-reset': '2', 'retry-after': '2' }, body: { fault: 'slow down' } }
        : { status: 200, headers: { 'x-budget-left': '7' }, body: { next: 'n2' } },
    );
    const manager = await managerFor(server, {
      vendorError: (response) => (response.status >= 400 ? { message: `vendor says ${(response.data as { fault: string }).fault}` } : undefined),
      rateLimitHeaders: [{ remaining: 'x-budget-left', reset: 'x-budget-reset' }],
      nextCursor: (response) => (response.data as { next?: string }).next,
    }, 0);

    const ok = await manager.execute('c', 'items.get', { id: '1' });
    expect(ok).toMatchObject({ ok: true, meta: { rateLimit: { remaining: 7 }, nextCursor: 'n2' } });
    const limited = await manager.execute('c', 'items.get', { id: 'limited' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('vendor says slow down'), retryAfterMs: 2000 } });
    if (limited.ok) throw new Error('expected a failure');
    expect(limited.error.request).toMatchObject({ method: 'GET', url: `${server.url}/items/limited`, headers: { authorization: '[REDACTED]' } });
  });
});

describe('a module used on its own', () => {
  it('runs the same validation and request path, on a client that lives for one call', async () => {
    const server = await serve(() => ({ status: 200, body: { ok: true } }));
    const module = DataClient.toConnectorModule({ id: 'data', displayName: 'Data', version: '1.0.0', operations: OPERATIONS });
    const connection = { id: 'solo', credentials: { token: 't' }, config: { baseUrl: server.url } };

    const invalid = await module.execute({ operation: 'items.get', input: 'not an object' as never, connection });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('nothing was sent') }, meta: { attempts: 0 } });
    expect(server.requests).toHaveLength(0);

    expect(await module.execute({ operation: 'items.get', input: { id: '1' }, connection })).toMatchObject({ ok: true, data: { ok: true } });
    expect(Object.getOwnPropertySymbols(module).map(String)).not.toContain('Symbol(patchbay.clients)');
  });
});
