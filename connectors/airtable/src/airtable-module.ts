import { AirtableClient } from './airtable-client.js';
import { airtableOperations } from './operations.js';
import { VERSION } from './version.js';

/** The Airtable connector module, discovered through this package's `patchbay` metadata. */
export const AirtableModule = AirtableClient.toConnectorModule({
  id: 'airtable',
  displayName: 'Airtable',
  version: VERSION,
  description: 'Records, bases and table schemas through the Airtable Web API.',
  documentationUrl: 'https://airtable.com/developers/web/api/introduction',
  operations: airtableOperations,
  // Airtable allows 5 requests a second per base. The runtime limits per connection, so a
  // connection is held to 5/s in all: exact for a connection used with one base, and on the safe
  // side when one token reaches several bases (connect once per base to use each base's budget).
  rateLimit: { limit: 5, intervalMs: 1000 },
});
