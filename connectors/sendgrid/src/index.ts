export { SendgridModule } from './sendgrid-module.js';
export { SendgridClient } from './sendgrid-client.js';
export { sendgridOperations } from './operations.js';
export { sendgridAuth } from './auth.js';
export { VERSION } from './version.js';
