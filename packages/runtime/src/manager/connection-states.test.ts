import type { ConnectorExecuteOutput } from '@patchbay/contract';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStateChange } from '../auth/connection-state.js';
import { oauthModule, startOAuthProvider, type OAuthProvider } from '../auth/oauth-provider.test-helper.js';
import { IntegrationManager, type IntegrationManagerOptions } from './integration-manager.js';

let provider: OAuthProvider;
let manager: IntegrationManager | undefined;
const changes: ConnectionStateChange[] = [];

beforeAll(async () => {
  provider = await startOAuthProvider();
});
afterAll(async () => {
  await provider.close();
});
beforeEach(() => {
  provider.idp.requests.length = 0;
  provider.api.requests.length = 0;
  changes.length = 0;
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
});

async function connected(credentials: Record<string, unknown>, options: IntegrationManagerOptions = {}) {
  manager = await IntegrationManager.create({
    cwd: process.cwd(),
    modules: [oauthModule()],
    onConnectionStateChange: (change) => changes.push(change),
    ...options,
  });
  await manager.connect({ id: 'conn', connector: 'oauthdemo', credentials, config: { baseUrl: provider.api.url, tokenUrl: provider.tokenUrl } });
  return manager;
}

const call = (target: IntegrationManager, operation = 'me.get', signal?: AbortSignal): Promise<ConnectorExecuteOutput> => target.execute('conn', operation, {}, { signal });

