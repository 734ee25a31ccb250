export { AirtableClient, AirtableModule } from './airtable-module.js';
export { AIRTABLE_RATE_LIMIT_WAIT_MS } from './airtable-error.js';
export { airtableOperations } from './operations.js';
export { airtableAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
