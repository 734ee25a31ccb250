import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationManager } from '../manager/integration-manager.js';
import { CLIENT_CREDENTIALS_AUTH, oauthModule, startOAuthProvider, type OAuthProvider } from './oauth-provider.test-helper.js';

let provider: OAuthProvider;
let manager: IntegrationManager | undefined;
let defaultAnswer: OAuthProvider['answer'];

beforeAll(async () => {
  provider = await startOAuthProvider();
  defaultAnswer = provider.answer;
});
afterAll(async () => {
  await provider.close();
});
beforeEach(() => {
  provider.idp.requests.length = 0;
  provider.api.requests.length = 0;
  provider.expiresIn = 3600;
  provider.answer = defaultAnswer;
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
});

async function connected(auth = CLIENT_CREDENTIALS_AUTH, credentials: Record<string, unknown> = { clientId: 'client-1', clientSecret: 'secret-1' }) {
  manager = await IntegrationManager.create({ cwd: process.cwd(), modules: [oauthModule(auth, 'machine')] });
  await manager.connect({ id: 'm2m', connector: 'machine', credentials, config: { baseUrl: provider.api.url, tokenUrl: provider.tokenUrl } });
  return manager;
}

describe('client-credentials grant', () => {
  it('fetches a token on the first call, then reuses it', async () => {
    const target = await connected();

    for (let index = 0; index < 5; index++) expect(await target.execute('m2m', 'me.get')).toMatchObject({ ok: true, data: { login: 'octocat' } });

    expect(provider.idp.requests).toHaveLength(1);
    const [tokenRequest] = provider.idp.requests;
    expect(tokenRequest).toMatchObject({ method: 'POST', path: '/oauth/token' });
    expect(tokenRequest!.form).toEqual({ grant_type: 'client_credentials', scope: 'reports.read', client_id: 'client-1', client_secret: 'secret-1' });
    const token = provider.api.requests[0]!.headers.authorization;
    expect(token).toMatch(/^Bearer cc_\d+$/);
    expect(provider.api.requests.every((request) => request.headers.authorization === token)).toBe(true);
  });

  it('sends the client as HTTP basic authentication when the provider asks for it', async () => {
    const target = await connected({ ...CLIENT_CREDENTIALS_AUTH, tokenEndpointAuthMethod: 'client_secret_basic' });
    provider.answer = ((answer) => (request, count) => {
      const basic = Buffer.from(request.headers.authorization?.replace(/^Basic /, '') ?? '', 'base64').toString();
      const [clientId, clientSecret] = basic.split(':');
      return answer({ ...request, form: { ...request.form, client_id: clientId!, client_secret: clientSecret! } }, count);
    })(provider.answer);
    expect(await target.execute('m2m', 'me.get')).toMatchObject({ ok: true });
    expect(provider.idp.requests[0]!.form).toEqual({ grant_type: 'client_credentials', scope: 'reports.read' });
    expect(provider.idp.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('client-1:secret-1').toString('base64')}`);
  });

  it('fetches a new token before the current one expires', async () => {
    provider.expiresIn = 1;
    const target = await connected();
    expect(await target.execute('m2m', 'me.get')).toMatchObject({ ok: true });
    // Renewed at half the 1 s lifetime (the 30 s skew is longer than the token lives).
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await target.execute('m2m', 'me.get')).toMatchObject({ ok: true });
    expect(provider.idp.requests).toHaveLength(2);
    const [first, second] = provider.api.requests.map((request) => request.headers.authorization);
    expect(first).not.toBe(second);
  });

  it('fetches a new token after the API answers 401, and retries the call once', async () => {
    const target = await connected();
    await target.execute('m2m', 'me.get');
    provider.valid.clear();

    const result = await target.execute('m2m', 'me.get');

    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(provider.idp.requests).toHaveLength(2);
    expect(provider.api.requests).toHaveLength(3);
    expect(provider.api.requests[2]!.headers.authorization).not.toBe(provider.api.requests[1]!.headers.authorization);
  });

  it('needs re-authorization when the client is refused, and never asks again', async () => {
    const target = await connected(CLIENT_CREDENTIALS_AUTH, { clientId: 'client-1', clientSecret: 'wrong' });
    for (let index = 0; index < 5; index++) {
      const result = await target.execute('m2m', 'me.get');
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', reauthRequired: true } });
      expect(JSON.stringify(result)).not.toContain('wrong');
    }
    expect(provider.idp.requests).toHaveLength(1);
    expect(target.connectionState('m2m')).toBe('needs_reauth');
  });
});
