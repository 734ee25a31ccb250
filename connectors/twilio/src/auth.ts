import type { BasicAuth } from '@patchbay/contract';

/**
 * Twilio takes HTTP Basic credentials: the account SID and auth token, or (as Twilio recommends
 * for production) an API key SID and secret. Either way `accountSid` names the account whose
 * resources the paths address (`/2010-04-01/Accounts/{AccountSid}/…`).
 */
export const twilioAuth: BasicAuth = {
  strategy: 'basic',
  usernameField: 'accountSid',
  passwordField: 'authToken',
  documentationUrl: 'https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http',
  environment: { accountSid: 'TWILIO_ACCOUNT_SID', authToken: 'TWILIO_AUTH_TOKEN', apiKeySid: 'TWILIO_API_KEY', apiKeySecret: 'TWILIO_API_SECRET' },
  credentialsSchema: {
    type: 'object',
    required: ['accountSid'],
    anyOf: [{ required: ['authToken'] }, { required: ['apiKeySid', 'apiKeySecret'] }],
    properties: {
      accountSid: { type: 'string', pattern: '^AC[0-9a-fA-F]{32}$', description: 'Account SID (`AC…`) from the Twilio Console' },
      authToken: { type: 'string', minLength: 1, description: 'Auth token of the account' },
      apiKeySid: { type: 'string', pattern: '^SK[0-9a-fA-F]{32}$', description: 'API key SID (`SK…`), used instead of the auth token' },
      apiKeySecret: { type: 'string', minLength: 1, description: 'Secret of the API key' },
    },
  },
};

/** The same scheme with the API key as user name and its secret as password. */
export const twilioApiKeyAuth: BasicAuth = { ...twilioAuth, usernameField: 'apiKeySid', passwordField: 'apiKeySecret' };
