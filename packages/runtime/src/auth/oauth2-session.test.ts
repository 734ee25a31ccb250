import type { ConnectionContext, ConnectorExecuteOutput, OAuth2Auth } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInRequest, type StandInResponse } from '@patchbay/stand-ins';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import { createTransport, type HttpTransport } from '../http/transport.js';

const transport: HttpTransport = createTransport();
const servers: StandIn[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await transport.close();
});

const AUTH: OAuth2Auth = { strategy: 'oauth2', tokenUrl: 'https://idp.vendor.invalid/oauth/token', authorizationUrl: 'https://idp.vendor.invalid/authorize' };

class OAuthClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options: ClientOptions = {}, auth: OAuth2Auth = AUTH) {
    super(connection, { transport, retry: { minDelayMs: 1, maxDelayMs: 5 }, ...options }, { auth });
    this.register('me.get', (input, call) => call.request({ method: 'GET', path: '/me' }));
  }
}

interface Scenario {
  /** The API: accepts only the tokens in `valid`. */
  api: StandIn;
  /** The token endpoint, on its own server so its requests are counted apart. */
  idp: StandIn;
  valid: Set<string>;
}

type TokenAnswer = (request: StandInRequest, count: number) => StandInResponse | Promise<StandInResponse>;

async function scenario(tokenAnswer: TokenAnswer, valid: string[] = ['at_new']): Promise<Scenario> {
  const accepted = new Set(valid);
  const api = await startStandIn((request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token && accepted.has(token) ? { status: 200, body: { login: 'octocat' } } : { status: 401, body: { message: 'Bad credentials' } };
  });
  let count = 0;
  const idp = await startStandIn((request) => tokenAnswer(request, ++count));
  servers.push(api, idp);
  return { api, idp, valid: accepted };
}

const grant: TokenAnswer = () => ({
  status: 200,
  body: { access_token: 'at_new', refresh_token: 'rt_rotated', token_type: 'bearer', expires_in: 3600 },
});

function connect(setup: Scenario, credentials: Record<string, unknown>, options: ClientOptions = {}, auth?: OAuth2Auth) {
  return new OAuthClient(
    { id: 'oauth-conn', credentials, config: { baseUrl: setup.api.url, tokenUrl: `${setup.idp.url}/oauth/token` } },
    options,
    auth,
  );
}

function run(client: BaseAPIClient): Promise<ConnectorExecuteOutput> {
  return client.toConnectorModule({ id: 'oauth', displayName: 'OAuth', version: '1.0.0' }).execute({ operation: 'me.get', input: {}, connection: client.connection });
}

const EXPIRED = { accessToken: 'at_old', refreshToken: 'rt_original', clientId: 'client-1', clientSecret: 'client-secret-1', expiresAt: Date.now() - 60_000 };

