import type { OAuth2Auth } from '@patchbay/contract';

/**
 * Google's OAuth 2.0 for web server apps. Ask for offline access (`access_type=offline`, and
 * `prompt=consent` to be sure of a refresh token); connect with the refresh token and the OAuth
 * client, and the runtime fetches and renews access tokens (they last an hour) at Google's token
 * endpoint, sending the client id and secret in the form body.
 */
export const googleSheetsAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  scopes: [
    'https://www.googleapis.com/auth/spreadsheets',
    'https://www.googleapis.com/auth/spreadsheets.readonly',
    'https://www.googleapis.com/auth/drive.file',
  ],
  defaultScopes: ['https://www.googleapis.com/auth/spreadsheets'],
  scopeSeparator: ' ',
  pkce: true,
  tokenEndpointAuthMethod: 'client_secret_post',
  // Without offline access Google issues no refresh token; without the consent prompt, only on the first consent.
  authorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  documentationUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
  credentialsSchema: {
    type: 'object',
    anyOf: [{ required: ['accessToken'] }, { required: ['refreshToken', 'clientId', 'clientSecret'] }],
    properties: {
      accessToken: { type: 'string', minLength: 1, description: 'OAuth access token (`ya29.…`)' },
      refreshToken: { type: 'string', minLength: 1, description: 'Refresh token from an offline-access consent' },
      expiresAt: { type: ['number', 'string'], description: 'Access token expiry as epoch milliseconds or ISO date' },
      clientId: { type: 'string', minLength: 1, description: 'OAuth client id (`….apps.googleusercontent.com`)' },
      clientSecret: { type: 'string', minLength: 1, description: 'OAuth client secret' },
    },
  },
};
