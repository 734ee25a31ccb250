import type { OAuth2Auth } from '@patchbay/contract';
import { startStandIn, type StandIn, type StandInRequest } from '@patchbay/stand-ins';
import { BaseAPIClient } from '../client/base-api-client.js';

// Test-only: a loopback identity provider and API that count every request, and a connector for them.

export interface OAuthProvider {
  /** The token endpoint alone, so its requests are counted apart from the API's. */
  idp: StandIn;
  api: StandIn;
  tokenUrl: string;
  /** What the next token request answers; the default issues a fresh token pair. */
  answer: (request: StandInRequest, count: number) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;
  /** Access tokens the API accepts. */
  valid: Set<string>;
  /** Refresh tokens the token endpoint accepts. */
  refreshTokens: Set<string>;
  /** `expires_in` of issued tokens. */
  expiresIn: number;
  close(): Promise<void>;
}

/**
 * A provider that rotates refresh tokens: each refresh invalidates the presented refresh token
 * (answering `invalid_grant` when it is presented again) and issues `at_<n>` / `rt_<n>`.
 * Client credentials are accepted for `client-1` / `secret-1`.
 */
export async function startOAuthProvider(): Promise<OAuthProvider> {
  let issued = 0;
  const provider: OAuthProvider = {
    valid: new Set(),
    refreshTokens: new Set(['rt_0']),
    expiresIn: 3600,
    answer: (request) => {
      const form = request.form ?? (request.json as Record<string, string> | undefined) ?? {};
      if (form.grant_type === 'client_credentials') {
        if (form.client_id !== 'client-1' || form.client_secret !== 'secret-1') return { status: 401, body: { error: 'invalid_client' } };
        const token = `cc_${++issued}`;
        provider.valid.add(token);
        return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: provider.expiresIn, scope: form.scope } };
      }
      if (form.grant_type !== 'refresh_token' || !provider.refreshTokens.delete(form.refresh_token ?? '')) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is invalid or was rotated' } };
      }
      const n = ++issued;
      provider.valid.add(`at_${n}`);
      provider.refreshTokens.add(`rt_${n}`);
      return { status: 200, body: { access_token: `at_${n}`, refresh_token: `rt_${n}`, token_type: 'bearer', expires_in: provider.expiresIn } };
    },
    idp: undefined as unknown as StandIn,
    api: undefined as unknown as StandIn,
    tokenUrl: '',
    close: async () => {
      await Promise.all([provider.idp.close(), provider.api.close()]);
    },
  };
  let count = 0;
  provider.idp = await startStandIn((request) => provider.answer(request, ++count));
  provider.api = await startStandIn((request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (request.path === '/scoped') return { status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="admin"' }, body: { message: 'Missing scope admin' } };
    return token && provider.valid.has(token) ? { status: 200, body: { login: 'octocat' } } : { status: 401, body: { message: 'Bad credentials' } };
  });
  provider.tokenUrl = `${provider.idp.url}/oauth/token`;
  return provider;
}

export const OAUTH_AUTH: OAuth2Auth = {
  strategy: 'oauth2',
  authorizationUrl: 'https://idp.vendor.invalid/authorize',
  tokenUrl: 'https://idp.vendor.invalid/oauth/token',
  scopes: ['read', 'write'],
};

export const CLIENT_CREDENTIALS_AUTH: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'client_credentials',
  tokenUrl: 'https://idp.vendor.invalid/oauth/token',
  scopes: ['reports.read'],
  credentialsSchema: { type: 'object', required: ['clientId', 'clientSecret'], properties: { clientId: { type: 'string' }, clientSecret: { type: 'string' } } },
};

/** A connector with `me.get` (`GET /me`) and `scoped.get` (a 403 insufficient_scope), for the given auth. */
export function oauthModule(auth: OAuth2Auth = OAUTH_AUTH, id = 'oauthdemo') {
  const operation = (path: string) => ({
    kind: 'action' as const,
    displayName: path,
    inputSchema: { type: 'object' as const, additionalProperties: false, properties: {} },
    http: { method: 'GET' as const, path },
  });
  return BaseAPIClient.define({ auth }).toConnectorModule({
    id,
    displayName: 'OAuth demo',
    version: '1.0.0',
    operations: { 'me.get': operation('/me'), 'scoped.get': operation('/scoped') },
  });
}
