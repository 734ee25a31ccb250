import { PatchbayError, type ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient } from '@patchbay/runtime';
import { twilioApiKeyAuth, twilioAuth } from './auth.js';
import { twilioVendorError } from './twilio-error.js';
import { twilioOperations } from './operations.js';
import { VERSION } from './version.js';

/**
 * The account every path addresses, the connection's and never the caller's: `config.accountSid`
 * (a subaccount the credentials may act for) or else `credentials.accountSid`.
 */
function accountSidOf(connection: ConnectionContext): string {
  const sid = connection.config.accountSid ?? connection.credentials.accountSid;
  if (typeof sid !== 'string' || sid === '') {
    throw new PatchbayError({ code: 'AUTH_FAILED', message: 'The connection has no "accountSid" credential; nothing was sent' });
  }
  return sid;
}

/** Twilio REST API (2010-04-01) client, one per connection; an API key, when given, signs instead of the auth token. */
export class TwilioClient extends BaseAPIClient.define(({ credentials }) => ({
  auth: typeof credentials.apiKeySid === 'string' ? twilioApiKeyAuth : twilioAuth,
  baseUrl: 'https://api.twilio.com',
  headers: { 'user-agent': `patchbay-connector-twilio/${VERSION}` },
  vendorError: twilioVendorError,
  connectionParams: (connection) => ({ AccountSid: accountSidOf(connection) }),
})) {
  /** The account every path addresses. */
  get accountSid(): string {
    return accountSidOf(this.connection);
  }
}

/** The Twilio connector module, discovered through this package's `patchbay` metadata. */
export const TwilioModule = TwilioClient.toConnectorModule({
  id: 'twilio',
  displayName: 'Twilio',
  version: VERSION,
  description: 'Send and read SMS/MMS messages, place and list calls, and list phone numbers through Twilio’s REST API.',
  documentationUrl: 'https://www.twilio.com/docs/usage/api',
  operations: twilioOperations,
  // Twilio allows an account 100 API requests in flight at once; beyond that it answers 429 (20429).
  rateLimit: { maxConcurrent: 100 },
});
