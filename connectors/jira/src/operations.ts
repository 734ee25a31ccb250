import type { JSONSchema, OperationMap } from '@patchbay/contract';

const issueIdOrKey: JSONSchema = { type: 'string', minLength: 1, maxLength: 255, description: 'Issue id (`10002`) or key (`PROJ-42`)' };
const expand: JSONSchema = { type: 'string', description: 'Comma-separated entities to expand, e.g. `renderedFields,names,changelog`' };
const fieldNames: JSONSchema = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description: 'Fields to return: names or ids, `*all`, `*navigable`, or `-name` to exclude one',
};
const properties: JSONSchema = { type: 'array', items: { type: 'string' }, description: 'Issue property keys to return' };

/** Atlassian Document Format: v3 takes rich text (descriptions, comments) as this JSON tree. */
const document: JSONSchema = {
  type: 'object',
  required: ['type', 'version', 'content'],
  properties: {
    type: { const: 'doc' },
    version: { const: 1 },
    content: { type: 'array', items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } },
  },
  description: 'Atlassian Document Format, e.g. `{ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Hi" }] }] }`',
};
const reference = (description: string): JSONSchema => ({
  type: 'object',
  minProperties: 1,
  properties: { id: { type: 'string' }, key: { type: 'string' }, name: { type: 'string' } },
  description,
});
/** Issue fields by name or custom field id (`customfield_10010`); unknown ones pass through to Jira. */
const issueFields = (required: string[]): JSONSchema => ({
  type: 'object',
  required,
  properties: {
    project: reference('Project by `key` or `id`'),
    summary: { type: 'string', minLength: 1, maxLength: 255 },
    issuetype: reference('Issue type by `name` or `id`, e.g. `{ name: "Bug" }`'),
    description: { anyOf: [document, { type: 'null' }] },
    labels: { type: 'array', items: { type: 'string', pattern: '^\\S+$' } },
    assignee: { anyOf: [{ type: 'object', properties: { accountId: { type: ['string', 'null'] } } }, { type: 'null' }] },
    priority: reference('Priority by `name` or `id`'),
    parent: reference('Parent issue by `key` or `id` (sub-tasks, epics)'),
    duedate: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
    components: { type: 'array', items: reference('Component by `name` or `id`') },
  },
});
/** `update` takes per-field operations: `{ labels: [{ add: "triaged" }], summary: [{ set: "New" }] }`. */
const fieldUpdates: JSONSchema = {
  type: 'object',
  additionalProperties: {
    type: 'array',
    items: { type: 'object', minProperties: 1, properties: { add: {}, set: {}, remove: {}, edit: {}, copy: {} } },
  },
};
const transition: JSONSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, description: 'Transition id from `issues.getTransitions`' } },
};
const issue: JSONSchema = {
  type: 'object',
  required: ['id', 'key'],
  properties: { id: { type: 'string' }, key: { type: 'string' }, self: { type: 'string' }, fields: { type: 'object' } },
};

