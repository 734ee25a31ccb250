import type { JSONSchema, OperationOverrides } from '@patchbay/contract';
import { githubGeneratedOperations } from './generated/operations.js';

const owner: JSONSchema = { type: 'string', minLength: 1, maxLength: 100, description: 'Account owner of the repository' };
const repo: JSONSchema = { type: 'string', minLength: 1, maxLength: 100, description: 'Repository name without .git' };
const issueNumber: JSONSchema = { type: 'integer', minimum: 1, description: 'The number that identifies the issue' };
const perPage: JSONSchema = { type: 'integer', minimum: 1, maximum: 100, default: 30, description: 'Results per page (max 100)' };
// `meta.nextCursor` carries the next page number as text, so the number is taken in either form.
const page: JSONSchema = {
  anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^[1-9][0-9]*$' }],
  default: 1,
  description: 'Page number of the results',
};
const direction: JSONSchema = { type: 'string', enum: ['asc', 'desc'] };
const labels: JSONSchema = {
  type: 'array',
  items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object', properties: { name: { type: 'string' } } }] },
};
const assignees: JSONSchema = { type: 'array', items: { type: 'string', minLength: 1 } };
const milestone: JSONSchema = { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] };

const user: JSONSchema = {
  type: 'object',
  required: ['login', 'id'],
  properties: { login: { type: 'string' }, id: { type: 'integer' }, html_url: { type: 'string' } },
};
const issue: JSONSchema = {
  type: 'object',
  required: ['id', 'number', 'title', 'state'],
  properties: {
    id: { type: 'integer' },
    number: { type: 'integer' },
    title: { type: 'string' },
    body: { type: ['string', 'null'] },
    state: { type: 'string' },
    html_url: { type: 'string' },
    user: { anyOf: [user, { type: 'null' }] },
    labels: { type: 'array' },
    comments: { type: 'integer' },
    pull_request: { type: 'object', description: 'Present when the issue is a pull request' },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
};
const repoPath = { owner, repo };

function listOf(item: JSONSchema): JSONSchema {
  return { type: 'array', items: item };
}

/**
 * Hand-written changes to the operations generated from GitHub's OpenAPI document
 * (./generated/operations.ts, rewritten by `patchbay update`; this file never is). The operations
 * this connector had before it covered the whole API keep their names, schemas and behaviour
 * here, so apps written against them keep working: `users.me` is an alias of
 * `users.getAuthenticated`, and `issues.list` stays the list of a repository's issues (GitHub's
 * `issues/list`, the issues assigned to the authenticated user across repositories, is
 * `issues.listAssigned`). Each entry replaces the generated fields it names; `http` and
 * `pagination` merge one level deep.
 */
export const githubOperationOverrides: OperationOverrides = {
  'issues.listAssigned': githubGeneratedOperations['issues.list']!,
  'users.me': {
    kind: 'action',
    displayName: 'Get the authenticated user',
    description: 'The user the token belongs to.',
    http: { method: 'GET', path: '/user' },
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputSchema: user,
  },
  'repos.get': {
    kind: 'action',
    displayName: 'Get a repository',
    http: { method: 'GET', path: '/repos/{owner}/{repo}' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['owner', 'repo'], additionalProperties: false, properties: repoPath },
    outputSchema: {
      type: 'object',
      required: ['id', 'name', 'full_name'],
      properties: { id: { type: 'integer' }, name: { type: 'string' }, full_name: { type: 'string' }, private: { type: 'boolean' } },
    },
  },
  'issues.list': {
    kind: 'action',
    displayName: 'List repository issues',
    description: 'Issues and pull requests of a repository, newest first; pull requests carry a `pull_request` field.',
    http: { method: 'GET', path: '/repos/{owner}/{repo}/issues' },
    idempotent: true,
    pagination: { style: 'link', cursorParam: 'page' },
    inputSchema: {
      type: 'object',
      required: ['owner', 'repo'],
      additionalProperties: false,
      properties: {
        ...repoPath,
        milestone: { type: 'string' },
        state: { type: 'string', enum: ['open', 'closed', 'all'], default: 'open' },
        assignee: { type: 'string' },
        creator: { type: 'string' },
        mentioned: { type: 'string' },
        labels: { type: 'string', description: 'Comma-separated label names' },
        sort: { type: 'string', enum: ['created', 'updated', 'comments'] },
        direction,
        since: { type: 'string', format: 'date-time' },
        per_page: perPage,
        page,
      },
    },
    outputSchema: listOf(issue),
  },
  'issues.get': {
    kind: 'action',
    displayName: 'Get an issue',
    http: { method: 'GET', path: '/repos/{owner}/{repo}/issues/{issue_number}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['owner', 'repo', 'issue_number'],
      additionalProperties: false,
      properties: { ...repoPath, issue_number: issueNumber },
    },
    outputSchema: issue,
  },
  'issues.create': {
    kind: 'action',
    displayName: 'Create an issue',
    http: { method: 'POST', path: '/repos/{owner}/{repo}/issues' },
    // GitHub's secondary limit on content creation: about 80 requests a minute.
    rateLimit: { limit: 80, intervalMs: 60_000 },
    inputSchema: {
      type: 'object',
      required: ['owner', 'repo', 'title'],
      additionalProperties: false,
      properties: {
        ...repoPath,
        title: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'integer' }] },
        body: { type: 'string' },
        assignees,
        milestone,
        labels,
      },
    },
    outputSchema: issue,
  },
  'issues.update': {
    kind: 'action',
    displayName: 'Update an issue',
    description: 'Changes title, body, state, labels, assignees or milestone; sending the same update twice leaves the same issue.',
    http: { method: 'PATCH', path: '/repos/{owner}/{repo}/issues/{issue_number}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['owner', 'repo', 'issue_number'],
      additionalProperties: false,
      minProperties: 4,
      properties: {
        ...repoPath,
        issue_number: issueNumber,
        title: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'integer' }] },
        body: { type: ['string', 'null'] },
        state: { type: 'string', enum: ['open', 'closed'] },
        state_reason: { anyOf: [{ type: 'string', enum: ['completed', 'not_planned', 'duplicate', 'reopened'] }, { type: 'null' }] },
        milestone,
        labels,
        assignees,
      },
    },
    outputSchema: issue,
  },
  'issues.createComment': {
    kind: 'action',
    displayName: 'Comment on an issue',
    description: 'Adds a comment to an issue or pull request.',
    http: { method: 'POST', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' },
    rateLimit: { limit: 80, intervalMs: 60_000 },
    inputSchema: {
      type: 'object',
      required: ['owner', 'repo', 'issue_number', 'body'],
      additionalProperties: false,
      properties: { ...repoPath, issue_number: issueNumber, body: { type: 'string', minLength: 1 } },
    },
    outputSchema: {
      type: 'object',
      required: ['id', 'body'],
      properties: { id: { type: 'integer' }, body: { type: 'string' }, html_url: { type: 'string' }, user },
    },
  },
  'pulls.list': {
    kind: 'action',
    displayName: 'List pull requests',
    http: { method: 'GET', path: '/repos/{owner}/{repo}/pulls' },
    idempotent: true,
    pagination: { style: 'link', cursorParam: 'page' },
    inputSchema: {
      type: 'object',
      required: ['owner', 'repo'],
      additionalProperties: false,
      properties: {
        ...repoPath,
        state: { type: 'string', enum: ['open', 'closed', 'all'], default: 'open' },
        head: { type: 'string', description: 'Filter by head user or organization and branch: `user:ref-name`' },
        base: { type: 'string' },
        sort: { type: 'string', enum: ['created', 'updated', 'popularity', 'long-running'] },
        direction,
        per_page: perPage,
        page,
      },
    },
    outputSchema: listOf({
      type: 'object',
      required: ['id', 'number', 'title', 'state'],
      properties: { id: { type: 'integer' }, number: { type: 'integer' }, title: { type: 'string' }, state: { type: 'string' } },
    }),
  },
};
