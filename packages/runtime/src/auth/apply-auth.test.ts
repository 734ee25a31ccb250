import { PatchbayError, type ConnectionContext, type ConnectorAuth, type ConnectorExecuteOutput } from '@patchbay/contract';
import { startStandIn, type StandIn } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import { createTransport, type HttpTransport } from '../http/transport.js';
import { applyAuth, credentialCarriers } from './apply-auth.js';

const transport: HttpTransport = createTransport();
let server: StandIn;

beforeEach(async () => {
  server = await startStandIn((request) => ({ status: 200, body: { path: request.path } }));
});
afterEach(async () => {
  await server.close();
});
afterAll(async () => {
  await transport.close();
});

class AuthClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options: ClientOptions, auth: ConnectorAuth) {
    super(connection, { transport, retry: { minDelayMs: 1, maxDelayMs: 5 }, ...options }, { auth });
    this.register('me.get', (input, call) => call.request({ method: 'GET', path: '/me', query: { fields: 'id' } }));
    this.register('public.get', (input, call) => call.request({ method: 'GET', path: '/public', anonymous: true }));
  }
}

function connect(auth: ConnectorAuth, credentials: Record<string, unknown>, options: ClientOptions = {}) {
  return new AuthClient({ id: 'auth-conn', credentials, config: { baseUrl: server.url } }, options, auth);
}

function run(client: BaseAPIClient, operation = 'me.get'): Promise<ConnectorExecuteOutput> {
  return client.toConnectorModule({ id: 'auth', displayName: 'Auth', version: '1.0.0' }).execute({ operation, input: {}, connection: client.connection });
}

