import { PatchbayError, type RedactedRequest } from '@patchbay/contract';
import { privateTargetReason, type HostResolver } from './network-guard.js';
import type { RequestBody } from './send-request.js';

/** Redirects followed for one attempt before the call fails. */
export const MAX_REDIRECTS = 5;

const FOLLOWED_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that carry credentials or identity; they never travel to an origin other than the connection's.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key'];

/** Where the next hop of a redirect goes, and whether the connection's credentials go with it. */
export interface RedirectHop {
  url: URL;
  method: string;
  body: RequestBody | undefined;
  headers: Record<string, string>;
  /** True only when the hop stays on the connection's own origin. */
  withCredentials: boolean;
}

export interface RedirectContext {
  status: number;
  location: string | undefined;
  /** The URL and method of the request that was answered with the redirect. */
  url: URL;
  method: string;
  body: RequestBody | undefined;
  /** Headers before credentials were applied. */
  headers: Record<string, string>;
  /** Redirects already followed in this attempt. */
  followed: number;
  idempotent: boolean;
  /** The connection's base URL: credentials belong to its origin only. */
  baseUrl: URL;
  /** Header or query-parameter names that carry this connector's credential (an API key). */
  credentialNames: readonly string[];
  label: string;
  request: () => RedactedRequest;
  /** Allow hops to private, loopback and link-local addresses although the base URL is public. */
  allowPrivateNetwork?: boolean;
  /** For tests; the system resolver by default. */
  resolve?: HostResolver;
}

/** Whether a status is a redirect the runtime has to decide about (304 Not Modified is an answer). */
export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

/**
 * Decides a redirect. GET and HEAD follow 301, 302, 303, 307 and 308; other idempotent requests
 * follow 307 and 308 with their method and body; at most {@link MAX_REDIRECTS} hops; only http(s)
 * targets. Credentials stay on the connection's origin: a hop to any other origin is sent with
 * every credential header removed and without authentication. Anything else throws a classified,
 * non-retryable `UPSTREAM_ERROR` rather than returning the redirect as data.
 */
export function planRedirect(context: RedirectContext): RedirectHop {
  const { status, location, method } = context;
  const refuse = (reason: string) => refusal(context, reason);
  if (!FOLLOWED_STATUSES.has(status) || location === undefined || location === '') {
    throw refuse(location ? `status ${status} is not a redirect the runtime follows` : 'no Location header');
  }
  const safeMethod = method === 'GET' || method === 'HEAD';
  const keepsMethod = status === 307 || status === 308;
  if (!safeMethod && !(keepsMethod && context.idempotent)) {
    throw refuse(`${method} requests follow only 307/308, and only when idempotent`);
  }
  if (context.followed >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
  let url: URL;
  try {
    url = new URL(location, context.url);
  } catch {
    throw refuse('the Location header is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`${url.protocol} targets are never followed`);

  const withCredentials = url.origin === context.baseUrl.origin;
  const headers = { ...context.headers };
  if (!withCredentials) {
    for (const name of [...CREDENTIAL_HEADERS, ...context.credentialNames.map((header) => header.toLowerCase())]) delete headers[name];
    for (const name of context.credentialNames) url.searchParams.delete(name);
    url.username = '';
    url.password = '';
  }
  if (safeMethod && !keepsMethod) {
    delete headers['content-type'];
    return { url, method, body: undefined, headers, withCredentials };
  }
  return { url, method, body: context.body, headers, withCredentials };
}

/**
 * {@link planRedirect}, then the SSRF check: a hop whose host is, or resolves to, a private,
 * loopback or link-local address is refused (see `privateTargetReason`), so a vendor, or anyone
 * who can make it redirect, cannot point the runtime at the cloud metadata service or an internal
 * host and have its answer returned as data.
 */
export async function followRedirect(context: RedirectContext): Promise<RedirectHop> {
  const hop = planRedirect(context);
  const reason = await privateTargetReason(hop.url, { baseUrl: context.baseUrl, allowPrivateNetwork: context.allowPrivateNetwork, resolve: context.resolve });
  if (reason !== undefined) throw refusal(context, `${reason} (set allowPrivateNetwork to allow it)`);
  return hop;
}

function refusal(context: RedirectContext, reason: string): PatchbayError {
  return new PatchbayError({
    code: 'UPSTREAM_ERROR',
    retryable: false,
    status: context.status,
    message: `${context.label} answered ${context.status} (redirect), not followed: ${reason}`,
    request: context.request(),
  });
}
