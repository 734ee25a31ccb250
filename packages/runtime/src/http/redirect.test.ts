import type { ConnectionContext, ConnectorAuth } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInHandler } from '@patchbay/stand-ins';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BaseAPIClient } from '../client/base-api-client.js';
import { createTransport } from './transport.js';

const transport = createTransport();
const servers: StandIn[] = [];
const TOKEN = 'redirect-canary-token';

afterEach(async () => {
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

class PlainClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, auth: ConnectorAuth = { strategy: 'bearer' }) {
    super(connection, { transport, retry: { retries: 0 } }, { auth });
  }
}

function client(baseUrl: string, auth?: ConnectorAuth, credentials: Record<string, unknown> = { token: TOKEN }) {
  return new PlainClient({ id: 'redirects', credentials, config: { baseUrl } }, auth);
}

const redirectTo = (location: string, status = 302) => ({ status, headers: { location }, body: '' });

describe('redirects', () => {
  it('follows a GET redirect on the same origin and keeps the credentials', async () => {
    const api = await serve((request) => (request.path === '/old' ? redirectTo('/new?page=2') : { status: 200, body: { at: request.path } }));
    const response = await client(api.url).request({ method: 'GET', path: '/old' });
    expect(response.data).toEqual({ at: '/new' });
    expect(api.requests.map((request) => [request.method, request.path, request.query, request.headers.authorization])).toEqual([
      ['GET', '/old', {}, `Bearer ${TOKEN}`],
      ['GET', '/new', { page: '2' }, `Bearer ${TOKEN}`],
    ]);
  });

  it('drops every credential when a redirect leaves the connection origin', async () => {
    const elsewhere = await serve(() => ({ status: 200, body: { served: 'elsewhere' } }));
    const api = await serve(() => redirectTo(`${elsewhere.url}/landing?api_key=${TOKEN}&keep=1`));
    const auth: ConnectorAuth = { strategy: 'api_key', in: 'query', name: 'api_key' };
    const response = await client(api.url, auth, { apiKey: TOKEN }).request({
      method: 'GET',
      path: '/start',
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}`, 'x-trace': 'kept' },
    });
    expect(response.data).toEqual({ served: 'elsewhere' });
    expect(api.requests[0]!.query.api_key).toBe(TOKEN);
    const hop = elsewhere.requests[0]!;
    expect(hop.path).toBe('/landing');
    expect(hop.query).toEqual({ keep: '1' });
    expect(hop.headers.authorization).toBeUndefined();
    expect(hop.headers.cookie).toBeUndefined();
    expect(hop.headers['x-trace']).toBe('kept');
    expect(JSON.stringify(hop)).not.toContain(TOKEN);
  });

  it('drops an API-key header on another origin', async () => {
    const elsewhere = await serve(() => ({ status: 200, body: {} }));
    const api = await serve(() => redirectTo(`${elsewhere.url}/x`, 301));
    const auth: ConnectorAuth = { strategy: 'api_key', in: 'header', name: 'X-Vendor-Key' };
    await client(api.url, auth, { apiKey: TOKEN }).request({ method: 'GET', path: '/a' });
    expect(api.requests[0]!.headers['x-vendor-key']).toBe(TOKEN);
    expect(elsewhere.requests[0]!.headers['x-vendor-key']).toBeUndefined();
  });

  it('keeps method and body through 307/308 for idempotent requests', async () => {
    const api = await serve((request) => (request.path === '/v1/item' ? redirectTo('/v2/item', 308) : { status: 200, body: request.json as object }));
    const response = await client(api.url).request({ method: 'PUT', path: '/v1/item', body: { name: 'kept' } });
    expect(response.data).toEqual({ name: 'kept' });
    expect(api.requests.map((request) => [request.method, request.path, request.body, request.headers.authorization])).toEqual([
      ['PUT', '/v1/item', '{"name":"kept"}', `Bearer ${TOKEN}`],
      ['PUT', '/v2/item', '{"name":"kept"}', `Bearer ${TOKEN}`],
    ]);
  });

  it.each([302, 307])('does not follow a %i for a POST and fails with a classified error', async (status) => {
    const elsewhere = await serve(() => ({ status: 200, body: {} }));
    const api = await serve(() => redirectTo(`${elsewhere.url}/take`, status));
    const failure = await client(api.url).request({ method: 'POST', path: '/items', body: { a: 1 } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: false, status });
    expect(String((failure as Error).message)).toMatch(/not followed/);
    expect(elsewhere.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(1);
  });

  it('stops after five redirects', async () => {
    const api = await serve((request) => redirectTo(`/hop${Number(request.path.slice(4) || 0) + 1}`));
    const failure = await client(api.url).request({ method: 'GET', path: '/hop0' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UPSTREAM_ERROR', status: 302 });
    expect(String((failure as Error).message)).toMatch(/more than 5 redirects/);
    expect(api.requests.map((request) => request.path)).toEqual(['/hop0', '/hop1', '/hop2', '/hop3', '/hop4', '/hop5']);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/x'])('never follows %s', async (location) => {
    const api = await serve(() => redirectTo(location));
    const failure = await client(api.url).request({ method: 'GET', path: '/x' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UPSTREAM_ERROR', status: 302 });
    expect(api.requests).toHaveLength(1);
  });

  it('turns a redirect without Location into an error instead of data', async () => {
    const api = await serve(() => ({ status: 302, body: { looks: 'like data' } }));
    const failure = await client(api.url).request({ method: 'GET', path: '/x' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'UPSTREAM_ERROR', status: 302 });
    expect(String((failure as Error).message)).not.toContain(TOKEN);
  });

  it('returns 304 Not Modified as an answer', async () => {
    const api = await serve(() => ({ status: 304 }));
    const response = await client(api.url).request({ method: 'GET', path: '/x', headers: { 'if-none-match': '"v1"' } });
    expect(response.status).toBe(304);
    expect(api.requests[0]!.headers['if-none-match']).toBe('"v1"');
  });
});
