import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface SlackBody {
  ok?: boolean;
  error?: string;
  needed?: string;
  provided?: string;
}

const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
]);
const NOT_FOUND_ERRORS = new Set(['channel_not_found', 'user_not_found', 'users_not_found', 'message_not_found', 'thread_not_found']);
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** The stable code of a Slack error string. */
export function slackErrorCode(error: string): ErrorCode {
  if (AUTH_ERRORS.has(error)) return 'AUTH_FAILED';
  if (error === 'ratelimited' || error === 'rate_limited') return 'RATE_LIMITED';
  if (NOT_FOUND_ERRORS.has(error)) return 'NOT_FOUND';
  return 'UPSTREAM_ERROR';
}

/**
 * Slack answers most failures with HTTP 200 and `{ ok: false, error }`, so every response is read:
 * an `ok: false` body is an error whatever the status. HTTP 429 (with `Retry-After`) is a rate limit.
 */
export function slackVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as SlackBody;
  if (body.ok !== false && response.status < 400) return undefined;
  if (typeof body.error !== 'string') return response.status < 400 ? { message: 'Slack answered ok: false without an error' } : { details: body };
  const info: VendorErrorInfo = { code: slackErrorCode(body.error), message: body.error, details: body };
  if (body.error === 'missing_scope' && body.needed) info.message = `missing_scope (needs ${body.needed})`;
  if (TRANSIENT_ERRORS.has(body.error)) info.retryable = true;
  if (response.status === 429) info.code = 'RATE_LIMITED';
  return info;
}