describe('connection states', () => {
  it('puts a connection whose refresh answers invalid_grant in needs_reauth: 20 calls, exactly 1 token request', async () => {
    const target = await connected({ accessToken: 'at_expired', refreshToken: 'rt_revoked', expiresAt: Date.now() - 1000 });

    const results = [];
    for (let index = 0; index < 20; index++) results.push(await call(target));

    expect(provider.idp.requests).toHaveLength(1);
    expect(provider.api.requests).toHaveLength(0);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', reauthRequired: true, retryable: false }, meta: { attempts: 0 } });
      expect(JSON.stringify(result)).not.toContain('rt_revoked');
    }
    expect(target.connectionState('conn')).toBe('needs_reauth');
    expect(changes.map((change) => [change.previous, change.state])).toEqual([['active', 'refreshing'], ['refreshing', 'needs_reauth']]);
    expect(changes[1]!.error).toMatchObject({ code: 'AUTH_FAILED', reauthRequired: true });

    // Twenty more concurrent calls still never reach the token endpoint.
    await Promise.all(Array.from({ length: 20 }, () => call(target)));
    expect(provider.idp.requests).toHaveLength(1);
  });

  it('is active again once the credentials are replaced, and refreshes with the new ones', async () => {
    const target = await connected({ accessToken: 'at_expired', refreshToken: 'rt_revoked', expiresAt: Date.now() - 1000 });
    await call(target);
    expect(target.connectionState('conn')).toBe('needs_reauth');

    provider.refreshTokens.add('rt_fresh');
    await target.updateCredentials('conn', { accessToken: 'at_expired', refreshToken: 'rt_fresh', expiresAt: Date.now() - 1000 });
    expect(target.connectionState('conn')).toBe('active');

    expect(await call(target)).toMatchObject({ ok: true, data: { login: 'octocat' } });
    expect(provider.idp.requests).toHaveLength(2);
    expect(provider.idp.requests[1]!.form).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt_fresh' });
    expect(target.connectionState('conn')).toBe('active');
  });

  it('refreshes once per token lifetime when the provider issues tokens shorter-lived than the skew', async () => {
    provider.expiresIn = 20;
    provider.refreshTokens.add('rt_short');
    try {
      const target = await connected({ accessToken: 'at_old', refreshToken: 'rt_short', expiresAt: Date.now() - 1 });
      for (let index = 0; index < 30; index++) expect(await call(target)).toMatchObject({ ok: true });
      expect(provider.idp.requests).toHaveLength(1);
      expect(provider.api.requests).toHaveLength(30);
    } finally {
      provider.expiresIn = 3600;
    }
  });

  it('takes the skew from the manager option', async () => {
    provider.refreshTokens.add('rt_skew');
    // Expires in 90 s: inside a 120 s skew, outside the default 30 s one.
    const target = await connected({ accessToken: 'at_soon', refreshToken: 'rt_skew', expiresAt: Date.now() + 90_000 }, { refreshSkewMs: 120_000 });
    provider.valid.add('at_soon');
    expect(await call(target)).toMatchObject({ ok: true });
    expect(provider.idp.requests).toHaveLength(1);
    expect(provider.api.requests[0]!.headers.authorization).not.toBe('Bearer at_soon');

    const defaults = await connected({ accessToken: 'at_soon', refreshToken: 'rt_unused', expiresAt: Date.now() + 90_000 });
    expect(await call(defaults)).toMatchObject({ ok: true });
    expect(provider.idp.requests).toHaveLength(1);
  });

  it('stores a rotated refresh token before the new access token is used', async () => {
    provider.refreshTokens.add('rt_rotate');
    const order: string[] = [];
    const target = await connected(
      { accessToken: 'at_old', refreshToken: 'rt_rotate', expiresAt: Date.now() - 1 },
      {
        onCredentialsRefreshed: async (_id, credentials) => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          order.push(`stored ${String(credentials.refreshToken)} at ${provider.api.requests.length} API requests`);
        },
      },
    );
    expect(await call(target)).toMatchObject({ ok: true });
    expect(order).toEqual([expect.stringMatching(/^stored rt_\d+ at 0 API requests$/)]);
  });

  it('does not use renewed credentials that could not be stored, and stores them before the next use', async () => {
    provider.refreshTokens.add('rt_store');
    let failures = 1;
    const stored: Record<string, unknown>[] = [];
    const target = await connected(
      { accessToken: 'at_old', refreshToken: 'rt_store', expiresAt: Date.now() - 1 },
      {
        onCredentialsRefreshed: (_id, credentials) => {
          if (failures-- > 0) throw new Error('database is down');
          stored.push(credentials);
        },
      },
    );
    // The failure is retryable: the call's retry stores the kept credentials first, then uses them.
    expect(await call(target)).toMatchObject({ ok: true, meta: { attempts: 1 } });
    expect(changes.map((change) => change.state)).toEqual(['refreshing', 'error', 'refreshing', 'active']);
    expect(changes[1]!.error).toMatchObject({ code: 'CONNECTOR_ERROR', message: expect.stringContaining('could not be stored') });
    // The rotated token was kept and stored: no second token request (rt_store is spent).
    expect(provider.idp.requests).toHaveLength(1);
    expect(stored).toHaveLength(1);
    expect(provider.api.requests).toHaveLength(1);
    expect(target.connectionState('conn')).toBe('active');
  });

  it("bounds a caller's wait for a slow refresh by its abort signal", async () => {
    provider.refreshTokens.add('rt_slow');
    const answer = provider.answer;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    provider.answer = async (request, count) => {
      await held;
      return answer(request, count);
    };
    try {
      const target = await connected({ accessToken: 'at_old', refreshToken: 'rt_slow', expiresAt: Date.now() - 1 });
      const controller = new AbortController();
      const pending = call(target, 'me.get', controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(target.connectionState('conn')).toBe('refreshing');
      controller.abort();
      expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
      release();
      // The refresh itself completes for the next caller.
      expect(await call(target)).toMatchObject({ ok: true });
      expect(provider.idp.requests).toHaveLength(1);
    } finally {
      provider.answer = answer;
      release();
    }
  });

  it('needs re-authorization after the API answers 403 insufficient_scope', async () => {
    provider.valid.add('at_valid');
    const target = await connected({ accessToken: 'at_valid', refreshToken: 'rt_unused' });
    expect(await call(target, 'scoped.get')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 403, reauthRequired: true } });
    expect(target.connectionState('conn')).toBe('needs_reauth');
    expect(await call(target)).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', reauthRequired: true }, meta: { attempts: 0 } });
    expect(provider.api.requests).toHaveLength(1);
    expect(provider.idp.requests).toHaveLength(0);
  });
});
