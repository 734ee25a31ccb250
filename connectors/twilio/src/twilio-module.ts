import { TwilioClient } from './twilio-client.js';
import { twilioOperations } from './operations.js';
import { VERSION } from './version.js';

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
