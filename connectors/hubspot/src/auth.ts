import type { OAuth2Auth } from '@patchbay/contract';
import { oauth2CredentialsSchema } from '@patchbay/runtime';

/**
 * A private app's access token and an OAuth app's access token both go in
 * `Authorization: Bearer`, so one `oauth2` declaration covers both: `{ token }` for a private app,
 * `{ accessToken, refreshToken, expiresAt?, clientId, clientSecret }` from the OAuth flow (HubSpot's
 * access tokens last 30 minutes; the runtime refreshes them at the token URL with the client
 * credentials in the form body).
 */
export const hubspotAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
  tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
  scopes: [
    'crm.objects.contacts.read',
    'crm.objects.contacts.write',
    'crm.objects.companies.read',
    'crm.objects.companies.write',
    'crm.objects.deals.read',
    'crm.objects.deals.write',
  ],
  defaultScopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
  scopeSeparator: ' ',
  tokenEndpointAuthMethod: 'client_secret_post',
  documentationUrl: 'https://developers.hubspot.com/docs/guides/apps/authentication/intro-to-auth',
  environment: { token: 'HUBSPOT_ACCESS_TOKEN' },
  credentialsSchema: oauth2CredentialsSchema({
    staticToken: { field: 'token', schema: { type: 'string', minLength: 1, description: 'Private app access token (`pat-…`)' } },
  }),
};
