export { GoogleSheetsClient, GoogleSheetsModule } from './google-sheets-module.js';
export { googleSheetsOperations } from './operations.js';
export { googleSheetsAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
