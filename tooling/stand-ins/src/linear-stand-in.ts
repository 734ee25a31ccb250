import { randomUUID } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface LinearStandInOptions extends StandInOptions {
  /** Personal API key, accepted only as the bare `Authorization` value. Default `lin_api_standin`. */
  apiKey?: string;
  /** OAuth access token, accepted only as `Bearer <token>`. Default `lin_oauth_standin`. */
  accessToken?: string;
}

export type LinearRecord = Record<string, unknown> & { id: string };

export interface LinearState {
  viewer: LinearRecord;
  teams: LinearRecord[];
  projects: LinearRecord[];
  issues: LinearRecord[];
  comments: LinearRecord[];
}

export interface LinearRateLimitOptions {
  /** Linear answers a rate limit as HTTP 400 with a `RATELIMITED` error; 200 exercises the in-body case. */
  status?: 200 | 400;
}

export interface LinearStandIn extends StandIn {
  readonly apiKey: string;
  readonly accessToken: string;
  readonly state: LinearState;
  /** The next request gets a `RATELIMITED` error with `X-RateLimit-Requests-Remaining: 0` and a reset 1 s ahead. */
  rateLimitNext(options?: LinearRateLimitOptions): void;
}

const LIMIT = 5000;

/** A GraphQL error as Linear shapes it. */
export function linearError(status: number, code: string, message: string, type = code.toLowerCase()): StandInResponse {
  return {
    status,
    body: { errors: [{ message, extensions: { type, code, userError: status === 400, userPresentableMessage: message } }] },
  };
}

/** Relay-style connection of one page: `first` (default 50, at most 250) and `after` an item id. */
function connection(items: LinearRecord[], variables: Record<string, unknown>): StandInResponse | Record<string, unknown> {
  const first = Number(variables.first ?? 50);
  if (!Number.isInteger(first) || first < 1 || first > 250) {
    return linearError(400, 'INVALID_INPUT', 'Argument Validation Error: first must not be greater than 250', 'invalid input');
  }
  let start = 0;
  if (typeof variables.after === 'string') {
    start = items.findIndex((item) => item.id === variables.after) + 1;
    if (start === 0) return linearError(400, 'INVALID_INPUT', 'Invalid cursor', 'invalid input');
  }
  const nodes = items.slice(start, start + first);
  return {
    nodes,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes[0]?.id ?? null,
      endCursor: nodes.at(-1)?.id ?? null,
    },
  };
}

const isResponse = (value: unknown): value is StandInResponse => typeof value === 'object' && value !== null && 'status' in value;

function resolve(state: LinearState, field: string, variables: Record<string, unknown>): unknown {
  const now = new Date().toISOString();
  const findIssue = (id: unknown) => state.issues.find((issue) => issue.id === id || issue.identifier === id);
  const input = (variables.input ?? {}) as Record<string, unknown>;
  switch (field) {
    case 'viewer':
      return state.viewer;
    case 'teams':
      return connection(state.teams, variables);
    case 'projects':
      return connection(state.projects, variables);
    case 'issues': {
      const teamKey = (variables.filter as { team?: { key?: { eq?: string } } } | undefined)?.team?.key?.eq;
      return connection(teamKey ? state.issues.filter((issue) => (issue.team as { key: string }).key === teamKey) : state.issues, variables);
    }
    case 'issue':
      return findIssue(variables.id) ?? entityNotFound('Issue');
    case 'issueCreate': {
      const team = state.teams.find((candidate) => candidate.id === input.teamId);
      if (!team) return entityNotFound('Team');
      const number = state.issues.filter((issue) => issue.team === team).length + 1;
      const issue: LinearRecord = {
        id: randomUUID(),
        identifier: `${String(team.key)}-${number}`,
        number,
        url: `https://linear.app/standin/issue/${String(team.key)}-${number}`,
        priority: 0,
        description: null,
        createdAt: now,
        updatedAt: now,
        ...input,
        team,
        state: { id: 'state-todo', name: 'Todo', type: 'unstarted' },
      };
      state.issues.push(issue);
      return { success: true, lastSyncId: state.issues.length, issue };
    }
    case 'issueUpdate': {
      const issue = findIssue(variables.id);
      if (!issue) return entityNotFound('Issue');
      Object.assign(issue, input, { updatedAt: now });
      if (input.stateId === 'state-done') issue.state = { id: 'state-done', name: 'Done', type: 'completed' };
      return { success: true, lastSyncId: state.issues.length, issue };
    }
    case 'commentCreate': {
      const issue = findIssue(input.issueId);
      if (!issue) return entityNotFound('Issue');
      const comment: LinearRecord = { id: randomUUID(), body: input.body, createdAt: now, url: `${String(issue.url)}#comment`, user: state.viewer, issue: { id: issue.id } };
      state.comments.push(comment);
      return { success: true, lastSyncId: state.comments.length, comment };
    }
    default:
      return linearError(400, 'GRAPHQL_VALIDATION_FAILED', `Cannot query field "${field}" on type "Query".`, 'graphql error');
  }
}

