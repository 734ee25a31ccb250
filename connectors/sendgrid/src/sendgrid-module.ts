import { SendgridClient } from './sendgrid-client.js';
import { sendgridOperations } from './operations.js';
import { VERSION } from './version.js';

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