/** Jira Cloud REST v3 operations, with Jira's own parameter names. */
export const jiraOperations = {
  'myself.get': {
    kind: 'action',
    displayName: 'Get the current user',
    description: 'The Atlassian account the credentials belong to; a cheap check that a connection works.',
    http: { method: 'GET', path: '/rest/api/3/myself' },
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: { expand } },
    outputSchema: {
      type: 'object',
      required: ['accountId'],
      properties: { accountId: { type: 'string' }, displayName: { type: 'string' }, emailAddress: { type: 'string' }, active: { type: 'boolean' } },
    },
  },
  'issues.search': {
    kind: 'action',
    displayName: 'Search issues with JQL',
    description: 'Issues matching a JQL query (which must be bounded, e.g. by project), `maxResults` at a time.',
    http: { method: 'POST', path: '/rest/api/3/search/jql' },
    // A search changes nothing, so it may be repeated although it is a POST.
    idempotent: true,
    // The enhanced JQL search leaves `nextPageToken` out on the last page, where `isLast` is true.
    pagination: { style: 'cursor', cursorParam: 'nextPageToken', itemsPath: 'issues', cursorPath: 'nextPageToken' },
    inputSchema: {
      type: 'object',
      required: ['jql'],
      additionalProperties: false,
      properties: {
        jql: { type: 'string', minLength: 1, description: 'e.g. `project = PROJ AND status = "To Do" ORDER BY created DESC`' },
        fields: fieldNames,
        maxResults: { type: 'integer', minimum: 1, maximum: 5000, default: 50 },
        nextPageToken: { type: 'string', description: 'The `nextPageToken` of the previous page' },
        expand,
        properties,
        fieldsByKeys: { type: 'boolean' },
        reconcileIssues: { type: 'array', items: { type: 'integer' } },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['issues'],
      properties: { issues: { type: 'array', items: issue }, nextPageToken: { type: 'string' }, isLast: { type: 'boolean' } },
    },
  },
  'issues.get': {
    kind: 'action',
    displayName: 'Get an issue',
    // Jira reads `fields` and `properties` as comma-separated lists.
    http: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}', arrayFormat: 'comma' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['issueIdOrKey'],
      additionalProperties: false,
      properties: { issueIdOrKey, fields: fieldNames, expand, properties, fieldsByKeys: { type: 'boolean' }, updateHistory: { type: 'boolean' } },
    },
    outputSchema: issue,
  },
  'issues.create': {
    kind: 'action',
    displayName: 'Create an issue',
    description: 'Creates an issue or sub-task; `fields.description` is Atlassian Document Format.',
    http: { method: 'POST', path: '/rest/api/3/issue', query: ['updateHistory'] },
    inputSchema: {
      type: 'object',
      required: ['fields'],
      additionalProperties: false,
      properties: {
        fields: issueFields(['project', 'summary', 'issuetype']),
        update: fieldUpdates,
        transition,
        properties: { type: 'array', items: { type: 'object', required: ['key', 'value'], properties: { key: { type: 'string' }, value: {} } } },
        updateHistory: { type: 'boolean', default: false },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['id', 'key'],
      properties: { id: { type: 'string' }, key: { type: 'string' }, self: { type: 'string' } },
    },
  },
  'issues.update': {
    kind: 'action',
    displayName: 'Edit an issue',
    description: 'Sets fields (`fields`) or applies field operations (`update`); Jira answers 204, so `data` is null unless `returnIssue` is true.',
    http: {
      method: 'PUT',
      path: '/rest/api/3/issue/{issueIdOrKey}',
      query: ['notifyUsers', 'overrideScreenSecurity', 'overrideEditableFlag', 'returnIssue', 'expand'],
    },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['issueIdOrKey'],
      anyOf: [{ required: ['fields'] }, { required: ['update'] }],
      additionalProperties: false,
      properties: {
        issueIdOrKey,
        fields: issueFields([]),
        update: fieldUpdates,
        notifyUsers: { type: 'boolean', default: true },
        overrideScreenSecurity: { type: 'boolean' },
        overrideEditableFlag: { type: 'boolean' },
        returnIssue: { type: 'boolean' },
        expand,
      },
    },
    outputSchema: { anyOf: [issue, { type: 'null' }] },
  },
  'issues.getTransitions': {
    kind: 'action',
    displayName: 'List an issue’s transitions',
    description: 'The workflow transitions the user can make on the issue now, with the status each leads to.',
    http: { method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['issueIdOrKey'],
      additionalProperties: false,
      properties: {
        issueIdOrKey,
        expand,
        transitionId: { type: 'string' },
        skipRemoteOnlyCondition: { type: 'boolean' },
        includeUnavailableTransitions: { type: 'boolean' },
        sortByOpsBarAndStatus: { type: 'boolean' },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['transitions'],
      properties: {
        transitions: {
          type: 'array',
          items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, to: { type: 'object' } } },
        },
      },
    },
  },
  'issues.doTransition': {
    kind: 'action',
    displayName: 'Transition an issue',
    description: 'Moves the issue through its workflow (e.g. to Done), optionally setting fields on the way; `data` is null.',
    http: { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions' },
    inputSchema: {
      type: 'object',
      required: ['issueIdOrKey', 'transition'],
      additionalProperties: false,
      properties: { issueIdOrKey, transition, fields: issueFields([]), update: fieldUpdates },
    },
    outputSchema: { type: 'null' },
  },
  'issues.addComment': {
    kind: 'action',
    displayName: 'Comment on an issue',
    http: { method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/comment', query: ['expand'] },
    inputSchema: {
      type: 'object',
      required: ['issueIdOrKey', 'body'],
      additionalProperties: false,
      properties: {
        issueIdOrKey,
        body: document,
        visibility: {
          type: 'object',
          required: ['type', 'value'],
          properties: { type: { enum: ['group', 'role'] }, value: { type: 'string' }, identifier: { type: 'string' } },
        },
        expand,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' }, body: { type: 'object' }, created: { type: 'string' }, author: { type: 'object' } },
    },
  },
} satisfies OperationMap;
