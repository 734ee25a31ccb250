import type { OAuth2Auth } from '@patchbay/contract';

/**
 * GitHub takes the same bearer header for a personal access token and for an OAuth app's user
 * token, so one `oauth2` declaration covers both: `{ token }` for a personal token, or
 * `{ accessToken, refreshToken?, expiresAt?, clientId?, clientSecret? }` from an OAuth app.
 */
export const githubAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://github.com/login/oauth/authorize',
  tokenUrl: 'https://github.com/login/oauth/access_token',
  scopes: ['repo', 'public_repo', 'read:user', 'user:email', 'read:org', 'workflow'],
  defaultScopes: ['repo', 'read:user'],
  scopeSeparator: ' ',
  pkce: true,
  tokenEndpointAuthMethod: 'client_secret_post',
  documentationUrl: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
  environment: { token: 'GITHUB_TOKEN' },
  credentialsSchema: {
    type: 'object',
    anyOf: [{ required: ['token'] }, { required: ['accessToken'] }],
    properties: {
      token: { type: 'string', minLength: 1, description: 'Personal access token (classic or fine-grained)' },
      accessToken: { type: 'string', minLength: 1, description: 'OAuth app user access token' },
      refreshToken: { type: 'string', description: 'Refresh token of an expiring user token' },
      expiresAt: { type: ['number', 'string'], description: 'Expiry as epoch milliseconds or ISO date' },
      clientId: { type: 'string' },
      clientSecret: { type: 'string' },
    },
  },
};
