export { GoogleSheetsModule } from './google-sheets-module.js';
export { GoogleSheetsClient } from './google-sheets-client.js';
export { googleSheetsOperations } from './operations.js';
export { googleSheetsAuth } from './auth.js';
export { VERSION } from './version.js';
