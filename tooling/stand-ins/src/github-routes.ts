import {
  createIssueComment,
  createIssueRoute,
  getIssue,
  listIssueComments,
  listIssues,
  sortByQuery,
  updateIssue,
  type GithubRouteContext,
} from './github-issue-routes.js';
import { paginate } from './github-pagination.js';
import { findRepository, pullsOf } from './github-records.js';
import { notFound } from './github-responses.js';
import type { GithubRepository } from './github-types.js';
import type { StandInRequest } from './recorded-request.js';
import type { StandInResponse } from './stand-in-response.js';

type RepositoryHandler = (
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
  number: number,
) => StandInResponse;

interface RepositoryRoute {
  method: string;
  /** The path after `/repos/{owner}/{repo}`; `{number}` captures a positive integer. */
  rest: RegExp;
  handle: RepositoryHandler;
}

const repositoryRoutes: RepositoryRoute[] = [
  { method: 'GET', rest: /^$/, handle: (_context, _request, repository) => ({ status: 200, body: repository }) },
  { method: 'GET', rest: /^\/issues$/, handle: listIssues },
  { method: 'POST', rest: /^\/issues$/, handle: createIssueRoute },
  {
    method: 'GET',
    rest: /^\/issues\/(\d+)$/,
    handle: (context, _request, repository, number) => getIssue(context, repository, number),
  },
  { method: 'PATCH', rest: /^\/issues\/(\d+)$/, handle: updateIssue },
  { method: 'GET', rest: /^\/issues\/(\d+)\/comments$/, handle: listIssueComments },
  { method: 'POST', rest: /^\/issues\/(\d+)\/comments$/, handle: createIssueComment },
  { method: 'GET', rest: /^\/pulls$/, handle: listPulls },
  { method: 'GET', rest: /^\/pulls\/(\d+)$/, handle: getPull },
];

function listPulls(
  context: GithubRouteContext,
  request: StandInRequest,
  repository: GithubRepository,
): StandInResponse {
  const state = request.query.state ?? 'open';
  const matching = pullsOf(context, repository).filter((pull) => state === 'all' || pull.state === state);
  const page = paginate(sortByQuery(matching, request.query), request, {
    apiUrl: context.apiUrl,
    perPageDefault: context.perPageDefault,
  });
  return { status: 200, headers: page.link ? { link: page.link } : {}, body: page.items };
}

function getPull(
  context: GithubRouteContext,
  _request: StandInRequest,
  repository: GithubRepository,
  number: number,
): StandInResponse {
  const pull = pullsOf(context, repository).find((candidate) => candidate.number === number);
  return pull ? { status: 200, body: pull } : notFound();
}

function getViewer(context: GithubRouteContext): StandInResponse {
  const viewer = context.state.viewer;
  const owned = context.state.repositories.filter((repository) => repository.owner.id === viewer.id);
  return {
    status: 200,
    body: {
      ...viewer,
      name: viewer.login === 'octocat' ? 'The Octocat' : viewer.login,
      company: null,
      blog: '',
      location: null,
      email: null,
      bio: null,
      public_repos: owned.length,
      followers: 0,
      following: 0,
      created_at: '2011-01-25T18:44:36Z',
      updated_at: '2024-01-01T00:00:00Z',
    },
  };
}

const repositoryPath = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/;

/** Finds the route for an authenticated request; GitHub answers 404 to unknown paths and methods alike. */
export function routeGithubRequest(context: GithubRouteContext, request: StandInRequest): StandInResponse {
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
  if (path === '/user' && request.method === 'GET') return getViewer(context);

  const match = repositoryPath.exec(path);
  if (!match) return notFound();
  const [, owner = '', name = '', rest = ''] = match;
  for (const route of repositoryRoutes) {
    if (route.method !== request.method) continue;
    const captured = route.rest.exec(rest);
    if (!captured) continue;
    const repository = findRepository(context, decodeURIComponent(owner), decodeURIComponent(name));
    if (!repository) return notFound();
    return route.handle(context, request, repository, Number(captured[1] ?? 0));
  }
  return notFound();
}
