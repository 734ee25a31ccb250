import type { OAuth2Auth } from '@patchbay/contract';
import { oauth2CredentialsSchema } from '@patchbay/runtime';

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
  credentialsSchema: oauth2CredentialsSchema({
    staticToken: { field: 'token', schema: { type: 'string', minLength: 1, description: 'Personal access token (classic or fine-grained)' } },
    fields: { accessToken: { description: 'OAuth app user access token' }, refreshToken: { description: 'Refresh token of an expiring user token' } },
  }),
};
