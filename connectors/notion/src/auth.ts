import type { OAuth2Auth } from '@patchbay/contract';
import { oauth2CredentialsSchema } from '@patchbay/runtime';

/**
 * Notion sends the same `Authorization: Bearer` header for an internal integration's secret and
 * for a public integration's OAuth access token, so one `oauth2` declaration covers both:
 * `{ token }` for an internal integration, `{ accessToken, refreshToken?, clientId?, clientSecret? }`
 * from the OAuth flow. Notion has no scopes: the user picks the pages to share while authorizing,
 * and the token endpoint takes the client id and secret as HTTP Basic credentials.
 */
export const notionAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
  tokenUrl: 'https://api.notion.com/v1/oauth/token',
  tokenEndpointAuthMethod: 'client_secret_basic',
  // Notion's token endpoint takes a JSON body; `owner=user` is required on the authorize URL.
  tokenRequestFormat: 'json',
  authorizationParams: { owner: 'user' },
  documentationUrl: 'https://developers.notion.com/docs/authorization',
  environment: { token: 'NOTION_TOKEN' },
  credentialsSchema: oauth2CredentialsSchema({
    staticToken: { field: 'token', schema: { type: 'string', minLength: 1, description: 'Internal integration secret (`secret_…` or `ntn_…`)' } },
    fields: {
      accessToken: { description: 'Public integration OAuth access token' },
      refreshToken: { description: 'Refresh token, when the integration was issued one' },
      clientId: { description: 'OAuth client id, needed to refresh' },
      clientSecret: { description: 'OAuth client secret, needed to refresh' },
    },
  }),
};
