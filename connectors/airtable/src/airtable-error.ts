import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

/** Airtable documents a 30 s wait after a 429 and sends no `Retry-After`. */
export const AIRTABLE_RATE_LIMIT_WAIT_MS = 30_000;

const TYPES: Record<string, ErrorCode> = {
  AUTHENTICATION_REQUIRED: 'AUTH_FAILED',
  NOT_AUTHORIZED: 'AUTH_FAILED',
  // Airtable answers 403 both for a token without access and for a base or table that does not
  // exist, on purpose; a typo in a table name is the commoner cause, and reconnecting fixes neither.
  INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: 'NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  MODEL_ID_NOT_FOUND: 'NOT_FOUND',
  TABLE_NOT_FOUND: 'NOT_FOUND',
  RATE_LIMIT_REACHED: 'RATE_LIMITED',
};

/**
 * Reads Airtable's error bodies: `{ error: { type, message } }`, `{ error: 'NOT_FOUND' }` and, for a
 * 429, `{ errors: [{ error: 'RATE_LIMIT_REACHED', message }] }`.
 */
export function airtableVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as {
    error?: string | { type?: string; message?: string };
    errors?: { error?: string; message?: string }[];
  };
  const nested = typeof body.error === 'object' ? body.error : undefined;
  const listed = Array.isArray(body.errors) ? body.errors[0] : undefined;
  const type = nested?.type ?? (typeof body.error === 'string' ? body.error : undefined) ?? listed?.error;
  const message = nested?.message ?? listed?.message;
  const info: VendorErrorInfo = { details: body };
  if (type !== undefined) info.message = message ? `${type}: ${message}` : type;
  const code = type === undefined ? undefined : TYPES[type];
  if (code) info.code = code;
  if (response.status === 429 || code === 'RATE_LIMITED') {
    info.code = 'RATE_LIMITED';
    info.retryAfterMs = AIRTABLE_RATE_LIMIT_WAIT_MS;
  }
  return info;
}
