import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface GraphQLError {
  message?: string;
  extensions?: { code?: string; type?: string; userPresentableMessage?: string };
}

const CODES: Record<string, { code: ErrorCode; retryable: boolean }> = {
  RATELIMITED: { code: 'RATE_LIMITED', retryable: true },
  AUTHENTICATION_ERROR: { code: 'AUTH_FAILED', retryable: false },
  FORBIDDEN: { code: 'AUTH_FAILED', retryable: false },
  INTERNAL_SERVER_ERROR: { code: 'UPSTREAM_ERROR', retryable: true },
};

/**
 * Reads GraphQL `errors`, which Linear sends with HTTP 200 (a field that failed) or 400 (the
 * whole request refused). Any error fails the call: a partial result would look like success.
 * The code comes from `extensions.code`; "Entity not found" is Linear's way of saying 404.
 */
export function linearVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as { errors?: GraphQLError[] };
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (errors.length === 0) return response.status >= 400 ? { details: response.data } : undefined;
  const first = errors[0]!;
  const info: VendorErrorInfo = {
    message: errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message ?? 'unknown error'}`).join('; '),
    details: errors,
  };
  const known = first.extensions?.code === undefined ? undefined : CODES[first.extensions.code];
  if (known) {
    info.code = known.code;
    info.retryable = known.retryable;
  } else if (/^Entity not found/i.test(first.message ?? '')) {
    info.code = 'NOT_FOUND';
    info.retryable = false;
  } else {
    info.code = 'UPSTREAM_ERROR';
    info.retryable = false;
  }
  return info;
}
