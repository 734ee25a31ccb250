import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionContext, ConnectorAuth, ConnectorExecuteOutput } from '@patchbay/contract';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import { boundedWait, startDeadline } from './call-deadline.js';
import { createTransport, type HttpTransport } from './transport.js';

const transport: HttpTransport = createTransport();
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
});
afterAll(async () => {
  await transport.close();
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

class DeadlineClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options: ClientOptions, auth: ConnectorAuth = { strategy: 'bearer' }) {
    super(connection, { transport, retry: { minDelayMs: 1, maxDelayMs: 5 }, ...options }, { auth });
    this.register('items.get', (_input, call) => call.request({ method: 'GET', path: '/items' }));
  }
}

function run(client: BaseAPIClient, signal?: AbortSignal): Promise<ConnectorExecuteOutput> {
  return client.toConnectorModule({ id: 'deadline', displayName: 'Deadline', version: '1.0.0' }).execute({ operation: 'items.get', input: {}, connection: client.connection, signal });
}

/** A body of 20 bytes, one every 400 ms: each gap is far inside any per-phase timeout. */
function drip(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '20' });
  let written = 0;
  const timer = setInterval(() => {
    response.write('x');
    if (++written === 20) {
      clearInterval(timer);
      response.end();
    }
  }, 400);
  response.on('close', () => clearInterval(timer));
}

describe('the deadline of a call', () => {
  it('bounds every retry of a slow-drip body: the call ends TIMEOUT, not when the body is done', async () => {
    const api = await serve(drip);
    const client = new DeadlineClient({ id: 'drip', credentials: { token: 'tok_drip_1' }, config: { baseUrl: api.url } }, { timeoutMs: 2_000, deadlineMs: 3_000 });
    const result = await run(client);
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    // The first attempt used its 2 s; a retry gets only what is left of the 3 s, if anything.
    expect(api.requests.length).toBeGreaterThanOrEqual(1);
    expect(api.requests.length).toBeLessThanOrEqual(2);
    expect(result.meta.attempts).toBe(api.requests.length);
  });

  it('answers RATE_LIMITED with retryAfterMs at once when the connection quota frees up after the deadline', async () => {
    const api = await serve((_request, response) => response.end('{}'));
    const hourMs = 3_600_000;
    const client = new DeadlineClient(
      { id: 'quota', credentials: { token: 'tok_quota_1' }, config: { baseUrl: api.url, rateLimit: { limit: 2, intervalMs: hourMs } } },
      { timeoutMs: 2_000 },
    );
    expect((await run(client)).ok).toBe(true);
    expect((await run(client)).ok).toBe(true);
    // With the old behaviour the call waits an hour; the caller's own signal ends the test first.
    const result = await run(client, AbortSignal.timeout(30_000));
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true }, meta: { attempts: 0 } });
    expect(result.ok === false && result.error.status).toBeUndefined();
    expect(result.ok === false && result.error.message).toMatch(/after this call's 68000 ms deadline/);
    expect(api.requests).toHaveLength(2);
    await client.close();
  });

  it('lets an abort end a call at once while an OAuth2 refresh is in flight', async () => {
    let tokenRequested!: () => void;
    const refreshing = new Promise<void>((resolve) => (tokenRequested = resolve));
    // The token endpoint answers only when the test ends: the abort must not wait for it.
    const idp = await serve(() => tokenRequested());
    const api = await serve((_request, response) => response.end('{}'));
    const client = new DeadlineClient(
      {
        id: 'oauth',
        credentials: { accessToken: 'at_old', refreshToken: 'rt_1', clientId: 'c', clientSecret: 'client-secret-1', expiresAt: Date.now() - 60_000 },
        config: { baseUrl: api.url, tokenUrl: `${idp.url}/token` },
      },
      { timeoutMs: 60_000 },
      { strategy: 'oauth2', tokenUrl: `${idp.url}/token`, authorizationUrl: `${idp.url}/authorize` },
    );
    const controller = new AbortController();
    const pending = run(client, controller.signal);
    await refreshing;
    controller.abort();
    // Without the bound the call waits for the refresh's own 60 s timeout; 30 s is the guard.
    const guard = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 30_000).unref());
    const result = await Promise.race([pending, guard]);
    expect(result).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(api.requests).toEqual([]);
  });
});

describe('boundedWait', () => {
  it('passes a settled value through, and leaves the awaited promise running for others', async () => {
    expect(await boundedWait(Promise.resolve(7), undefined, undefined, 'x')).toBe(7);
    let finish!: (value: string) => void;
    const shared = new Promise<string>((resolve) => (finish = resolve));
    const error = await boundedWait(shared, undefined, startDeadline(20), 'GET /x').catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'GET /x did not finish within its 20 ms deadline' });
    finish('done');
    expect(await shared).toBe('done');
    expect(await boundedWait(Promise.resolve(1), AbortSignal.abort(), undefined, 'x').catch((reason: unknown) => reason)).toMatchObject({ code: 'ABORTED' });
  });
});
