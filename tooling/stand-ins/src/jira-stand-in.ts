import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface JiraStandInOptions extends StandInOptions {
  /** Atlassian account email of the basic-auth user. Default `ada@example.com`. */
  email?: string;
  /** API token accepted with `email` as HTTP Basic credentials. Default `jira_standin_api_token`. */
  apiToken?: string;
  /** Cloud id of the site under `/ex/jira/{cloudId}` for OAuth 2.0 (3LO) requests. */
  cloudId?: string;
}

/** An issue as Jira Cloud returns it from `GET /rest/api/3/issue/{issueIdOrKey}`. */
export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  comments: Record<string, unknown>[];
}

export interface JiraStandIn extends StandIn {
  readonly email: string;
  readonly apiToken: string;
  readonly cloudId: string;
  /** OAuth base URL of the site, as `https://api.atlassian.com/ex/jira/{cloudId}`. */
  readonly oauthUrl: string;
  /** Token endpoint for the refresh-token grant, as `https://auth.atlassian.com/oauth/token`. */
  readonly tokenUrl: string;
  /** Access tokens the stand-in accepts as `Bearer`; the token endpoint adds to them. */
  readonly accessTokens: Set<string>;
  /** Refresh tokens the token endpoint accepts; each is rotated (replaced) when used, as Atlassian does. */
  readonly refreshTokens: Set<string>;
  /** Issues of project `PB` (seeded PB-1 … PB-12), in creation order. */
  readonly issues: JiraIssue[];
  /** The next request (or the next whose path starts with `match`) gets Jira's 429 with `Retry-After: 1`. */
  rateLimitNext(match?: string): void;
}

const STATUSES = {
  '11': { id: '10000', name: 'To Do', category: 'new' },
  '21': { id: '3', name: 'In Progress', category: 'indeterminate' },
  '31': { id: '10001', name: 'Done', category: 'done' },
} as const;

/** Jira's error body: `{ errorMessages, errors }` (field name → message). */
export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): StandInResponse {
  return { status, body: { errorMessages, errors } };
}

const ADF_REQUIRED = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function isAdf(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';
}

function jsonObject(request: StandInRequest): Record<string, unknown> | undefined {
  const value = request.json;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Answers the few JQL shapes automation uses most: `field = value` clauses joined by AND, then ORDER BY. */
function matchJql(jql: string): ((issue: JiraIssue) => boolean) | string {
  const where = jql.replace(/\s+ORDER\s+BY\s+.*$/i, '').trim();
  if (where === '') return 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
  const clauses = where.split(/\s+AND\s+/i).map((clause) => /^(\w+)\s*=\s*"?([^"]+?)"?$/.exec(clause.trim()));
  if (clauses.some((clause) => clause === null)) return `Error in the JQL Query: could not parse '${where}'.`;
  return (issue) =>
    clauses.every((clause) => {
      const [, field, value] = clause!;
      const actual = field === 'project' ? issue.key.split('-')[0] : ((issue.fields[field!] as { name?: string } | undefined)?.name ?? '');
      return actual?.toLowerCase() === value!.toLowerCase();
    });
}

function pickFields(issue: JiraIssue, requested: string[] | undefined, self: string) {
  const wanted = requested === undefined || requested.includes('*all') || requested.includes('*navigable') ? undefined : requested;
  const fields = wanted ? Object.fromEntries(Object.entries(issue.fields).filter(([name]) => wanted.includes(name))) : issue.fields;
  return { id: issue.id, key: issue.key, self: `${self}/rest/api/3/issue/${issue.id}`, fields };
}

