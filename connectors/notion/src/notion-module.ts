import { BaseAPIClient } from '@patchbay/runtime';
import { notionAuth } from './auth.js';
import { notionVendorError } from './notion-error.js';
import { notionOperations } from './operations.js';
import { VERSION } from './version.js';

/** The API version this connector's schemas describe; Notion requires it on every request. */
export const NOTION_VERSION = '2022-06-28';

/** Notion API client, one per connection. */
export class NotionClient extends BaseAPIClient.define({
  auth: notionAuth,
  baseUrl: 'https://api.notion.com/v1',
  headers: { 'notion-version': NOTION_VERSION, 'user-agent': `patchbay-connector-notion/${VERSION}` },
  vendorError: notionVendorError,
}) {}

/** The Notion connector module, discovered through this package's `patchbay` metadata. */
export const NotionModule = NotionClient.toConnectorModule({
  id: 'notion',
  displayName: 'Notion',
  version: VERSION,
  description: 'Pages, databases, blocks and search through the Notion API (version 2022-06-28).',
  documentationUrl: 'https://developers.notion.com/reference/intro',
  operations: notionOperations,
  // Notion allows an average of three requests per second per integration, with short bursts.
  rateLimit: { limit: 3, intervalMs: 1000 },
});