// Linear answers a missing entity with HTTP 200: the field is null and the reason is in `errors`.
function entityNotFound(entity: string): StandInResponse {
  const { body } = linearError(400, 'INVALID_INPUT', `Entity not found: ${entity}`, 'invalid input');
  return { status: 200, body: { data: null, ...(body as object) } };
}

/** The first field of the selection set, e.g. `issues` in `query Issues($first: Int) { issues(first: $first) { … } }`. */
function rootField(document: string): string | undefined {
  return /^\s*(\w+)/.exec(document.slice(document.indexOf('{') + 1))?.[1];
}

function answer(state: LinearState, request: StandInRequest): StandInResponse {
  if (request.method !== 'POST' || request.path !== '/graphql') return { status: 404, body: 'Not Found' };
  const body = request.json as { query?: unknown; variables?: Record<string, unknown> } | undefined;
  if (typeof body?.query !== 'string') return linearError(400, 'BAD_USER_INPUT', 'Must provide query string.', 'graphql error');
  const field = rootField(body.query);
  if (!field) return linearError(400, 'GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name.', 'graphql error');
  const value = resolve(state, field, body.variables ?? {});
  if (isResponse(value)) return value;
  return { status: 200, body: { data: { [field]: value } } };
}

function seed(): LinearState {
  const viewer = { id: randomUUID(), name: 'Stand-in User', displayName: 'standin', email: 'standin@example.com', admin: true, active: true };
  const engineering = { id: randomUUID(), key: 'ENG', name: 'Engineering' };
  const design = { id: randomUUID(), key: 'DES', name: 'Design' };
  const created = new Date('2026-02-01T10:00:00.000Z').toISOString();
  const issues = Array.from({ length: 30 }, (_, index) => ({
    id: randomUUID(),
    identifier: `ENG-${index + 1}`,
    number: index + 1,
    title: `Issue ${index + 1}`,
    description: null,
    priority: index % 5,
    url: `https://linear.app/standin/issue/ENG-${index + 1}`,
    createdAt: created,
    updatedAt: created,
    team: engineering,
    state: { id: 'state-todo', name: 'Todo', type: 'unstarted' },
  }));
  const projects = ['Launch', 'Onboarding', 'Billing'].map((name) => ({ id: randomUUID(), name, state: 'started', url: `https://linear.app/standin/project/${name.toLowerCase()}` }));
  return { viewer, teams: [engineering, design], projects, issues, comments: [] };
}

/**
 * Starts a stand-in of Linear's GraphQL API (`POST /graphql`) on 127.0.0.1. It reads the root field
 * of the document and its variables, and answers whole objects whatever the selection set asks.
 */
export async function startLinearStandIn(options: LinearStandInOptions = {}): Promise<LinearStandIn> {
  const apiKey = options.apiKey ?? 'lin_api_standin';
  const accessToken = options.accessToken ?? 'lin_oauth_standin';
  const state = seed();
  let remaining = LIMIT;
  const standIn = await startStandIn((request) => {
    const authorization = request.headers.authorization ?? '';
    const response =
      authorization === apiKey || authorization === `Bearer ${accessToken}`
        ? answer(state, request)
        : linearError(400, 'AUTHENTICATION_ERROR', 'Authentication required, not authenticated', 'authentication error');
    remaining = Math.max(0, remaining - 1);
    const headers = {
      'x-ratelimit-requests-limit': String(LIMIT),
      'x-ratelimit-requests-remaining': String(remaining),
      'x-ratelimit-requests-reset': String(Date.now() + 3_600_000),
      ...response.headers,
    };
    return { ...response, headers };
  }, options);
  return {
    ...standIn,
    apiKey,
    accessToken,
    state,
    rateLimitNext({ status = 400 } = {}) {
      const limited = linearError(status, 'RATELIMITED', 'Rate limit exceeded', 'ratelimited');
      standIn.injectFaults({
        ...limited,
        headers: {
          'x-ratelimit-requests-limit': String(LIMIT),
          'x-ratelimit-requests-remaining': '0',
          'x-ratelimit-requests-reset': String(Date.now() + 1000),
        },
      });
    },
  };
}
