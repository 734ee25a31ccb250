import type { ApiKeyAuth, OAuth2Auth } from '@patchbay/contract';
import { oauth2CredentialsSchema } from '@patchbay/runtime';

/** A personal API key (`lin_api_…`), which Linear takes as the bare `Authorization` value. */
export const linearApiKeyAuth: ApiKeyAuth = {
  strategy: 'api_key',
  in: 'header',
  name: 'Authorization',
  field: 'apiKey',
  documentationUrl: 'https://linear.app/settings/account/security',
};

/**
 * Linear takes a personal API key as the bare `Authorization` value (no `Bearer` prefix) and an
 * OAuth access token as `Authorization: Bearer <token>`. The module declares `oauth2`, so the
 * runtime refreshes OAuth tokens, with the API key as its alternative; the client picks the
 * strategy from the shape of a connection's credentials.
 */
export const linearAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://linear.app/oauth/authorize',
  tokenUrl: 'https://api.linear.app/oauth/token',
  scopes: ['read', 'write', 'issues:create', 'comments:create', 'timeSchedule:write', 'admin'],
  defaultScopes: ['read', 'write'],
  scopeSeparator: ',',
  pkce: true,
  tokenEndpointAuthMethod: 'client_secret_post',
  documentationUrl: 'https://linear.app/developers/oauth-2-0-authentication',
  environment: { apiKey: 'LINEAR_API_KEY' },
  credentialsSchema: oauth2CredentialsSchema({
    staticToken: { field: 'apiKey', schema: { type: 'string', minLength: 1, description: 'Personal API key (`lin_api_…`), sent without a Bearer prefix' } },
    fields: { accessToken: { description: 'OAuth access token, sent as Bearer' } },
  }),
  alternatives: [linearApiKeyAuth],
};

/** A connection with an API key uses it, whatever else it carries; otherwise its OAuth token. */
export function usesApiKey(credentials: Record<string, unknown>): boolean {
  return typeof credentials.apiKey === 'string' && credentials.apiKey !== '';
}
