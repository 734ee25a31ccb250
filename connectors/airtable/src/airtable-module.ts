import { BaseAPIClient } from '@patchbay/runtime';
import { airtableAuth } from './auth.js';
import { airtableVendorError } from './airtable-error.js';
import { listRecords } from './list-records.js';
import { airtableOperations } from './operations.js';
import { VERSION } from './version.js';

/** Airtable Web API client, one per connection. */
export class AirtableClient extends BaseAPIClient.define(
  {
    auth: airtableAuth,
    baseUrl: 'https://api.airtable.com/v0',
    headers: { 'user-agent': `patchbay-connector-airtable/${VERSION}` },
    vendorError: airtableVendorError,
  },
  { 'records.list': listRecords },
) {}

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
