export { TwilioClient, TwilioModule } from './twilio-module.js';
export { twilioOperations } from './operations.js';
export { twilioApiKeyAuth, twilioAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
