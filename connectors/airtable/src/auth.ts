import type { OAuth2Auth } from '@patchbay/contract';
import { oauth2CredentialsSchema } from '@patchbay/runtime';

/**
 * A personal access token and an OAuth access token both go in `Authorization: Bearer`, so one
 * `oauth2` declaration covers both: `{ token }` for a personal access token (`pat…`), or
 * `{ accessToken, refreshToken, expiresAt?, clientId, clientSecret? }` from the OAuth flow, where
 * Airtable requires PKCE and takes a confidential client's secret as HTTP Basic credentials.
 */
export const airtableAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://airtable.com/oauth2/v1/authorize',
  tokenUrl: 'https://airtable.com/oauth2/v1/token',
  scopes: [
    'data.records:read',
    'data.records:write',
    'data.recordComments:read',
    'data.recordComments:write',
    'schema.bases:read',
    'schema.bases:write',
    'user.email:read',
  ],
  defaultScopes: ['data.records:read', 'data.records:write', 'schema.bases:read'],
  scopeSeparator: ' ',
  pkce: true,
  tokenEndpointAuthMethod: 'client_secret_basic',
  documentationUrl: 'https://airtable.com/developers/web/api/authentication',
  environment: { token: 'AIRTABLE_TOKEN' },
  credentialsSchema: oauth2CredentialsSchema({
    staticToken: { field: 'token', schema: { type: 'string', minLength: 1, description: 'Personal access token (`pat…`)' } },
    fields: { clientSecret: { description: 'Only for confidential OAuth clients' } },
  }),
};
