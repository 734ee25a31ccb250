import type { JSONSchema, OperationHttp, OperationMap, OperationPagination } from '@patchbay/contract';

/** Linear's one endpoint; each operation's handler sends its document there. */
export const graphqlHttp = { method: 'POST', path: '/graphql' } as const satisfies OperationHttp;

// Said outright, so the generated input type is a record of any fields rather than `{}`.
const openObject: JSONSchema = { type: 'object', additionalProperties: true };
const first: JSONSchema = { type: 'integer', minimum: 1, maximum: 250, default: 50, description: 'Items per page (max 250)' };
const after: JSONSchema = { type: 'string', minLength: 1, description: '`endCursor` of the previous page' };
const includeArchived: JSONSchema = { type: 'boolean', default: false };
const uuid = (what: string): JSONSchema => ({ type: 'string', minLength: 1, description: `${what} id` });
const priority: JSONSchema = { type: 'integer', minimum: 0, maximum: 4, description: '0 none, 1 urgent, 2 high, 3 medium, 4 low' };
const dueDate: JSONSchema = { type: ['string', 'null'], format: 'date', description: 'Due date, `YYYY-MM-DD`' };
const labelIds: JSONSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

const issue: JSONSchema = {
  type: 'object',
  required: ['id', 'identifier', 'title'],
  properties: {
    id: { type: 'string' },
    identifier: { type: 'string' },
    number: { type: 'number' },
    title: { type: 'string' },
    description: { type: ['string', 'null'] },
    priority: { type: 'number' },
    url: { type: 'string' },
    state: { type: 'object' },
    team: { type: 'object' },
  },
};
function connectionOf(node: JSONSchema): JSONSchema {
  return {
    type: 'object',
    required: ['nodes', 'pageInfo'],
    properties: {
      nodes: { type: 'array', items: node },
      pageInfo: { type: 'object', properties: { hasNextPage: { type: 'boolean' }, endCursor: { type: ['string', 'null'] } } },
    },
  };
}
function payloadOf(field: string, node: JSONSchema): JSONSchema {
  return { type: 'object', required: ['success', field], properties: { success: { type: 'boolean' }, lastSyncId: { type: 'number' }, [field]: node } };
}
/**
 * A list read from the root field `field`: its `nodes` are the items of the operation's `data`,
 * and the cursor is read from the whole GraphQL response, `endCursor` while `hasNextPage`.
 */
function pagination(field: string): OperationPagination {
  const pageInfo = `data.${field}.pageInfo`;
  return { style: 'cursor', cursorParam: 'after', itemsPath: 'nodes', cursorPath: `${pageInfo}.endCursor`, hasMorePath: `${pageInfo}.hasNextPage` };
}
const issueInputFields = {
  title: { type: 'string', minLength: 1 },
  description: { type: ['string', 'null'], description: 'Markdown' },
  assigneeId: { type: ['string', 'null'], description: 'User id' },
  priority,
  stateId: uuid('Workflow state'),
  labelIds,
  projectId: { type: ['string', 'null'], description: 'Project id' },
  parentId: { type: ['string', 'null'], description: 'Parent issue id' },
  cycleId: { type: ['string', 'null'], description: 'Cycle id' },
  dueDate,
  estimate: { type: ['integer', 'null'], minimum: 0 },
} satisfies Record<string, JSONSchema>;

/**
 * Linear GraphQL operations. Inputs use Linear's own argument and input-type field names:
 * `issues.create` takes the fields of `IssueCreateInput`, `issues.update` takes `id` plus the
 * fields of `IssueUpdateInput`, and list operations take `first`, `after`, `filter`.
 */
export const linearOperations = {
  viewer: {
    kind: 'action',
    displayName: 'Get the authenticated user',
    http: graphqlHttp,
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputSchema: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } } },
  },
  'issues.list': {
    kind: 'action',
    displayName: 'List issues',
    description: 'Issues the user can see, filtered with an `IssueFilter` (e.g. `{ team: { key: { eq: "ENG" } } }`).',
    http: graphqlHttp,
    idempotent: true,
    pagination: pagination('issues'),
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        first,
        after,
        filter: { ...openObject, description: 'An IssueFilter object' },
        orderBy: { type: 'string', enum: ['createdAt', 'updatedAt'] },
        includeArchived,
      },
    },
    outputSchema: connectionOf(issue),
  },
  'issues.get': {
    kind: 'action',
    displayName: 'Get an issue',
    description: 'By id or by identifier such as `ENG-123`.',
    http: graphqlHttp,
    idempotent: true,
    inputSchema: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', minLength: 1 } } },
    outputSchema: issue,
  },
  'issues.create': {
    kind: 'action',
    displayName: 'Create an issue',
    http: graphqlHttp,
    inputSchema: {
      type: 'object',
      required: ['teamId', 'title'],
      additionalProperties: false,
      properties: { teamId: uuid('Team'), ...issueInputFields },
    },
    outputSchema: payloadOf('issue', issue),
  },
  'issues.update': {
    kind: 'action',
    displayName: 'Update an issue',
    description: 'Changes any of title, description, assignee, priority, state, labels, project, due date or estimate.',
    http: graphqlHttp,
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['id'],
      minProperties: 2,
      additionalProperties: false,
      properties: { id: { type: 'string', minLength: 1, description: 'Issue id or identifier' }, teamId: uuid('Team'), ...issueInputFields },
    },
    outputSchema: payloadOf('issue', issue),
  },
  'comments.create': {
    kind: 'action',
    displayName: 'Comment on an issue',
    http: graphqlHttp,
    inputSchema: {
      type: 'object',
      required: ['issueId', 'body'],
      additionalProperties: false,
      properties: { issueId: uuid('Issue'), body: { type: 'string', minLength: 1, description: 'Markdown' }, parentId: uuid('Parent comment') },
    },
    outputSchema: payloadOf('comment', { type: 'object', required: ['id', 'body'], properties: { id: { type: 'string' }, body: { type: 'string' } } }),
  },
  'teams.list': {
    kind: 'action',
    displayName: 'List teams',
    http: graphqlHttp,
    idempotent: true,
    pagination: pagination('teams'),
    inputSchema: { type: 'object', additionalProperties: false, properties: { first, after, includeArchived } },
    outputSchema: connectionOf({ type: 'object', required: ['id', 'key', 'name'] }),
  },
  'projects.list': {
    kind: 'action',
    displayName: 'List projects',
    http: graphqlHttp,
    idempotent: true,
    pagination: pagination('projects'),
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { first, after, filter: { ...openObject, description: 'A ProjectFilter object' }, includeArchived },
    },
    outputSchema: connectionOf({ type: 'object', required: ['id', 'name'] }),
  },
} satisfies OperationMap;
