import { PatchbayError, type ErrorCode, type RateLimitState, type RedactedRequest } from '@patchbay/contract';

/** What a connector's vendor-error parser reads out of an error body. */
export interface VendorErrorInfo {
  message?: string;
  /** Overrides the code the status implies (e.g. a 403 that is really a rate limit). */
  code?: ErrorCode;
  retryable?: boolean;
  /**
   * How long the vendor asks to wait, for APIs that say so in their documentation rather than in
   * a `Retry-After` or reset header (Airtable: 30 s after a 429). A `Retry-After` header wins.
   */
  retryAfterMs?: number;
  details?: unknown;
}

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  rateLimit: RateLimitState | undefined;
  retryAfterMs: number | undefined;
  vendor: VendorErrorInfo | undefined;
  request: RedactedRequest;
  label: string;
}

/**
 * Maps an error status to the stable codes. Rate limits are recognised from headers as well as
 * status, because several APIs (GitHub among them) answer 403 when a limit is exhausted.
 */
export function errorFromResponse(response: ErrorResponse): PatchbayError {
  const { status, rateLimit, retryAfterMs, vendor } = response;
  const exhausted = rateLimit?.remaining === 0 && rateLimit.resetAt !== undefined;
  let code: ErrorCode;
  let retryable: boolean;
  if (status === 429 || (status === 403 && (exhausted || retryAfterMs !== undefined))) {
    code = 'RATE_LIMITED';
    retryable = true;
  } else if (status === 401 || status === 403) {
    code = 'AUTH_FAILED';
    retryable = false;
  } else if (status === 404 || status === 410) {
    code = 'NOT_FOUND';
    retryable = false;
  } else {
    code = 'UPSTREAM_ERROR';
    retryable = status === 408 || status === 425 || (status >= 500 && status !== 501);
  }
  if (vendor?.code !== undefined) code = vendor.code;
  if (vendor?.retryable !== undefined) retryable = vendor.retryable;
  else if (vendor?.code === 'RATE_LIMITED') retryable = true;

  let waitMs = retryAfterMs ?? vendor?.retryAfterMs;
  if (waitMs === undefined && code === 'RATE_LIMITED' && exhausted) waitMs = Math.max(0, rateLimit.resetAt! - Date.now());

  const reason = vendor?.message ? `: ${vendor.message}` : '';
  return new PatchbayError({
    code,
    retryable,
    status,
    message: `${response.label} failed with HTTP ${status}${reason}`,
    details: vendor?.details,
    request: response.request,
    retryAfterMs: waitMs,
  });
}
