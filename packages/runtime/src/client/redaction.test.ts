import { PatchbayError, type ConnectionContext, type ConnectorAuth, type ConnectorExecuteOutput } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInHandler } from '@patchbay/stand-ins';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTransport, type HttpTransport } from '../http/transport.js';
import { BaseAPIClient, type ClientOptions } from './base-api-client.js';
import type { Logger } from './logger.js';

/** Must never leave the runtime: not in results, errors, error.request or log lines. */
const CANARY = 'canary-SECRET-9f8e7d';
/** A canary with characters that URL-encoding changes, to catch encoded leaks. */
const ENCODED_CANARY = 'canary/SECRET+9f8e7d=';

const transport: HttpTransport = createTransport();
const servers: StandIn[] = [];

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

function captureLogger(): { logger: Logger; lines: unknown[][] } {
  const lines: unknown[][] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push([level, message, fields]);
  return { lines, logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') } };
}

class CanaryClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options: ClientOptions, auth: ConnectorAuth) {
    super(connection, { transport, retry: { minDelayMs: 1, maxDelayMs: 5 }, ...options }, { auth });
    this.register('echo.get', (input, call) => call.request({ method: 'GET', path: '/echo', query: { q: 'hello' } }));
    this.register('echo.throw', async () => {
      throw new Error(`could not use token ${CANARY} (encoded ${encodeURIComponent(ENCODED_CANARY)})`);
    });
    this.register('echo.throwString', async () => {
      throw `raw string mentioning ${CANARY}`;
    });
  }
}

function connect(server: StandIn, auth: ConnectorAuth, credentials: Record<string, unknown>, logger: Logger, options: ClientOptions = {}) {
  return new CanaryClient({ id: 'canary-conn', credentials, config: { baseUrl: server.url, tokenUrl: `${server.url}/oauth/token` } }, { logger, ...options }, auth);
}

function run(client: BaseAPIClient, operation = 'echo.get'): Promise<ConnectorExecuteOutput> {
  return client.toConnectorModule({ id: 'canary', displayName: 'Canary', version: '1.0.0' }).execute({ operation, input: {}, connection: client.connection });
}

function expectNoCanary(value: unknown, ...canaries: string[]): void {
  const text = JSON.stringify(value) ?? '';
  for (const canary of [CANARY, ...canaries]) {
    expect(text).not.toContain(canary);
    expect(text).not.toContain(encodeURIComponent(canary));
  }
}

/** Echoes the request's credentials back, the way careless APIs do in error and debug bodies. */
const echo =
  (status: number): StandInHandler =>
  (request) => ({
    status,
    body: {
      message: `You sent ${request.headers.authorization ?? ''} and ${request.query.api_key ?? ''} on ${request.path}?${new URLSearchParams(request.query)}`,
      error: { token: request.headers.authorization?.replace(/^Bearer /, '') },
      [request.headers.authorization?.replace(/^Bearer /, '') ?? 'none']: 'as a key',
      nested: [{ raw: `${request.headers.authorization}`, encoded: encodeURIComponent(request.headers.authorization ?? '') }],
    },
  });

