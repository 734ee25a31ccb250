import { paginate } from './github-pagination.js';
import { syncPullFromIssue } from './github-pull-record.js';
import {
  createComment,
  createIssue,
  findOrCreateLabel,
  findOrCreateUser,
  issuesOf,
  refreshOpenIssueCount,
  timestamp,
  type GithubStore,
} from './github-records.js';
import { notFound, readJsonObject, validationFailed } from './github-responses.js';
import type { GithubIssue, GithubLabel, GithubRepository, GithubUser } from './github-types.js';
import type { StandInRequest } from './recorded-request.js';
import type { StandInResponse } from './stand-in-response.js';

export interface GithubRouteContext extends GithubStore {
  perPageDefault: number;
}

const createDocumentation = 'https://docs.github.com/rest/issues/issues#create-an-issue';
const updateDocumentation = 'https://docs.github.com/rest/issues/issues#update-an-issue';
const commentDocumentation = 'https://docs.github.com/rest/issues/comments#create-an-issue-comment';
const stateReasons = ['completed', 'not_planned', 'reopened'] as const;

/** Sorts as GitHub does: `created` descending unless `sort` / `direction` say otherwise. */
export function sortByQuery<T extends { created_at: string; updated_at: string }>(
  items: T[],
  query: Record<string, string>,
  comments: (item: T) => number = () => 0,
): T[] {
  const key = query.sort ?? 'created';
  const sign = query.direction === 'asc' ? 1 : -1;
  const value = (item: T): string | number =>
    key === 'updated' ? item.updated_at : key === 'comments' ? comments(item) : item.created_at;
  return [...items].sort((left, right) =>
    value(left) < value(right) ? -sign : value(left) > value(right) ? sign : 0,
  );
}

