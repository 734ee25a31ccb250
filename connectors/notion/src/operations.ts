import type { JSONSchema, OperationMap } from '@patchbay/contract';

const id = (what: string): JSONSchema => ({
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$',
  description: `${what} id (UUID, with or without dashes)`,
});
const startCursor: JSONSchema = { type: 'string', minLength: 1, description: '`next_cursor` of the previous page' };
const pageSize: JSONSchema = { type: 'integer', minimum: 1, maximum: 100, default: 100, description: 'Items per page (max 100)' };
// Said outright, so the generated input type is a record of any fields rather than `{}`.
const openObject: JSONSchema = { type: 'object', additionalProperties: true };
// `next_cursor` goes back as `start_cursor` while `has_more` is true.
const pagination = { style: 'cursor', cursorParam: 'start_cursor', itemsPath: 'results', cursorPath: 'next_cursor', hasMorePath: 'has_more' } as const;
const properties: JSONSchema = {
  type: 'object',
  additionalProperties: openObject,
  description: 'Property values keyed by property name or id, in Notion’s property value shape',
};
const block: JSONSchema = { type: 'object', required: ['type'], properties: { object: { const: 'block' }, type: { type: 'string' } } };
const children: JSONSchema = { type: 'array', maxItems: 100, items: block, description: 'Block objects (at most 100 per request)' };
const icon: JSONSchema = { anyOf: [openObject, { type: 'null' }], description: 'Emoji or file object' };
const cover: JSONSchema = { anyOf: [openObject, { type: 'null' }], description: 'External file object' };
const parent: JSONSchema = {
  type: 'object',
  description: '`{ database_id }` to add a row to a database, or `{ page_id }` for a sub-page',
  oneOf: [
    { required: ['database_id'], properties: { type: { const: 'database_id' }, database_id: id('Database') } },
    { required: ['page_id'], properties: { type: { const: 'page_id' }, page_id: id('Page') } },
  ],
};

const page: JSONSchema = {
  type: 'object',
  required: ['object', 'id', 'properties'],
  properties: {
    object: { const: 'page' },
    id: { type: 'string' },
    created_time: { type: 'string' },
    last_edited_time: { type: 'string' },
    archived: { type: 'boolean' },
    in_trash: { type: 'boolean' },
    parent: { type: 'object' },
    properties: { type: 'object' },
    url: { type: 'string' },
  },
};
const database: JSONSchema = {
  type: 'object',
  required: ['object', 'id', 'properties'],
  properties: { object: { const: 'database' }, id: { type: 'string' }, title: { type: 'array' }, properties: { type: 'object' }, url: { type: 'string' } },
};
function listOf(item: JSONSchema): JSONSchema {
  return {
    type: 'object',
    required: ['object', 'results', 'has_more', 'next_cursor'],
    properties: { object: { const: 'list' }, results: { type: 'array', items: item }, has_more: { type: 'boolean' }, next_cursor: { type: ['string', 'null'] } },
  };
}

/** Notion API operations (version 2022-06-28), with Notion's own parameter names. */
export const notionOperations = {
  'users.me': {
    kind: 'action',
    displayName: 'Retrieve the bot user',
    description: 'The bot user of the token, with the workspace it belongs to.',
    http: { method: 'GET', path: '/users/me' },
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputSchema: { type: 'object', required: ['object', 'id'], properties: { object: { const: 'user' }, id: { type: 'string' }, type: { type: 'string' } } },
  },
  'pages.create': {
    kind: 'action',
    displayName: 'Create a page',
    description: 'Adds a row to a database or a sub-page to a page, with optional content blocks.',
    http: { method: 'POST', path: '/pages' },
    inputSchema: {
      type: 'object',
      required: ['parent', 'properties'],
      additionalProperties: false,
      properties: { parent, properties, children, icon, cover },
    },
    outputSchema: page,
  },
  'pages.retrieve': {
    kind: 'action',
    displayName: 'Retrieve a page',
    description: 'A page’s properties (not its content: list its block children for that).',
    http: { method: 'GET', path: '/pages/{page_id}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['page_id'],
      additionalProperties: false,
      properties: { page_id: id('Page'), filter_properties: { type: 'array', items: { type: 'string' }, description: 'Property ids to return' } },
    },
    outputSchema: page,
  },
  'pages.update': {
    kind: 'action',
    displayName: 'Update a page',
    description: 'Changes property values, icon or cover; `in_trash: true` moves the page to the trash.',
    http: { method: 'PATCH', path: '/pages/{page_id}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['page_id'],
      minProperties: 2,
      additionalProperties: false,
      properties: { page_id: id('Page'), properties, archived: { type: 'boolean' }, in_trash: { type: 'boolean' }, icon, cover },
    },
    outputSchema: page,
  },
  'databases.retrieve': {
    kind: 'action',
    displayName: 'Retrieve a database',
    description: 'A database’s title and property schema.',
    http: { method: 'GET', path: '/databases/{database_id}' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['database_id'], additionalProperties: false, properties: { database_id: id('Database') } },
    outputSchema: database,
  },
  'databases.query': {
    kind: 'action',
    displayName: 'Query a database',
    description: 'Pages of a database that match a filter, in the given sort order.',
    http: { method: 'POST', path: '/databases/{database_id}/query' },
    // A query reads and changes nothing, so it may be repeated although it is a POST.
    idempotent: true,
    pagination,
    inputSchema: {
      type: 'object',
      required: ['database_id'],
      additionalProperties: false,
      properties: {
        database_id: id('Database'),
        filter: { ...openObject, description: 'A property filter or a compound `and`/`or` filter' },
        sorts: { type: 'array', items: openObject, description: 'Property or timestamp sorts, first one wins' },
        start_cursor: startCursor,
        page_size: pageSize,
      },
    },
    outputSchema: listOf(page),
  },
  'blocks.children.list': {
    kind: 'action',
    displayName: 'List block children',
    description: 'The content of a page or block, one level deep.',
    http: { method: 'GET', path: '/blocks/{block_id}/children' },
    idempotent: true,
    pagination,
    inputSchema: {
      type: 'object',
      required: ['block_id'],
      additionalProperties: false,
      properties: { block_id: id('Block or page'), start_cursor: startCursor, page_size: pageSize },
    },
    outputSchema: listOf(block),
  },
  'blocks.children.append': {
    kind: 'action',
    displayName: 'Append block children',
    description: 'Adds content blocks to the end of a page or block (or after the block `after`).',
    http: { method: 'PATCH', path: '/blocks/{block_id}/children' },
    inputSchema: {
      type: 'object',
      required: ['block_id', 'children'],
      additionalProperties: false,
      properties: { block_id: id('Block or page'), children: { ...children, minItems: 1 }, after: id('Block') },
    },
    outputSchema: listOf(block),
  },
  search: {
    kind: 'action',
    displayName: 'Search',
    description: 'Pages and databases shared with the integration whose title matches `query`.',
    http: { method: 'POST', path: '/search' },
    idempotent: true,
    pagination,
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        query: { type: 'string' },
        filter: {
          type: 'object',
          required: ['property', 'value'],
          additionalProperties: false,
          properties: { property: { const: 'object' }, value: { enum: ['page', 'database'] } },
        },
        sort: {
          type: 'object',
          required: ['direction', 'timestamp'],
          additionalProperties: false,
          properties: { direction: { enum: ['ascending', 'descending'] }, timestamp: { const: 'last_edited_time' } },
        },
        start_cursor: startCursor,
        page_size: pageSize,
      },
    },
    outputSchema: listOf({ type: 'object', required: ['object', 'id'] }),
  },
} satisfies OperationMap;