function route(state: { issues: JiraIssue[]; email: string; nextId: number }, request: StandInRequest, self: string): StandInResponse {
  const path = request.path;
  const body = jsonObject(request) ?? {};
  const find = (idOrKey: string) => state.issues.find((issue) => issue.key === decodeURIComponent(idOrKey) || issue.id === idOrKey);
  const missing = () => jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
  let match: RegExpExecArray | null;

  if (request.method === 'GET' && path === '/rest/api/3/myself') {
    return {
      status: 200,
      body: {
        self: `${self}/rest/api/3/user?accountId=5b10a2844c20165700ede21g`,
        accountId: '5b10a2844c20165700ede21g',
        accountType: 'atlassian',
        emailAddress: state.email,
        displayName: 'Ada Lovelace',
        active: true,
        timeZone: 'Europe/London',
      },
    };
  }
  if (request.method === 'POST' && path === '/rest/api/3/search/jql') {
    if (typeof body.jql !== 'string') return jiraError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    const filter = matchJql(body.jql);
    if (typeof filter === 'string') return jiraError(400, [filter]);
    const maxResults = Math.min(5000, Number(body.maxResults ?? 50));
    const start = typeof body.nextPageToken === 'string' ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) return jiraError(400, ['The provided next page token is invalid or expired.']);
    const hits = state.issues.filter(filter);
    const page = hits.slice(start, start + maxResults);
    const fields = Array.isArray(body.fields) ? (body.fields as string[]) : ['id'];
    const result: Record<string, unknown> = { issues: page.map((issue) => pickFields(issue, fields, self)), isLast: start + maxResults >= hits.length };
    if (!result.isLast) result.nextPageToken = Buffer.from(String(start + maxResults)).toString('base64url');
    return { status: 200, body: result };
  }
  if (request.method === 'POST' && path === '/rest/api/3/issue') {
    const fields = (body.fields ?? {}) as Record<string, unknown>;
    const errors: Record<string, string> = {};
    const project = fields.project as { key?: string; id?: string } | undefined;
    if (!project || (project.key !== 'PB' && project.id !== '10000')) errors.project = 'Specify a valid project ID or key';
    if (typeof fields.summary !== 'string' || fields.summary === '') errors.summary = 'You must specify a summary of the issue.';
    if (!fields.issuetype) errors.issuetype = 'Specify an issue type';
    if (fields.description !== undefined && !isAdf(fields.description)) errors.description = ADF_REQUIRED;
    if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
    const id = String(state.nextId++);
    const issue: JiraIssue = {
      id,
      key: `PB-${state.issues.length + 1}`,
      fields: { ...fields, status: { id: STATUSES['11'].id, name: STATUSES['11'].name }, created: new Date().toISOString() },
      comments: [],
    };
    state.issues.push(issue);
    return { status: 201, body: { id, key: issue.key, self: `${self}/rest/api/3/issue/${id}` } };
  }
  if ((match = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(path))) {
    const issue = find(match[1]!);
    if (!issue) return missing();
    if (request.method === 'GET') return { status: 200, body: pickFields(issue, request.query.fields?.split(','), self) };
    if (request.method === 'PUT') {
      const fields = (body.fields ?? {}) as Record<string, unknown>;
      if (fields.description !== undefined && fields.description !== null && !isAdf(fields.description)) {
        return jiraError(400, [], { description: ADF_REQUIRED });
      }
      Object.assign(issue.fields, fields);
      const update = (body.update ?? {}) as Record<string, { add?: unknown; set?: unknown }[]>;
      for (const [field, operations] of Object.entries(update)) {
        for (const operation of operations) {
          if (operation.set !== undefined) issue.fields[field] = operation.set;
          if (operation.add !== undefined) issue.fields[field] = [...((issue.fields[field] as unknown[]) ?? []), operation.add];
        }
      }
      return { status: 204 };
    }
  }
  if ((match = /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/.exec(path))) {
    const issue = find(match[1]!);
    if (!issue) return missing();
    if (request.method === 'GET') {
      const transitions = Object.entries(STATUSES).map(([id, status]) => ({
        id,
        name: status.name,
        to: { id: status.id, name: status.name, statusCategory: { key: status.category } },
        hasScreen: false,
        isGlobal: true,
        isInitial: false,
        isConditional: false,
      }));
      return { status: 200, body: { expand: 'transitions', transitions } };
    }
    if (request.method === 'POST') {
      const transitionId = String((body.transition as { id?: unknown } | undefined)?.id ?? '');
      const status = STATUSES[transitionId as keyof typeof STATUSES];
      if (!status) return jiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
      issue.fields.status = { id: status.id, name: status.name };
      Object.assign(issue.fields, body.fields ?? {});
      return { status: 204 };
    }
  }
  if (request.method === 'POST' && (match = /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/.exec(path))) {
    const issue = find(match[1]!);
    if (!issue) return missing();
    if (!isAdf(body.body)) return jiraError(400, [], { comment: ADF_REQUIRED });
    const now = new Date().toISOString();
    const comment = { id: String(state.nextId++), self: `${self}/rest/api/3/issue/${issue.id}/comment`, body: body.body, created: now, updated: now, author: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada Lovelace' } };
    issue.comments.push(comment);
    return { status: 201, body: comment };
  }
  return jiraError(404, ['Not Found']);
}

