export { NotionModule } from './notion-module.js';
export { NotionClient, NOTION_VERSION } from './notion-client.js';
export { notionOperations } from './operations.js';
export { notionAuth } from './auth.js';
export { VERSION } from './version.js';
