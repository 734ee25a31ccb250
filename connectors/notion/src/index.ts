export { NOTION_VERSION, NotionClient, NotionModule } from './notion-module.js';
export { notionOperations } from './operations.js';
export { notionAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