describe('OAuth2 refresh', () => {
  it('refreshes an expired token once before the call, with the refresh-token grant', async () => {
    const setup = await scenario(grant);
    const onCredentialsRefreshed = vi.fn();
    const client = connect(setup, { ...EXPIRED }, { onCredentialsRefreshed });

    const result = await run(client);

    expect(result).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { attempts: 1, status: 200 } });
    expect(setup.idp.requests).toHaveLength(1);
    const [refresh] = setup.idp.requests;
    expect(refresh).toMatchObject({ method: 'POST', path: '/oauth/token' });
    expect(refresh!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(refresh!.headers).not.toHaveProperty('authorization');
    expect(refresh!.form).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt_original', client_id: 'client-1', client_secret: 'client-secret-1' });
    // The API only ever saw the new token.
    expect(setup.api.requests.map((request) => request.headers.authorization)).toEqual(['Bearer at_new']);
    expect(refresh!.receivedAt).toBeLessThanOrEqual(setup.api.requests[0]!.receivedAt);

    expect(onCredentialsRefreshed).toHaveBeenCalledTimes(1);
    const refreshed = onCredentialsRefreshed.mock.calls[0]![0] as Record<string, unknown>;
    expect(refreshed).toMatchObject({ accessToken: 'at_new', refreshToken: 'rt_rotated', clientId: 'client-1', clientSecret: 'client-secret-1' });
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now() + 3500_000);

    // The refreshed token is kept: the next call needs no refresh.
    await run(client);
    expect(setup.idp.requests).toHaveLength(1);
    expect(setup.api.requests).toHaveLength(2);
  });

  it('refreshes a token that expires within the 30 s skew', async () => {
    const setup = await scenario(grant);
    const client = connect(setup, { ...EXPIRED, expiresAt: new Date(Date.now() + 10_000).toISOString() });
    await run(client);
    expect(setup.idp.requests).toHaveLength(1);
  });

  it('uses client_secret_basic when the provider asks for it', async () => {
    const setup = await scenario(grant);
    const client = connect(setup, { ...EXPIRED, clientId: 'id:1', clientSecret: 's/2' }, {}, { ...AUTH, tokenEndpointAuthMethod: 'client_secret_basic' });

    await run(client);

    const [refresh] = setup.idp.requests;
    expect(refresh!.headers.authorization).toBe(`Basic ${Buffer.from('id%3A1:s%2F2').toString('base64')}`);
    expect(refresh!.form).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt_original' });
  });

  it('refreshes after a 401 and retries the call once with the new token', async () => {
    const setup = await scenario(grant);
    const onCredentialsRefreshed = vi.fn();
    const client = connect(setup, { accessToken: 'at_revoked', refreshToken: 'rt_original' }, { onCredentialsRefreshed });

    const result = await run(client);

    expect(result).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { attempts: 2, status: 200 } });
    expect(setup.api.requests.map((request) => request.headers.authorization)).toEqual(['Bearer at_revoked', 'Bearer at_new']);
    expect(setup.idp.requests).toHaveLength(1);
    expect(onCredentialsRefreshed).toHaveBeenCalledTimes(1);
  });

  it('gives up with AUTH_FAILED when the API still answers 401 after a refresh', async () => {
    const setup = await scenario(grant, []);
    const client = connect(setup, { accessToken: 'at_revoked', refreshToken: 'rt_original' });

    const result = await run(client);

    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401 }, meta: { attempts: 2 } });
    expect(setup.idp.requests).toHaveLength(1);
    expect(setup.api.requests).toHaveLength(2);
  });

  it('answers a 401 with AUTH_FAILED and no refresh when there is no refresh token', async () => {
    const setup = await scenario(grant);
    const client = connect(setup, { accessToken: 'at_revoked' });
    const result = await run(client);
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401 }, meta: { attempts: 1 } });
    expect(setup.idp.requests).toHaveLength(0);
  });

  it('sends one refresh for 50 concurrent calls with an expired token', async () => {
    const setup = await scenario(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // a slow IdP widens the race window
      return grant({} as StandInRequest, 1);
    });
    const onCredentialsRefreshed = vi.fn();
    const client = connect(setup, { ...EXPIRED }, { onCredentialsRefreshed });

    const results = await Promise.all(Array.from({ length: 50 }, () => run(client)));

    expect(results.filter((result) => result.ok)).toHaveLength(50);
    expect(setup.idp.requests).toHaveLength(1);
    expect(setup.api.requests).toHaveLength(50);
    expect(new Set(setup.api.requests.map((request) => request.headers.authorization))).toEqual(new Set(['Bearer at_new']));
    expect(onCredentialsRefreshed).toHaveBeenCalledTimes(1);
    expect(onCredentialsRefreshed).toHaveBeenCalledWith(expect.objectContaining({ accessToken: 'at_new', refreshToken: 'rt_rotated' }));
  });

  it('sends one refresh for 50 concurrent calls rejected with 401', async () => {
    const setup = await scenario(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return grant({} as StandInRequest, 1);
    });
    const client = connect(setup, { accessToken: 'at_revoked', refreshToken: 'rt_original' });

    const results = await Promise.all(Array.from({ length: 50 }, () => run(client)));

    expect(results.every((result) => result.ok)).toBe(true);
    expect(setup.idp.requests).toHaveLength(1);
    expect(setup.api.requests.filter((request) => request.headers.authorization === 'Bearer at_new')).toHaveLength(50);
  });

  it('keeps the refresh token when the provider does not rotate it', async () => {
    const setup = await scenario(() => ({ status: 200, body: { access_token: 'at_new', expires_in: '3600' } }));
    const onCredentialsRefreshed = vi.fn();
    const client = connect(setup, { access_token: 'at_old', refresh_token: 'rt_original', expires_at: Date.now() - 1 }, { onCredentialsRefreshed });

    await run(client);

    const refreshed = onCredentialsRefreshed.mock.calls[0]![0] as Record<string, unknown>;
    expect(refreshed).toMatchObject({ accessToken: 'at_new', refresh_token: 'rt_original' });
    expect(refreshed).not.toHaveProperty('access_token');
    expect(refreshed).not.toHaveProperty('expires_at');
    expect(setup.idp.requests[0]!.form).toMatchObject({ refresh_token: 'rt_original' });
  });

  it('reads a form-encoded token response', async () => {
    const setup = await scenario(() => ({
      status: 200,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'access_token=at_new&token_type=bearer&refresh_token=rt_rotated',
    }));
    const client = connect(setup, { ...EXPIRED });
    expect(await run(client)).toMatchObject({ ok: true });
  });

  it('answers AUTH_FAILED when the refresh is refused (400 invalid_grant), without calling the API', async () => {
    const setup = await scenario(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token revoked rt_original' } }));
    const onCredentialsRefreshed = vi.fn();
    const client = connect(setup, { ...EXPIRED }, { onCredentialsRefreshed });

    const result = await run(client);

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', status: 400, retryable: false, message: expect.stringContaining('invalid_grant') },
      meta: { attempts: 0 },
    });
    expect(JSON.stringify(result)).not.toContain('rt_original');
    expect(JSON.stringify(result)).not.toContain('client-secret-1');
    expect(setup.idp.requests).toHaveLength(1);
    expect(setup.api.requests).toHaveLength(0);
    expect(onCredentialsRefreshed).not.toHaveBeenCalled();
  });

  it('answers AUTH_FAILED when a 200 token response has no access_token', async () => {
    const setup = await scenario(() => ({ status: 200, body: { token_type: 'bearer' } }));
    const client = connect(setup, { ...EXPIRED });
    const result = await run(client);
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 200 } });
    expect(setup.api.requests).toHaveLength(0);
  });

  it('retries a refresh the identity provider could not serve, instead of calling it a rejected grant', async () => {
    const setup = await scenario((request, count) => (count === 1 ? { status: 503, body: { error: 'temporarily_unavailable' } } : grant(request, count)));
    const client = connect(setup, { ...EXPIRED });

    expect(await run(client)).toMatchObject({ ok: true });
    expect(setup.idp.requests).toHaveLength(2);
  });
});