describe('credential canary', () => {
  it('never leaks a bearer token echoed in a 401 body', async () => {
    const server = await serve(echo(401));
    const { logger, lines } = captureLogger();
    const client = connect(server, { strategy: 'bearer' }, { token: CANARY }, logger);

    const result = await run(client);

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401 } });
    if (!result.ok) expect(result.error.message).toContain('[REDACTED]');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${CANARY}`); // it was really sent
    expectNoCanary(result);
    expectNoCanary(lines);
  });

  it('never leaks through 500 retries, error.request or the retry log', async () => {
    const server = await serve(echo(500));
    const { logger, lines } = captureLogger();
    const client = connect(server, { strategy: 'bearer' }, { token: CANARY }, logger, { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });

    const result = await run(client);
    let thrown: unknown;
    try {
      await client.request({ method: 'GET', path: '/echo' });
    } catch (error) {
      thrown = error;
    }

    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 500 }, meta: { attempts: 3 } });
    expectNoCanary(result);
    expect(PatchbayError.isInstance(thrown)).toBe(true);
    const error = thrown as PatchbayError;
    expect(error.request?.headers.authorization).toBe('[REDACTED]');
    expectNoCanary({ message: error.message, details: error.details, request: error.request, stack: error.stack });
    expect(lines.filter(([level]) => level === 'warn').length).toBeGreaterThanOrEqual(4);
    expectNoCanary(lines);
  });

  it('never leaks an api key sent in the query, raw or URL-encoded', async () => {
    const server = await serve(echo(500));
    const { logger, lines } = captureLogger();
    const client = connect(server, { strategy: 'api_key', in: 'query', name: 'api_key' }, { apiKey: ENCODED_CANARY }, logger);

    const result = await run(client);
    let thrown: unknown;
    try {
      await client.request({ method: 'GET', path: '/echo', query: { page: 1 } });
    } catch (error) {
      thrown = error;
    }

    expect(server.requests[0]!.query.api_key).toBe(ENCODED_CANARY);
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR' } });
    expectNoCanary(result, ENCODED_CANARY);
    const error = thrown as PatchbayError;
    expect(new URL(error.request!.url).searchParams.get('api_key')).toBe('[REDACTED]');
    expectNoCanary({ message: error.message, details: error.details, request: error.request }, ENCODED_CANARY);
    expectNoCanary(lines, ENCODED_CANARY);
  });

  it('never leaks a token in the message of an Error a handler throws', async () => {
    const server = await serve(echo(200));
    const { logger, lines } = captureLogger();
    const client = connect(server, { strategy: 'basic' }, { username: 'ada', password: ENCODED_CANARY, token: CANARY }, logger);

    const result = await run(client, 'echo.throw');
    const raw = await run(client, 'echo.throwString');

    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR', message: expect.stringContaining('[REDACTED]') } });
    expect(raw).toMatchObject({ ok: false, error: { code: 'CONNECTOR_ERROR' } });
    expectNoCanary([result, raw], ENCODED_CANARY);
    expectNoCanary(lines, ENCODED_CANARY);
  });

  it('redacts a token a 200 body echoes, in values, keys and encoded forms', async () => {
    const server = await serve(echo(200));
    const { logger, lines } = captureLogger();
    const client = connect(server, { strategy: 'bearer' }, { token: CANARY }, logger);

    const result = await run(client);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const data = result.data as { message: string; error: { token: string }; nested: { raw: string }[] };
    expect(data.error.token).toBe('[REDACTED]');
    expect(data.nested[0]!.raw).toBe('Bearer [REDACTED]');
    expect(data.message).toContain('/echo');
    expectNoCanary(result);
    expectNoCanary(lines);
  });

  it('redacts a token a 200 body echoes only URL-encoded', async () => {
    const server = await serve(() => ({ status: 200, body: { next: `https://api.example.test/items?key=${encodeURIComponent(ENCODED_CANARY)}` } }));
    const client = connect(server, { strategy: 'bearer' }, { token: ENCODED_CANARY }, captureLogger().logger);
    const result = await run(client);
    expect(result).toMatchObject({ ok: true, data: { next: 'https://api.example.test/items?key=[REDACTED]' } });
    expectNoCanary(result, ENCODED_CANARY, encodeURIComponent(ENCODED_CANARY));
  });

  it('redacts a token a text body echoes', async () => {
    const server = await serve((request) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `debug: ${request.headers.authorization}` }));
    const client = connect(server, { strategy: 'bearer' }, { token: CANARY }, captureLogger().logger);
    const result = await run(client);
    expect(result).toMatchObject({ ok: true, data: 'debug: Bearer [REDACTED]' });
  });

  it('never leaks an OAuth2 refresh token or the access token it returns', async () => {
    const fresh = `${CANARY}-access`;
    const rotated = `${CANARY}-refresh`;
    const server = await serve((request) =>
      request.path === '/oauth/token'
        ? { status: 200, body: { access_token: fresh, refresh_token: rotated, expires_in: 3600 } }
        : { status: 200, body: { youSent: request.headers.authorization } },
    );
    const { logger, lines } = captureLogger();
    const client = connect(server, { strategy: 'oauth2', tokenUrl: 'https://idp.vendor.invalid/token' }, { accessToken: 'expired-token-0', refreshToken: CANARY, expiresAt: 0 }, logger);

    const result = await run(client);

    expect(server.requests.map((request) => request.path)).toEqual(['/oauth/token', '/echo']);
    expect(server.requests[1]!.headers.authorization).toBe(`Bearer ${fresh}`);
    expect(result).toMatchObject({ ok: true, data: { youSent: 'Bearer [REDACTED]' } });
    expect(lines).toContainEqual(['info', 'OAuth2 access token refreshed', { connection: 'canary-conn' }]);
    expectNoCanary(result);
    expectNoCanary(lines);
  });
});
