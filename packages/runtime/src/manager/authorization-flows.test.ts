import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOAuthStandIn, type OAuthStandIn } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OAUTH_AUTH, oauthModule, startOAuthProvider, type OAuthProvider } from '../auth/oauth-provider.test-helper.js';
import { CredentialCipher } from '../store/credential-cipher.js';
import { FileConnectionStore } from '../store/file-connection-store.js';
import { IntegrationManager } from './integration-manager.js';

let api: OAuthProvider;
let idp: OAuthStandIn;
let folder: string;
let manager: IntegrationManager | undefined;
const cipher = new CredentialCipher([['k1', randomBytes(32)]]);
const REDIRECT = 'https://app.example/oauth/callback';

beforeAll(async () => {
  api = await startOAuthProvider();
  idp = await startOAuthStandIn({
    accessToken: () => {
      const token = `at_${randomBytes(6).toString('hex')}`;
      api.valid.add(token);
      return token;
    },
  });
  folder = await mkdtemp(join(tmpdir(), 'patchbay-flows-'));
});
afterAll(async () => {
  await Promise.all([api.close(), idp.close(), rm(folder, { recursive: true, force: true })]);
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  idp.requests.length = 0;
});

async function create(pkce = true) {
  manager = await IntegrationManager.create({
    cwd: process.cwd(),
    modules: [oauthModule({ ...OAUTH_AUTH, pkce, authorizationUrl: idp.authorizationUrl, tokenUrl: idp.tokenUrl })],
    store: new FileConnectionStore({ directory: folder, cipher }),
    oauthClients: { oauthdemo: { clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri: REDIRECT } },
  });
  return manager;
}

describe('the authorization-code flow', () => {
  it('builds the authorization URL with state and a PKCE S256 challenge', async () => {
    const target = await create();
    const start = target.createAuthorizationUrl({ connector: 'oauthdemo', connectionId: 'user-7' });
    const url = new URL(start.url);
    expect(`${url.origin}${url.pathname}`).toBe(idp.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: REDIRECT,
      scope: 'read write',
      state: start.state,
      code_challenge: createHash('sha256').update(start.codeVerifier!).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(start.state).toMatch(/^[\w-]{32}$/);
    expect(start.codeVerifier).toMatch(/^[\w-]{43}$/);
    expect(start.connectionId).toBe('user-7');
    expect(target.createAuthorizationUrl({ connector: 'oauthdemo' }).state).not.toBe(start.state);
    expect(idp.requests).toHaveLength(0);
  });

  it('exchanges the callback code, stores the connection, and the connection works', async () => {
    const target = await create();
    const start = target.createAuthorizationUrl({ connector: 'oauthdemo', connectionId: 'user-7', scopes: ['read'], config: { baseUrl: api.api.url } });
    const callback = await idp.authorize(start.url);
    expect(callback.searchParams.get('state')).toBe(start.state);

    const connected = await target.completeAuthorization({ state: callback.searchParams.get('state')!, code: callback.searchParams.get('code')! });

    expect(connected).toEqual({ id: 'user-7', connector: 'oauthdemo' });
    const exchange = idp.requests.find((request) => request.method === 'POST')!;
    expect(exchange.form).toEqual({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      redirect_uri: REDIRECT,
      code_verifier: start.codeVerifier,
      client_id: idp.clientId,
      client_secret: idp.clientSecret,
    });
    const stored = await new FileConnectionStore({ directory: folder, cipher }).get('user-7');
    expect(stored).toMatchObject({
      connector: 'oauthdemo',
      credentials: { accessToken: expect.stringMatching(/^at_/), refreshToken: expect.stringMatching(/^rt_/), expiresAt: expect.any(Number), clientId: idp.clientId },
      config: { baseUrl: api.api.url, oauth: { scope: 'read' } },
    });
    expect(JSON.stringify(stored!.config)).not.toMatch(/at_|rt_/);
    expect(await target.execute('user-7', 'me.get')).toMatchObject({ ok: true, data: { login: 'octocat' } });
  });

  it('refuses a replayed, unknown or forged state without calling the token endpoint', async () => {
    const target = await create();
    const start = target.createAuthorizationUrl({ connector: 'oauthdemo', config: { baseUrl: api.api.url } });
    const callback = await idp.authorize(start.url);
    const code = callback.searchParams.get('code')!;
    await target.completeAuthorization({ state: start.state, code });
    const posts = () => idp.requests.filter((request) => request.method === 'POST').length;
    expect(posts()).toBe(1);

    await expect(target.completeAuthorization({ state: start.state, code })).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('unknown, expired or already used') });
    await expect(target.completeAuthorization({ state: 'forged', code })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(posts()).toBe(1);
  });

  it('completes in another process from what the app kept in its session', async () => {
    const starter = await create();
    const start = starter.createAuthorizationUrl({ connector: 'oauthdemo', connectionId: 'user-9', config: { baseUrl: api.api.url } });
    await starter.close();
    const callback = await idp.authorize(start.url);

    const finisher = await create();
    const connected = await finisher.completeAuthorization({
      state: callback.searchParams.get('state')!,
      code: callback.searchParams.get('code')!,
      started: { connector: 'oauthdemo', connectionId: 'user-9', codeVerifier: start.codeVerifier, expectedState: start.state, config: { baseUrl: api.api.url } },
    });
    expect(connected.id).toBe('user-9');
    expect(await finisher.execute('user-9', 'me.get')).toMatchObject({ ok: true });
  });

  it('reports a refused code as AUTH_FAILED without echoing the client secret', async () => {
    const target = await create(false);
    const start = target.createAuthorizationUrl({ connector: 'oauthdemo' });
    const error = await target.completeAuthorization({ state: start.state, code: 'not-a-code' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 400, message: expect.stringContaining('invalid_grant') });
    expect(String((error as Error).message)).not.toContain(idp.clientSecret);
  });

  it('explains a connector without an OAuth client configured', async () => {
    manager = await IntegrationManager.create({ cwd: process.cwd(), modules: [oauthModule()] });
    expect(() => manager!.createAuthorizationUrl({ connector: 'oauthdemo', redirectUri: REDIRECT })).toThrow(/No OAuth client for "oauthdemo"/);
  });
});
