import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface NotionErrorBody {
  object?: string;
  status?: number;
  code?: string;
  message?: string;
}

// Notion's documented error codes; the status alone would say the same for most, but
// `restricted_resource` (403) is a missing capability and `conflict_error` (409) is safe to retry.
const CODES: Record<string, { code: ErrorCode; retryable: boolean }> = {
  unauthorized: { code: 'AUTH_FAILED', retryable: false },
  restricted_resource: { code: 'AUTH_FAILED', retryable: false },
  object_not_found: { code: 'NOT_FOUND', retryable: false },
  rate_limited: { code: 'RATE_LIMITED', retryable: true },
  validation_error: { code: 'UPSTREAM_ERROR', retryable: false },
  invalid_json: { code: 'UPSTREAM_ERROR', retryable: false },
  invalid_request_url: { code: 'UPSTREAM_ERROR', retryable: false },
  invalid_request: { code: 'UPSTREAM_ERROR', retryable: false },
  missing_version: { code: 'UPSTREAM_ERROR', retryable: false },
  conflict_error: { code: 'UPSTREAM_ERROR', retryable: true },
  internal_server_error: { code: 'UPSTREAM_ERROR', retryable: true },
  service_unavailable: { code: 'UPSTREAM_ERROR', retryable: true },
  database_connection_unavailable: { code: 'UPSTREAM_ERROR', retryable: true },
  gateway_timeout: { code: 'UPSTREAM_ERROR', retryable: true },
};

/** Reads Notion's error body, `{ object: 'error', status, code, message }`. */
export function notionVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as NotionErrorBody;
  const info: VendorErrorInfo = { details: body };
  if (typeof body.message === 'string') info.message = typeof body.code === 'string' ? `${body.code}: ${body.message}` : body.message;
  const known = typeof body.code === 'string' ? CODES[body.code] : undefined;
  if (known) {
    info.code = known.code;
    info.retryable = known.retryable;
  }
  return info;
}
