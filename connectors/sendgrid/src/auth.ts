import type { BearerAuth } from '@patchbay/contract';

/** SendGrid takes an API key as `Authorization: Bearer <key>`; its permissions decide what a connection may do. */
export const sendgridAuth: BearerAuth = {
  strategy: 'bearer',
  field: 'apiKey',
  documentationUrl: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
  environment: { apiKey: 'SENDGRID_API_KEY' },
  credentialsSchema: {
    type: 'object',
    required: ['apiKey'],
    properties: { apiKey: { type: 'string', minLength: 1, description: 'API key (`SG.…`) with the permissions the operations need' } },
  },
};
