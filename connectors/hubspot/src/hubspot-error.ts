import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface HubspotErrorBody {
  status?: string;
  message?: string;
  correlationId?: string;
  category?: string;
  errorType?: string;
  policyName?: string;
}

const CATEGORIES: Record<string, ErrorCode> = {
  INVALID_AUTHENTICATION: 'AUTH_FAILED',
  MISSING_SCOPES: 'AUTH_FAILED',
  OBJECT_NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITS: 'RATE_LIMITED',
};

/**
 * Reads HubSpot's error body, `{ status: 'error', message, correlationId, category }`, and its 429
 * body, `{ errorType: 'RATE_LIMIT', policyName }`. A spent daily allowance (`DAILY`) lasts until
 * midnight, so it is `RATE_LIMITED` but not retryable; burst limits are retried.
 */
export function hubspotVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as HubspotErrorBody;
  const info: VendorErrorInfo = { details: body };
  const label = body.category ?? body.policyName;
  if (typeof body.message === 'string') {
    info.message = [label, body.message].filter(Boolean).join(': ') + (body.correlationId ? ` (correlationId ${body.correlationId})` : '');
  }
  if (body.errorType === 'RATE_LIMIT' || response.status === 429) {
    info.code = 'RATE_LIMITED';
    info.retryable = body.policyName !== 'DAILY';
    return info;
  }
  const code = body.category === undefined ? undefined : CATEGORIES[body.category];
  if (code) info.code = code;
  return info;
}
