import { NotionClient } from './notion-client.js';
import { notionOperations } from './operations.js';
import { VERSION } from './version.js';

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
