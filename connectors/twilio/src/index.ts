export { TwilioModule } from './twilio-module.js';
export { TwilioClient } from './twilio-client.js';
export { twilioOperations } from './operations.js';
export { twilioApiKeyAuth, twilioAuth } from './auth.js';
export { VERSION } from './version.js';
