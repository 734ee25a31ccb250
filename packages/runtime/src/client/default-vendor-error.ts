import type { HttpResponse } from '../http/request-options.js';
import type { VendorErrorInfo } from '../http/response-error.js';

/**
 * Reads the common error body fields of an error status: `message`, `error.message`,
 * `error_description` and `error`. Used when a connector declares no `vendorError` of its own.
 */
export function defaultVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = response.data as Record<string, unknown> | string | null;
  if (typeof body === 'string') return body ? { message: body.slice(0, 300) } : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const nested = body.error as Record<string, unknown> | string | undefined;
  const message =
    (typeof body.message === 'string' && body.message) ||
    (typeof nested === 'object' && typeof nested?.message === 'string' && nested.message) ||
    (typeof body.error_description === 'string' && body.error_description) ||
    (typeof nested === 'string' && nested) ||
    undefined;
  return message ? { message, details: body } : { details: body };
}
