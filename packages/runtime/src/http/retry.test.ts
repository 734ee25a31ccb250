import type { ConnectionContext, ConnectorExecuteOutput, ConnectorExecuteFailure } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInHandler } from '@patchbay/stand-ins';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import type { Logger } from '../client/logger.js';
import { createTransport, type HttpTransport } from './transport.js';

const transport: HttpTransport = createTransport();
const servers: StandIn[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await transport.close();
});

async function serve(handler: StandInHandler = (request) => ({ status: 200, body: { ok: true, method: request.method } })): Promise<StandIn> {
  const server = await startStandIn(handler);
  servers.push(server);
  return server;
}

class RetryClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options: ClientOptions = {}) {
    super(connection, { transport, ...options, retry: { minDelayMs: 1, maxDelayMs: 5, ...options.retry } }, { auth: { strategy: 'bearer' } });
    this.register('items.get', (input, call) => call.request({ method: 'GET', path: '/items/{id}', params: input }));
    this.register('items.create', (input, call) => call.request({ method: 'POST', path: '/items', params: input }));
    this.register('items.createIdempotent', (input, call) => call.request({ method: 'POST', path: '/items', params: input, idempotent: true }));
    this.register('items.createWithKey', (input, call) =>
      call.request({ method: 'POST', path: '/items', params: input, headers: { 'Idempotency-Key': 'key-123' } }),
    );
    this.register('items.slow', (input, call) => call.request({ method: 'GET', path: '/slow', timeoutMs: Number(input.timeoutMs) }));
  }
}

function connect(server: { url: string }, options: ClientOptions = {}) {
  return new RetryClient({ id: 'retry-conn', credentials: { token: 'tok_retry_1' }, config: { baseUrl: server.url } }, options);
}

function run(client: BaseAPIClient, operation: string, input: Record<string, unknown> = {}, signal?: AbortSignal): Promise<ConnectorExecuteOutput> {
  return client
    .toConnectorModule({ id: 'retry', displayName: 'Retry', version: '1.0.0' })
    .execute({ operation, input, connection: client.connection, signal });
}

function failed(result: ConnectorExecuteOutput): ConnectorExecuteFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

/** A port nothing listens on: a stand-in's, after it closed. */
async function closedPort(): Promise<string> {
  const server = await startStandIn(() => ({ status: 200 }));
  await server.close();
  return server.url;
}

