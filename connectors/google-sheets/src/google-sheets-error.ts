import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string };
}

// Google's canonical status names decide the code: a quota error may come as 429 or 403, and a
// missing scope as 403 PERMISSION_DENIED.
const STATUSES: Record<string, { code: ErrorCode; retryable: boolean }> = {
  UNAUTHENTICATED: { code: 'AUTH_FAILED', retryable: false },
  PERMISSION_DENIED: { code: 'AUTH_FAILED', retryable: false },
  NOT_FOUND: { code: 'NOT_FOUND', retryable: false },
  RESOURCE_EXHAUSTED: { code: 'RATE_LIMITED', retryable: true },
  INVALID_ARGUMENT: { code: 'UPSTREAM_ERROR', retryable: false },
  FAILED_PRECONDITION: { code: 'UPSTREAM_ERROR', retryable: false },
  ABORTED: { code: 'UPSTREAM_ERROR', retryable: true },
  UNAVAILABLE: { code: 'UPSTREAM_ERROR', retryable: true },
  INTERNAL: { code: 'UPSTREAM_ERROR', retryable: true },
  DEADLINE_EXCEEDED: { code: 'UPSTREAM_ERROR', retryable: true },
};

/** Reads Google's error body, `{ error: { code, message, status } }`. */
export function googleSheetsVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const error = (typeof response.data === 'object' && response.data !== null ? (response.data as GoogleErrorBody).error : undefined) ?? {};
  const info: VendorErrorInfo = { details: response.data };
  if (typeof error.message === 'string') info.message = typeof error.status === 'string' ? `${error.status}: ${error.message}` : error.message;
  const known = typeof error.status === 'string' ? STATUSES[error.status] : undefined;
  if (known) {
    info.code = known.code;
    info.retryable = known.retryable;
  }
  return info;
}
