import { GoogleSheetsClient } from './google-sheets-client.js';
import { googleSheetsOperations } from './operations.js';
import { VERSION } from './version.js';

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
