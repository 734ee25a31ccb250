import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface OpenaiErrorBody {
  error?: { message?: string; type?: string; param?: string | null; code?: string | null };
}

const CODES: Record<string, { code: ErrorCode; retryable: boolean }> = {
  invalid_api_key: { code: 'AUTH_FAILED', retryable: false },
  invalid_organization: { code: 'AUTH_FAILED', retryable: false },
  model_not_found: { code: 'NOT_FOUND', retryable: false },
  rate_limit_exceeded: { code: 'RATE_LIMITED', retryable: true },
  // A spent quota or billing limit stays spent until someone pays: waiting does not help.
  insufficient_quota: { code: 'RATE_LIMITED', retryable: false },
  billing_hard_limit_reached: { code: 'RATE_LIMITED', retryable: false },
};

/**
 * Reads OpenAI's error body, `{ error: { message, type, param, code } }`. Both a rate limit and a
 * spent quota answer 429; only `code` tells them apart. OpenAI's `retry-after-ms` header, which
 * the runtime does not read, is passed on as the wait when there is no `retry-after`.
 */
export function openaiVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const error = (response.data as OpenaiErrorBody | null)?.error;
  const info: VendorErrorInfo = { details: error ?? response.data };
  if (typeof error?.message === 'string') {
    const label = error.code ?? error.type;
    info.message = label ? `${label}: ${error.message}` : error.message;
    if (error.param) info.message += ` (param: ${error.param})`;
  }
  const known = (error?.code && CODES[error.code]) || (error?.type && CODES[error.type]) || undefined;
  if (known) {
    info.code = known.code;
    info.retryable = known.retryable;
  }
  const retryAfterMs = Number(response.headers['retry-after-ms']);
  if (response.headers['retry-after-ms'] !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) info.retryAfterMs = retryAfterMs;
  return info;
}
