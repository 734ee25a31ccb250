import type { StandInRequest } from './recorded-request.js';
import { SLACK_JSON_METHODS, SLACK_METHOD_SCOPES, slackMethods, type SlackArguments } from './slack-methods.js';
import { seedSlackState } from './slack-state.js';
import type { SlackState } from './slack-types.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface SlackStandInOptions extends StandInOptions {
  /** The bot token accepted as `Authorization: Bearer …` or a `token` argument. Default `xoxb-standin-token`. */
  token?: string;
  /** Scopes granted to the token; a method needing another answers `missing_scope`. Default: all. */
  scopes?: string[];
  /** Channels seeded besides #general, #random and #announcements. Default 4. */
  extraChannels?: number;
  /**
   * Answer 429 to a second `chat.postMessage` in the same channel within a second, as Slack does for
   * sustained bursts. 100 ms of slack absorbs loopback jitter. Default true.
   */
  enforceMessageRate?: boolean;
}

export interface SlackStandIn extends StandIn {
  readonly token: string;
  /** Base URL clients use, as `https://slack.com/api`. */
  readonly apiUrl: string;
  readonly state: SlackState;
  /** The next request (to `method`, when given) gets HTTP 429, `Retry-After`, `{ ok: false, error: 'ratelimited' }`. */
  rateLimitNext(options?: { retryAfterSeconds?: number; method?: string }): void;
  /** The next request (to `method`, when given) gets HTTP 200 `{ ok: false, error }`, Slack's usual failure. */
  errorNext(error: string, options?: { method?: string }): void;
  /** From now on the token answers `token_revoked`. */
  revokeToken(): void;
}

const ALL_SCOPES = [...new Set(Object.values(SLACK_METHOD_SCOPES).filter((scope): scope is string => scope !== undefined))];
const MESSAGE_WINDOW_MS = 900;

/** Starts a stand-in of Slack's Web API (`/api/{method}`) on 127.0.0.1. */
export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const token = options.token ?? 'xoxb-standin-token';
  const scopes = options.scopes ?? ALL_SCOPES;
  const state = seedSlackState(options.extraChannels ?? 4);
  const lastPostByChannel = new Map<string, number>();
  let revoked = false;
  let requestCount = 0;

  const answer = (request: StandInRequest): StandInResponse => {
    const method = /^\/api\/([\w.]+)$/.exec(request.path)?.[1];
    const handler = method === undefined ? undefined : slackMethods[method];
    if (method === undefined || handler === undefined) {
      return { status: 404, body: { ok: false, error: 'unknown_method', req_method: method ?? request.path } };
    }
    if (request.method !== 'POST' && request.method !== 'GET') return { status: 405, body: { ok: false, error: 'method_not_supported' } };

    const warnings: string[] = [];
    const args: SlackArguments = { ...request.query, ...request.form };
    const json = /^application\/json/i.test(request.headers['content-type'] ?? '');
    // Slack reads a JSON body only on methods that accept one, and warns when the charset is missing.
    if (json && SLACK_JSON_METHODS.has(method) && typeof request.json === 'object' && request.json !== null) {
      Object.assign(args, request.json);
      if (!/charset=utf-8/i.test(request.headers['content-type'] ?? '')) warnings.push('missing_charset');
    }

    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const presented = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    if (presented === undefined) return ok200({ ok: false, error: 'not_authed' });
    if (presented !== token) return ok200({ ok: false, error: 'invalid_auth' });
    if (revoked) return ok200({ ok: false, error: 'token_revoked' });
    const needed = SLACK_METHOD_SCOPES[method];
    if (needed !== undefined && !scopes.includes(needed)) {
      return ok200({ ok: false, error: 'missing_scope', needed, provided: scopes.join(',') });
    }

    if (method === 'chat.postMessage' && (options.enforceMessageRate ?? true)) {
      const channel = String(args.channel ?? '');
      const now = Date.now();
      const last = lastPostByChannel.get(channel);
      if (last !== undefined && now - last < MESSAGE_WINDOW_MS) {
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
      lastPostByChannel.set(channel, now);
    }

    const result = handler(state, args);
    const metadata = warnings.length > 0 ? { warning: warnings.join(','), response_metadata: { warnings } } : {};
    const body = result.ok
      ? { ok: true, ...result.body, ...metadata, ...mergeMetadata(result.body.response_metadata, warnings) }
      : { ok: false, error: result.error, ...result.extra, ...metadata };
    return { status: 200, headers: { 'x-accepted-oauth-scopes': needed ?? '' }, body };
  };

  const standIn = await startStandIn((request) => {
    const response = answer(request);
    return {
      ...response,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-slack-req-id': `standin-${(requestCount += 1).toString(16).padStart(8, '0')}`,
        'x-oauth-scopes': scopes.join(','),
        ...response.headers,
      },
    };
  }, options);

  const filter = (method: string | undefined) => (method === undefined ? {} : { match: `/api/${method}` });
  return {
    ...standIn,
    token,
    apiUrl: `${standIn.url}/api`,
    state,
    rateLimitNext({ retryAfterSeconds = 1, method } = {}) {
      standIn.injectFaults({
        status: 429,
        headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'application/json; charset=utf-8' },
        body: { ok: false, error: 'ratelimited' },
        ...filter(method),
      });
    },
    errorNext(error, { method } = {}) {
      standIn.injectFaults({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { ok: false, error }, ...filter(method) });
    },
    revokeToken() {
      revoked = true;
    },
  };
}

function ok200(body: Record<string, unknown>): StandInResponse {
  return { status: 200, body };
}

/** Keeps a method's own `response_metadata` (its `next_cursor`) when warnings are added beside it. */
function mergeMetadata(own: unknown, warnings: string[]): Record<string, unknown> {
  if (typeof own !== 'object' || own === null) return {};
  return { response_metadata: warnings.length > 0 ? { ...own, warnings } : own };
}