function seed(): JiraIssue[] {
  return Array.from({ length: 12 }, (_unused, index) => ({
    id: String(10001 + index),
    key: `PB-${index + 1}`,
    fields: {
      summary: `Seeded issue ${index + 1}`,
      description: adf(`Description of issue ${index + 1}`),
      issuetype: { id: '10001', name: index % 3 === 0 ? 'Bug' : 'Task' },
      status: index % 4 === 0 ? { id: STATUSES['31'].id, name: 'Done' } : { id: STATUSES['11'].id, name: 'To Do' },
      project: { id: '10000', key: 'PB', name: 'Patchbay' },
      labels: [],
      created: new Date(Date.UTC(2026, 0, 5 + index)).toISOString(),
    },
    comments: [],
  }));
}

function tokenGrant(request: StandInRequest, accessTokens: Set<string>, refreshTokens: Set<string>): StandInResponse {
  const grant = (jsonObject(request) ?? request.form ?? {}) as Record<string, unknown>;
  if (grant.grant_type !== 'refresh_token' || typeof grant.client_id !== 'string' || typeof grant.client_secret !== 'string') {
    return { status: 400, body: { error: 'invalid_request', error_description: 'Missing grant_type, client_id or client_secret' } };
  }
  if (typeof grant.refresh_token !== 'string' || !refreshTokens.delete(grant.refresh_token)) {
    return { status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } };
  }
  const accessToken = `jira_access_${accessTokens.size + 1}`;
  const refreshToken = `jira_refresh_${accessTokens.size + 1}`;
  accessTokens.add(accessToken);
  refreshTokens.add(refreshToken);
  return { status: 200, body: { access_token: accessToken, refresh_token: refreshToken, expires_in: 3600, token_type: 'Bearer', scope: 'read:jira-work write:jira-work offline_access' } };
}

/**
 * Starts a stand-in of a Jira Cloud site (REST API v3) on 127.0.0.1. Basic auth (email + API
 * token) reaches the site at the root, as `https://{site}.atlassian.net`; OAuth 2.0 bearer tokens
 * reach it under `/ex/jira/{cloudId}`, as through `api.atlassian.com`; `/oauth/token` rotates
 * refresh tokens as `auth.atlassian.com` does.
 */
export async function startJiraStandIn(options: JiraStandInOptions = {}): Promise<JiraStandIn> {
  const email = options.email ?? 'ada@example.com';
  const apiToken = options.apiToken ?? 'jira_standin_api_token';
  const cloudId = options.cloudId ?? '11223344-a1b2-3b33-c444-def123456789';
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const state = { issues: seed(), email, nextId: 20000 };
  const basic = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  const oauthPrefix = `/ex/jira/${cloudId}`;
  let url = '';
  const standIn = await startStandIn((request) => {
    if (request.method === 'POST' && request.path === '/oauth/token') return tokenGrant(request, accessTokens, refreshTokens);
    const viaOAuth = request.path.startsWith(`${oauthPrefix}/`);
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    const allowed = viaOAuth ? bearer !== undefined && accessTokens.has(bearer) : request.headers.authorization === basic;
    if (!allowed) return jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']);
    const path = viaOAuth ? request.path.slice(oauthPrefix.length) : request.path;
    return route(state, { ...request, path }, viaOAuth ? `${url}${oauthPrefix}` : url);
  }, options);
  url = standIn.url;
  return {
    ...standIn,
    email,
    apiToken,
    cloudId,
    oauthUrl: `${standIn.url}${oauthPrefix}`,
    tokenUrl: `${standIn.url}/oauth/token`,
    accessTokens,
    refreshTokens,
    issues: state.issues,
    rateLimitNext(match) {
      const reset = new Date(Date.now() + 1000).toISOString();
      const fault = {
        ...jiraError(429, ['Rate limit exceeded.']),
        headers: { 'retry-after': '1', 'x-ratelimit-reset': reset, 'ratelimit-reason': 'jira-burst-based' },
      };
      standIn.injectFaults(match === undefined ? fault : { ...fault, match });
    },
  };
}
