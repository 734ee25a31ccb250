import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface StripeErrorBody {
  error?: {
    type?: string;
    code?: string;
    decline_code?: string;
    message?: string;
    param?: string;
  };
}

/**
 * Reads Stripe's `{ error: { type, code, message, param } }`. The status decides most codes;
 * the body refines them (`authentication_error`, `rate_limit_error` or code `rate_limit`,
 * `resource_missing`), and Stripe's `Stripe-Should-Retry` header, when present, decides whether a
 * retry can succeed.
 */
export function stripeVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const error = (typeof response.data === 'object' && response.data !== null ? (response.data as StripeErrorBody).error : undefined) ?? {};
  const info: VendorErrorInfo = { details: error };
  const detail = [error.type, error.code, error.decline_code, error.param && `param ${error.param}`].filter(Boolean).join(', ');
  if (error.message) info.message = detail ? `${error.message} (${detail})` : error.message;
  if (error.type === 'authentication_error') info.code = 'AUTH_FAILED';
  if (error.type === 'rate_limit_error' || error.code === 'rate_limit' || response.status === 429) info.code = 'RATE_LIMITED';
  if (error.code === 'resource_missing') info.code = 'NOT_FOUND';
  const shouldRetry = response.headers['stripe-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  return info;
}