export function listIssues(
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
): StandInResponse {
  const state = request.query.state ?? 'open';
  const wanted = (request.query.labels ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const matching = issuesOf(context, repository).filter(
    (issue) =>
      (state === 'all' || issue.state === state) &&
      wanted.every((name) => issue.labels.some((label) => label.name.toLowerCase() === name)),
  );
  const page = paginate(sortByQuery(matching, request.query, (issue) => issue.comments), request, {
    apiUrl: context.apiUrl,
    perPageDefault: context.perPageDefault,
  });
  return { status: 200, headers: page.link ? { link: page.link } : {}, body: page.items };
}

export function findIssue(
  context: GithubRouteContext,
  repository: GithubRepository,
  number: number,
): GithubIssue | undefined {
  return issuesOf(context, repository).find((issue) => issue.number === number);
}

export function getIssue(
  context: GithubRouteContext,
  repository: GithubRepository,
  number: number,
): StandInResponse {
  const issue = findIssue(context, repository, number);
  return issue ? { status: 200, body: issue } : notFound();
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: StandInResponse };

function parseLabels(
  context: GithubRouteContext,
  repository: GithubRepository,
  input: unknown,
  documentation: string,
): Parsed<GithubLabel[]> {
  const names = Array.isArray(input)
    ? input.map((entry: unknown) =>
        typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : entry,
      )
    : undefined;
  if (!names || !names.every((name): name is string => typeof name === 'string')) {
    const error = { resource: 'Issue', code: 'invalid', field: 'labels' } as const;
    return { ok: false, response: validationFailed(documentation, error) };
  }
  return { ok: true, value: names.map((name) => findOrCreateLabel(context, repository, name)) };
}

function parseAssignees(
  context: GithubRouteContext,
  input: unknown,
  documentation: string,
): Parsed<GithubUser[]> {
  if (!Array.isArray(input) || !input.every((login): login is string => typeof login === 'string')) {
    const error = { resource: 'Issue', code: 'invalid', field: 'assignees' } as const;
    return { ok: false, response: validationFailed(documentation, error) };
  }
  return { ok: true, value: input.map((login) => findOrCreateUser(context, login)) };
}

export function createIssueRoute(
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
): StandInResponse {
  const input = readJsonObject(request, createDocumentation);
  if (!input.ok) return input.response;
  const { title, body, labels, assignees, assignee } = input.value;
  if (title === undefined || title === null || title === '') {
    return validationFailed(createDocumentation, { resource: 'Issue', code: 'missing_field', field: 'title' });
  }
  if (typeof title !== 'string' && typeof title !== 'number') {
    return validationFailed(createDocumentation, { resource: 'Issue', code: 'invalid', field: 'title' });
  }
  const parsedLabels =
    labels === undefined ? { ok: true as const, value: [] } : parseLabels(context, repository, labels, createDocumentation);
  if (!parsedLabels.ok) return parsedLabels.response;
  const logins = assignees ?? (typeof assignee === 'string' ? [assignee] : []);
  const parsedAssignees = parseAssignees(context, logins, createDocumentation);
  if (!parsedAssignees.ok) return parsedAssignees.response;

  const issue = createIssue(context, repository, {
    title: String(title),
    body: typeof body === 'string' ? body : null,
    author: context.state.viewer,
    labels: parsedLabels.value,
    assignees: parsedAssignees.value,
  });
  return { status: 201, headers: { location: issue.url }, body: issue };
}

export function updateIssue(
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
  number: number,
): StandInResponse {
  const issue = findIssue(context, repository, number);
  if (!issue) return notFound();
  const input = readJsonObject(request, updateDocumentation);
  if (!input.ok) return input.response;
  const changes = input.value;
  const invalid = (field: string): StandInResponse =>
    validationFailed(updateDocumentation, { resource: 'Issue', code: 'invalid', field });

  const title = changes.title;
  if ('title' in changes && typeof title !== 'string' && typeof title !== 'number') return invalid('title');
  if ('body' in changes && typeof changes.body !== 'string' && changes.body !== null) return invalid('body');
  if ('state' in changes && changes.state !== 'open' && changes.state !== 'closed') return invalid('state');
  const reason = changes.state_reason;
  const knownReason = reason === undefined || reason === null || stateReasons.some((known) => known === reason);
  if (!knownReason) return invalid('state_reason');
  const labels = 'labels' in changes ? parseLabels(context, repository, changes.labels, updateDocumentation) : undefined;
  if (labels && !labels.ok) return labels.response;
  const assignees = 'assignees' in changes ? parseAssignees(context, changes.assignees, updateDocumentation) : undefined;
  if (assignees && !assignees.ok) return assignees.response;

  const now = timestamp();
  if (typeof title === 'string' || typeof title === 'number') issue.title = String(title);
  if (typeof changes.body === 'string' || changes.body === null) issue.body = changes.body;
  if (labels?.ok) issue.labels = labels.value;
  if (assignees?.ok) {
    issue.assignees = assignees.value;
    issue.assignee = assignees.value[0] ?? null;
  }
  if (changes.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closed_at = now;
    issue.closed_by = context.state.viewer;
    issue.state_reason = (reason as GithubIssue['state_reason']) ?? 'completed';
  } else if (changes.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closed_at = null;
    issue.closed_by = null;
    issue.state_reason = 'reopened';
  } else if (reason !== undefined) {
    issue.state_reason = reason as GithubIssue['state_reason'];
  }
  issue.updated_at = now;
  syncPullFromIssue(context, issue);
  refreshOpenIssueCount(context, repository);
  return { status: 200, body: issue };
}

export function createIssueComment(
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
  number: number,
): StandInResponse {
  const issue = findIssue(context, repository, number);
  if (!issue) return notFound();
  const input = readJsonObject(request, commentDocumentation);
  if (!input.ok) return input.response;
  const { body } = input.value;
  if (body === undefined || body === null || body === '') {
    return validationFailed(commentDocumentation, { resource: 'IssueComment', code: 'missing_field', field: 'body' });
  }
  if (typeof body !== 'string') {
    return validationFailed(commentDocumentation, { resource: 'IssueComment', code: 'invalid', field: 'body' });
  }
  const comment = createComment(context, issue, body, context.state.viewer);
  return { status: 201, headers: { location: comment.url }, body: comment };
}

export function listIssueComments(
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
  number: number,
): StandInResponse {
  const issue = findIssue(context, repository, number);
  if (!issue) return notFound();
  // GitHub lists issue comments oldest first, in id order.
  const comments = context.state.comments
    .filter((comment) => comment.issue_url === issue.url)
    .sort((left, right) => left.id - right.id);
  const page = paginate(comments, request, { apiUrl: context.apiUrl, perPageDefault: context.perPageDefault });
  return { status: 200, headers: page.link ? { link: page.link } : {}, body: page.items };
}