async function rejection(promise: Promise<unknown>): Promise<PatchbayError> {
  try {
    await promise;
  } catch (error) {
    if (PatchbayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('auth strategies on the wire', () => {
  it('api_key in a header, with its prefix', async () => {
    const client = connect({ strategy: 'api_key', in: 'header', name: 'X-Api-Key', prefix: 'Key ' }, { apiKey: 'k_live_abcdef' });

    const result = await run(client);

    expect(result).toMatchObject({ ok: true, meta: { attempts: 1 } });
    const [sent] = server.requests;
    expect(sent!.headers['x-api-key']).toBe('Key k_live_abcdef');
    expect(sent!.headers).not.toHaveProperty('authorization');
    expect(sent!.query).toEqual({ fields: 'id' });
  });

  it('api_key in the Authorization header with a custom credential field', async () => {
    const client = connect({ strategy: 'api_key', in: 'header', name: 'Authorization', prefix: 'Token token=', field: 'secret' }, { secret: 's3cr3t-value' });
    await run(client);
    expect(server.requests[0]!.headers.authorization).toBe('Token token=s3cr3t-value');
  });

  it('api_key in the query string, alongside the request\'s own query', async () => {
    const client = connect({ strategy: 'api_key', in: 'query', name: 'api_key' }, { apiKey: 'k_query_12345' });

    const result = await run(client);

    expect(result.ok).toBe(true);
    expect(server.requests[0]!.query).toEqual({ fields: 'id', api_key: 'k_query_12345' });
  });

  it('api_key in a cookie, beside the cookies the request already carries', async () => {
    const client = connect({ strategy: 'api_key', in: 'cookie', name: 'session_key' }, { apiKey: 'k_cookie_24680' });

    await run(client);
    await client.request({ method: 'GET', path: '/prefs', headers: { Cookie: 'theme=dark; session_key=stale' } });

    expect(server.requests.map((request) => request.headers.cookie)).toEqual(['session_key=k_cookie_24680', 'theme=dark; session_key=k_cookie_24680']);
    expect(server.requests[0]!.query).toEqual({ fields: 'id' });
    expect(server.requests[0]!.headers).not.toHaveProperty('authorization');
  });

  it('redacts a cookie api_key from error.request and its message', async () => {
    server.injectFaults({ status: 403, body: { message: 'forbidden' } });
    const client = connect({ strategy: 'api_key', in: 'cookie', name: 'session_key' }, { apiKey: 'k_cookie_13579' });

    const error = await rejection(client.request({ method: 'GET', path: '/private', headers: { cookie: 'theme=dark' } }));

    expect(error.code).toBe('AUTH_FAILED');
    expect(error.request!.headers.cookie).toBe('[REDACTED]');
    expect(JSON.stringify(error.request)).not.toContain('k_cookie_13579');
    expect(error.message).not.toContain('k_cookie_13579');
    expect(server.requests[0]!.headers.cookie).toBe('theme=dark; session_key=k_cookie_13579');
  });

  it('redacts a query api_key from error.request and never puts it in a message', async () => {
    server.injectFaults({ status: 500, body: { message: 'boom' } }, { status: 500, body: { message: 'boom' } });
    // A parameter name the generic redactor does not know: redaction must come from the auth metadata.
    const client = connect({ strategy: 'api_key', in: 'query', name: 'hapikey' }, { apiKey: 'k_query_67890' }, { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } });

    const error = await rejection(client.request({ method: 'GET', path: '/deals', query: { limit: 5 } }));

    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.request).toBeDefined();
    const url = new URL(error.request!.url);
    expect(url.pathname).toBe('/deals');
    expect(url.searchParams.get('hapikey')).toBe('[REDACTED]');
    expect(url.searchParams.get('limit')).toBe('5');
    expect(JSON.stringify(error.request)).not.toContain('k_query_67890');
    expect(error.message).not.toContain('k_query_67890');
    expect(server.requests.map((request) => request.query.hapikey)).toEqual(['k_query_67890', 'k_query_67890']);
  });

  it('redacts a header api_key from error.request', async () => {
    server.injectFaults({ status: 404 });
    const client = connect({ strategy: 'api_key', in: 'header', name: 'X-Custom-Key' }, { apiKey: 'k_header_555' });
    const error = await rejection(client.request({ method: 'GET', path: '/nope' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.request!.headers['x-custom-key']).toBe('[REDACTED]');
    expect(JSON.stringify(error.request)).not.toContain('k_header_555');
  });

  it('bearer with the default token field, redacted in error.request', async () => {
    server.injectFaults({ status: 401, body: { message: 'Bad credentials' } });
    const client = connect({ strategy: 'bearer' }, { token: 'ghp_bearer_token' });

    const first = await rejection(client.request({ method: 'GET', path: '/me' }));
    await run(client);

    expect(first).toMatchObject({ code: 'AUTH_FAILED', status: 401, retryable: false });
    expect(first.request!.headers.authorization).toBe('[REDACTED]');
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(['Bearer ghp_bearer_token', 'Bearer ghp_bearer_token']);
  });

  it('basic with username and password, and an empty password allowed', async () => {
    await run(connect({ strategy: 'basic' }, { username: 'ada', password: 'p@ss:word' }));
    await run(connect({ strategy: 'basic', usernameField: 'accountSid', passwordField: 'authToken' }, { accountSid: 'AC123', authToken: '' }));

    const [withPassword, emptyPassword] = server.requests.map((request) => request.headers.authorization);
    expect(withPassword).toBe(`Basic ${Buffer.from('ada:p@ss:word').toString('base64')}`);
    expect(emptyPassword).toBe(`Basic ${Buffer.from('AC123:').toString('base64')}`);
  });

  it('none sends no credentials, and anonymous requests skip them', async () => {
    await run(connect({ strategy: 'none' }, {}));
    await run(connect({ strategy: 'bearer' }, { token: 'tok_anonymous_skip' }), 'public.get');
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([undefined, undefined]);
  });

  it.each([
    ['bearer', { strategy: 'bearer' } as ConnectorAuth, {}, 'token'],
    ['bearer with an empty token', { strategy: 'bearer' } as ConnectorAuth, { token: '' }, 'token'],
    ['api_key', { strategy: 'api_key', in: 'header', name: 'X-Api-Key' } as ConnectorAuth, { key: 'wrong-field' }, 'apiKey'],
    ['basic without username', { strategy: 'basic' } as ConnectorAuth, { password: 'pw' }, 'username'],
    ['basic without password', { strategy: 'basic' } as ConnectorAuth, { username: 'ada' }, 'password'],
    ['oauth2 without any token', { strategy: 'oauth2', tokenUrl: 'http://127.0.0.1:9/token' } as ConnectorAuth, {}, 'accessToken'],
  ])('a missing credential (%s) is AUTH_FAILED with no request sent', async (_name, auth, credentials, field) => {
    const result = await run(connect(auth, credentials));

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', retryable: false, message: `The connection has no "${field}" credential; nothing was sent` },
      meta: { attempts: 0 },
    });
    expect(result.meta.status).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });
});

describe('applyAuth', () => {
  it('reads a numeric credential as a string', () => {
    const headers: Record<string, string> = {};
    applyAuth({ strategy: 'api_key', in: 'header', name: 'X-Key' }, { apiKey: 12345 }, headers, new URL('https://api.vendor.test'), undefined);
    expect(headers).toEqual({ 'x-key': '12345' });
  });

  it('leaves custom and none strategies alone', () => {
    for (const auth of [{ strategy: 'custom' }, { strategy: 'none' }] as ConnectorAuth[]) {
      const headers: Record<string, string> = {};
      const url = new URL('https://api.vendor.test/x');
      applyAuth(auth, { token: 'ignored' }, headers, url, undefined);
      expect(headers).toEqual({});
      expect(url.search).toBe('');
    }
  });

  it('names the carrier of an api key for redaction', () => {
    expect(credentialCarriers({ strategy: 'api_key', in: 'query', name: 'hapikey' })).toEqual(['hapikey']);
    expect(credentialCarriers({ strategy: 'api_key', in: 'cookie', name: 'session_key' })).toEqual(['cookie']);
    expect(credentialCarriers({ strategy: 'bearer' })).toEqual([]);
  });
});
