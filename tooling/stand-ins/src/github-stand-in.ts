import { routeGithubRequest } from './github-routes.js';
import { buildUser, createRepository, findOrCreateUser, type GithubStore } from './github-records.js';
import { badCredentials } from './github-responses.js';
import { createRateLimitWindow, primaryRateLimitFault, secondaryRateLimitFault } from './github-rate-limit.js';
import { seedGithubState } from './github-seed.js';
import type { GithubRepository, GithubState } from './github-types.js';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface GithubStandInOptions extends StandInOptions {
  /** The only token accepted, as `Bearer <token>` or `token <token>`. Default `ghp_standin_token`. */
  token?: string;
  /** Login of the user the token authenticates as (user id 1). Default `octocat`. */
  login?: string;
  /** `per_page` when a request names none. Default 30, as on GitHub. */
  perPageDefault?: number;
  /** Seed `octo-org/hello-world` with 45 issues and 3 pull requests. Default true. */
  seed?: boolean;
}

export interface RateLimitNextOptions {
  /** GitHub answers both limits with 403 or, for some endpoints, 429. Default 403. */
  status?: 403 | 429;
  /** Only a request whose path starts with this takes the fault. */
  match?: string;
}

export interface GithubStandIn extends StandIn {
  /** The token clients must send. */
  readonly token: string;
  /** The in-memory data behind every answer; tests may read and change it freely. */
  readonly state: GithubState;
  /** Makes the next request (or the next one matching `match`) hit a primary or secondary rate limit. */
  rateLimitNext(kind: 'primary' | 'secondary', options?: RateLimitNextOptions): void;
  /** Adds an empty repository, for tests that start from `seed: false`. */
  addRepository(owner: string, name: string): GithubRepository;
}

const authorizationPattern = /^(?:bearer|token)\s+(\S+)\s*$/i;

/** Starts a stand-in of GitHub's REST API on 127.0.0.1. */
export async function startGithubStandIn(options: GithubStandInOptions = {}): Promise<GithubStandIn> {
  const token = options.token ?? 'ghp_standin_token';
  const rateLimit = createRateLimitWindow();
  let requestCount = 0;
  // GitHub's request ids are opaque; a counter keeps them unique and readable in test output.
  const nextRequestId = (): string => `STANDIN:${(requestCount += 1).toString(16).toUpperCase().padStart(6, '0')}`;

  // The store needs the URL the server got, so it is filled in right after listening.
  let store: GithubStore | undefined = undefined;

  const answer = (request: StandInRequest, current: GithubStore): StandInResponse => {
    const credential = authorizationPattern.exec(request.headers.authorization ?? '')?.[1];
    if (credential !== token) return badCredentials();
    if (!rateLimit.take()) return primaryRateLimitFault(current.state.viewer.id, nextRequestId());
    return routeGithubRequest({ ...current, perPageDefault: options.perPageDefault ?? 30 }, request);
  };

  const standIn = await startStandIn((request) => {
    if (!store) return { status: 503, body: { message: 'The GitHub stand-in is still starting' } };
    const response = answer(request, store);
    return {
      ...response,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': nextRequestId(),
        ...rateLimit.headers(),
        ...response.headers,
      },
    };
  }, options);

  const viewer = buildUser(standIn.url, options.login ?? 'octocat', 1);
  const state: GithubState = {
    viewer,
    users: [viewer],
    repositories: [],
    labels: [],
    issues: [],
    comments: [],
    pulls: [],
  };
  const filled: GithubStore = { state, apiUrl: standIn.url };
  if (options.seed ?? true) seedGithubState(filled);
  store = filled;

  return {
    ...standIn,
    token,
    state,
    rateLimitNext(kind, { status, match } = {}) {
      const fault =
        kind === 'primary'
          ? primaryRateLimitFault(state.viewer.id, nextRequestId(), status)
          : secondaryRateLimitFault(rateLimit.headers(), nextRequestId(), status);
      standIn.injectFaults(match === undefined ? fault : { ...fault, match });
    },
    addRepository(owner, name) {
      const ownerUser = findOrCreateUser(filled, owner, owner === state.viewer.login ? 'User' : 'Organization');
      return createRepository(filled, ownerUser, name, new Date());
    },
  };
}
