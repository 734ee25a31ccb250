import { BaseAPIClient } from '@patchbay/runtime';
import { googleSheetsAuth } from './auth.js';
import { clearValues } from './clear-values.js';
import { googleSheetsVendorError } from './google-sheets-error.js';
import { googleSheetsOperations } from './operations.js';
import { VERSION } from './version.js';

/**
 * Google Sheets API v4 client, one per connection. A1 ranges (`'Q1 data'!A1:C10`) travel in the
 * path percent-encoded by the path template; custom methods keep their `:append` suffix after it.
 */
export class GoogleSheetsClient extends BaseAPIClient.define(
  {
    auth: googleSheetsAuth,
    baseUrl: 'https://sheets.googleapis.com/v4',
    headers: { 'user-agent': `patchbay-connector-google-sheets/${VERSION}` },
    vendorError: googleSheetsVendorError,
  },
  { 'spreadsheets.values.clear': clearValues },
) {}

/** The Google Sheets connector module, discovered through this package's `patchbay` metadata. */
export const GoogleSheetsModule = GoogleSheetsClient.toConnectorModule({
  id: 'google-sheets',
  displayName: 'Google Sheets',
  version: VERSION,
  description: 'Read, write, append and clear cell values, and create and restructure spreadsheets, through the Google Sheets API v4.',
  documentationUrl: 'https://developers.google.com/sheets/api/reference/rest',
  operations: googleSheetsOperations,
  // Google's default quota: 60 read and 60 write requests a minute per user per project.
  rateLimit: { limit: 60, intervalMs: 60_000 },
});
