export { SendgridClient, SendgridModule } from './sendgrid-module.js';
export { sendgridOperations } from './operations.js';
export { sendgridAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
