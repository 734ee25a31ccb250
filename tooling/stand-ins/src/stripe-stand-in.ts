import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';
import { stripeError } from './stripe-errors.js';
import { parseStripeParams } from './stripe-form.js';
import { stripeRoutes, type StripeStore } from './stripe-resources.js';
import { seedStripeCustomers, seedStripeState } from './stripe-seed.js';
import type { StripeObject, StripeState } from './stripe-types.js';

export interface StripeStandInOptions extends StandInOptions {
  /** The secret key accepted as `Bearer <key>` or basic-auth user name. Default `sk_test_standin_key`. */
  apiKey?: string;
  /** Seed 12 customers (`Customer 1` … `Customer 12`, with events) besides the two prices. Default true. */
  seed?: boolean;
}

export interface StripeStandIn extends StandIn {
  readonly apiKey: string;
  readonly state: StripeState;
  /** The next request (whose path starts with `match`, when given) gets 429 `rate_limit`. */
  rateLimitNext(match?: string): void;
  /** The next request (whose path starts with `match`, when given) gets 500 `api_error`, `Stripe-Should-Retry: true`. */
  serverErrorNext(match?: string): void;
}

/** The API version answered when a request names none; a request's `Stripe-Version` is echoed. */
export const STRIPE_STAND_IN_VERSION = '2024-06-20';

interface Remembered {
  fingerprint: string;
  response: StandInResponse;
}

/** Starts a stand-in of Stripe's API (`/v1/...`, form-encoded) on 127.0.0.1. */
export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const apiKey = options.apiKey ?? 'sk_test_standin_key';
  const state = seedStripeState();
  const counters = new Map<string, number>();
  // Stripe's clock only moves forward; a counter keeps ids unique and ordered within one second.
  const store: StripeStore = {
    state,
    newId(prefix) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return `${prefix}_SI${String(next).padStart(12, '0')}`;
    },
    now: () => Math.floor(Date.now() / 1000),
    emit(type, object) {
      const event: StripeObject = {
        id: store.newId('evt'),
        object: 'event',
        created: object.created,
        type,
        api_version: STRIPE_STAND_IN_VERSION,
        data: { object: structuredClone(object) },
        livemode: false,
        pending_webhooks: 0,
        request: { id: null, idempotency_key: null },
      };
      state.events.push(event);
    },
  };
  if (options.seed ?? true) seedStripeCustomers(store, 12);
  const idempotency = new Map<string, Remembered>();
  let requestCount = 0;

  const route = (request: StandInRequest): StandInResponse => {
    const credential = readKey(request.headers.authorization);
    if (credential === undefined) {
      return stripeError(401, 'invalid_request_error', "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
    }
    if (credential !== apiKey) return stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(credential)}`);

    const segments = /^\/v1\/([a-z_]+)(?:\/([\w]+))?$/.exec(request.path);
    const handler = segments && stripeRoutes[`${request.method} /v1/${segments[1]}${segments[2] ? '/:id' : ''}`];
    if (!segments || !handler) {
      return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path}).`);
    }
    const form = /^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');
    const encoded = request.method === 'GET' ? new URLSearchParams(request.query).toString() : form ? request.body : '';
    return handler(store, parseStripeParams(encoded), segments[2]);
  };

  const answer = (request: StandInRequest): StandInResponse => {
    const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
    if (key === undefined) return route(request);
    const fingerprint = `${request.method} ${request.path} ${request.body}`;
    const remembered = idempotency.get(key);
    if (remembered && remembered.fingerprint !== fingerprint) {
      return stripeError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
    }
    if (remembered) return { ...remembered.response, headers: { ...remembered.response.headers, 'idempotent-replayed': 'true' } };
    const response = route(request);
    // Stripe saves the result once an endpoint began executing; refused credentials never reach one.
    if (response.status !== 401) idempotency.set(key, { fingerprint, response });
    return response;
  };

  const standIn = await startStandIn((request) => {
    const response = answer(request);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': `req_standin${(requestCount += 1).toString(16).padStart(8, '0')}`,
      'stripe-version': request.headers['stripe-version'] ?? STRIPE_STAND_IN_VERSION,
      ...response.headers,
    };
    if (request.headers['idempotency-key'] !== undefined) headers['idempotency-key'] = request.headers['idempotency-key'];
    if (response.status >= 400) headers['stripe-should-retry'] ??= String(response.status === 409);
    return { ...response, headers };
  }, options);

  const filter = (match: string | undefined) => (match === undefined ? {} : { match });
  return {
    ...standIn,
    apiKey,
    state,
    rateLimitNext(match) {
      const { body } = stripeError(429, 'invalid_request_error', 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.', { code: 'rate_limit' });
      standIn.injectFaults({ status: 429, headers: { 'content-type': 'application/json', 'stripe-should-retry': 'true' }, body, ...filter(match) });
    },
    serverErrorNext(match) {
      const { body } = stripeError(500, 'api_error', 'An unknown error occurred');
      standIn.injectFaults({ status: 500, headers: { 'content-type': 'application/json', 'stripe-should-retry': 'true' }, body, ...filter(match) });
    },
  };
}

function readKey(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer !== undefined) return bearer;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
  if (basic === undefined) return undefined;
  const user = Buffer.from(basic, 'base64').toString('utf8').split(':')[0];
  return user === '' ? undefined : user;
}

/** Stripe shows only the start and the last four characters of a rejected key. */
function maskKey(key: string): string {
  const prefix = /^(?:sk|rk|pk)_(?:test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}