describe('retries through a real server', () => {
  it('retries a GET after a 503 and reports two attempts', async () => {
    const server = await serve();
    server.injectFaults({ status: 503, body: { message: 'try later' } });
    const client = connect(server);

    const result = await run(client, 'items.get', { id: 1 });

    expect(result).toMatchObject({ ok: true, data: { ok: true }, meta: { attempts: 2, status: 200 } });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /items/1', 'GET /items/1']);
    expect(server.requests[1]!.headers.authorization).toBe('Bearer tok_retry_1');
  });

  it('does not retry a POST after a 503', async () => {
    const server = await serve();
    server.injectFaults({ status: 503, body: { message: 'overloaded' } });
    const client = connect(server);

    const result = failed(await run(client, 'items.create', { name: 'x' }));

    expect(result.error).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: true, status: 503, message: expect.stringContaining('overloaded') });
    expect(result.meta).toMatchObject({ attempts: 1, status: 503 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/items', json: { name: 'x' } });
  });

  it('retries a POST marked idempotent', async () => {
    const server = await serve();
    server.injectFaults({ status: 503 });
    const client = connect(server);

    const result = await run(client, 'items.createIdempotent', { name: 'x' });

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(server.requests.map((request) => request.json)).toEqual([{ name: 'x' }, { name: 'x' }]);
  });

  it('retries a POST that carries an Idempotency-Key, sending the same key again', async () => {
    const server = await serve();
    server.injectFaults({ status: 502 });
    const client = connect(server);

    const result = await run(client, 'items.createWithKey', { name: 'x' });

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual(['key-123', 'key-123']);
  });

  it('does not retry a 4xx that is not a rate limit', async () => {
    const server = await serve();
    server.injectFaults({ status: 422, body: { message: 'Validation Failed' } });
    const client = connect(server);
    const result = failed(await run(client, 'items.get', { id: 1 }));
    expect(result.error).toMatchObject({ code: 'UPSTREAM_ERROR', status: 422, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after retries + 1 attempts and returns the last error', async () => {
    const server = await serve();
    server.injectFaults({ status: 500 }, { status: 502 }, { status: 504 });
    const client = connect(server, { retry: { retries: 2 } });

    const result = failed(await run(client, 'items.get', { id: 1 }));

    expect(result.error).toMatchObject({ code: 'UPSTREAM_ERROR', status: 504, retryable: true });
    expect(result.meta.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });
});

describe('rate limits (429)', () => {
  it('honours Retry-After before retrying, even for a POST', async () => {
    const server = await serve();
    server.injectFaults({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } });
    const warnings: unknown[][] = [];
    const logger: Logger = { warn: (...line) => void warnings.push(line) };
    const client = connect(server, { logger });

    const started = performance.now();
    const result = await run(client, 'items.create', { name: 'x' });
    const elapsed = performance.now() - started;

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2, status: 200 } });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(warnings).toContainEqual(['POST /items failed (RATE_LIMITED), retrying', expect.objectContaining({ attempt: 1, delayMs: 1000, status: 429 })]);
  });

  it('returns RATE_LIMITED after retries + 1 attempts of 429', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too Many Requests' } }));
    const client = connect(server, { retry: { retries: 2 } });

    const result = failed(await run(client, 'items.get', { id: 1 }));

    expect(result.error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    expect(result.meta.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry when Retry-After is beyond maxRetryAfterMs', async () => {
    const server = await serve();
    server.injectFaults({ status: 429, headers: { 'retry-after': '120' } });
    const client = connect(server, { retry: { maxRetryAfterMs: 10_000 } });

    const started = performance.now();
    const result = failed(await run(client, 'items.get', { id: 1 }));

    expect(performance.now() - started).toBeLessThan(5000); // neither 120 s nor the 10 s cap
    expect(result.error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    expect(result.meta.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe('failures without an answer', () => {
  it('retries a GET after a connection reset', async () => {
    const server = await serve();
    server.injectFaults({ type: 'reset' });
    const client = connect(server);

    const result = await run(client, 'items.get', { id: 3 });

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2, status: 200 } });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a POST after a connection reset: the server may have acted on it', async () => {
    const server = await serve();
    server.injectFaults({ type: 'reset' });
    const client = connect(server);

    const result = failed(await run(client, 'items.create', { name: 'x' }));

    expect(result.error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
    expect(result.error.status).toBeUndefined();
    expect(result.meta.status).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('answers NETWORK_ERROR with no status when the connection is refused', async () => {
    const url = await closedPort();
    const client = connect({ url }, { retry: { retries: 2 } });

    const result = failed(await run(client, 'items.create', { name: 'x' }));

    expect(result.error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, message: expect.stringContaining('ECONNREFUSED') });
    expect(result.error.status).toBeUndefined();
    expect(result.meta.status).toBeUndefined();
    // A refused connection never carried the request, so even a POST is tried again.
    expect(result.meta.attempts).toBe(3);
  });

  it('answers NETWORK_ERROR for a body cut short', async () => {
    const server = await serve();
    server.injectFaults({ type: 'truncated' }, { type: 'truncated' });
    const client = connect(server, { retry: { retries: 1 } });

    const result = failed(await run(client, 'items.get', { id: 1 }));

    expect(result.error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
    expect(result.meta.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('answers TIMEOUT when the server stalls past timeoutMs', async () => {
    const server = await serve();
    server.injectFaults({ type: 'stall', ms: 5000 });
    const client = connect(server, { timeoutMs: 250, retry: { retries: 0 } });

    const started = performance.now();
    const result = failed(await run(client, 'items.get', { id: 1 }));
    const elapsed = performance.now() - started;

    expect(result.error).toMatchObject({ code: 'TIMEOUT', retryable: true, message: expect.stringContaining('250 ms') });
    expect(result.error.status).toBeUndefined();
    expect(result.meta.attempts).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(4000); // well before the 5 s stall would have ended
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET that timed out, and honours a per-request timeoutMs', async () => {
    const server = await serve();
    server.injectFaults({ type: 'stall', ms: 5000, match: '/slow' });
    const client = connect(server, { timeoutMs: 30_000 });

    const result = await run(client, 'items.slow', { timeoutMs: 400 });

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2, status: 200 } });
    expect(server.requests).toHaveLength(2);
  });

  it('answers ABORTED when the caller aborts mid-request, and does not retry', async () => {
    const server = await serve();
    server.injectFaults({ type: 'stall', ms: 5000 });
    const client = connect(server);
    const controller = new AbortController();

    const started = performance.now();
    const pending = run(client, 'items.get', { id: 1 }, controller.signal);
    for (let index = 0; index < 200 && server.requests.length === 0; index++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.requests).toHaveLength(1);
    controller.abort();
    const result = failed(await pending);

    expect(result.error).toMatchObject({ code: 'ABORTED', retryable: false });
    expect(result.error.status).toBeUndefined();
    expect(result.meta.attempts).toBe(1);
    expect(performance.now() - started).toBeLessThan(4000); // not the 5 s stall
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = await serve();
    const client = connect(server);
    const result = failed(await run(client, 'items.get', { id: 1 }, AbortSignal.abort()));
    expect(result.error.code).toBe('ABORTED');
    expect(result.meta.attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('answers ABORTED when the caller aborts during the backoff', async () => {
    const server = await serve(() => ({ status: 503 }));
    const client = connect(server, { retry: { minDelayMs: 5000, maxDelayMs: 5000, jitter: false } });
    const controller = new AbortController();

    const pending = run(client, 'items.get', { id: 1 }, controller.signal);
    for (let index = 0; index < 200 && server.requests.length === 0; index++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const result = failed(await pending);

    expect(result.error.code).toBe('ABORTED');
    expect(server.requests).toHaveLength(1);
  });

  it('answers UPSTREAM_ERROR for an invalid JSON body on a 200, and retries a GET', async () => {
    const server = await serve();
    server.injectFaults({ type: 'invalid-json' });
    const client = connect(server);

    const result = await run(client, 'items.get', { id: 1 });

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });

    server.injectFaults({ type: 'invalid-json' });
    const post = failed(await run(client, 'items.create', { name: 'x' }));
    expect(post.error).toMatchObject({ code: 'UPSTREAM_ERROR', status: 200 });
    expect(post.meta.attempts).toBe(1);
  });
});
