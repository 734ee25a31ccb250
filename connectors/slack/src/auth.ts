import type { OAuth2Auth } from '@patchbay/contract';
import { oauth2CredentialsSchema } from '@patchbay/runtime';

/**
 * Slack apps install through OAuth v2: the authorize URL takes bot scopes in `scope` (comma
 * separated), and `oauth.v2.access` answers the bot token (`xoxb-…`). A connection passes it as
 * `{ token }`, or as `{ accessToken, refreshToken, expiresAt, clientId, clientSecret }` when token
 * rotation is on, so the runtime refreshes it before it expires.
 */
export const slackAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://slack.com/oauth/v2/authorize',
  tokenUrl: 'https://slack.com/api/oauth.v2.access',
  scopes: [
    'chat:write',
    'chat:write.public',
    'channels:read',
    'channels:history',
    'channels:manage',
    'groups:read',
    'groups:history',
    'users:read',
    'users:read.email',
    'reactions:write',
  ],
  defaultScopes: ['chat:write', 'channels:read', 'channels:history', 'users:read', 'users:read.email', 'reactions:write'],
  scopeSeparator: ',',
  // Scopes for the installing user's own token (xoxp-…), which comes back in `authed_user`.
  userScopeParam: 'user_scope',
  tokenEndpointAuthMethod: 'client_secret_post',
  documentationUrl: 'https://api.slack.com/authentication/oauth-v2',
  environment: { token: 'SLACK_BOT_TOKEN' },
  credentialsSchema: oauth2CredentialsSchema({
    staticToken: { field: 'token', schema: { type: 'string', pattern: '^xox[bpe]-', description: 'Bot token (xoxb-…) from the app’s OAuth & Permissions page' } },
    fields: {
      accessToken: { pattern: '^xox[bpe]-', description: 'Bot token from oauth.v2.access' },
      refreshToken: { description: 'Refresh token (xoxe-1-…) when token rotation is on' },
    },
  }),
};
