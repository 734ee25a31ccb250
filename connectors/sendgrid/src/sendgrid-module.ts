import { BaseAPIClient } from '@patchbay/runtime';
import { sendgridAuth } from './auth.js';
import { sendgridOperations } from './operations.js';
import { sendMail } from './send-mail.js';
import { sendgridVendorError } from './sendgrid-error.js';
import { VERSION } from './version.js';

/** SendGrid v3 API client, one per connection. `config.baseUrl` selects the EU region (`https://api.eu.sendgrid.com`). */
export class SendgridClient extends BaseAPIClient.define(
  {
    auth: sendgridAuth,
    baseUrl: 'https://api.sendgrid.com',
    headers: { 'user-agent': `patchbay-connector-sendgrid/${VERSION}` },
    vendorError: sendgridVendorError,
    // One budget per endpoint, its reset in epoch seconds.
    rateLimitHeaders: [{ limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' }],
  },
  { 'mail.send': sendMail },
) {}

/** The SendGrid connector module, discovered through this package's `patchbay` metadata. */
export const SendgridModule = SendgridClient.toConnectorModule({
  id: 'sendgrid',
  displayName: 'SendGrid',
  version: VERSION,
  description: 'Send email, keep Marketing contacts in sync, and read lists, templates, bounces and stats through the SendGrid v3 API.',
  documentationUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
  operations: sendgridOperations,
  // SendGrid's documented default for most v3 endpoints: 600 requests a minute per key.
  rateLimit: { limit: 600, intervalMs: 60_000 },
});
