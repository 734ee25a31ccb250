import type { RateLimitState } from '@patchbay/contract';
import { parseResetTime, type HttpResponse, type VendorErrorInfo } from '@patchbay/runtime';

interface JiraErrorBody {
  errorMessages?: unknown[];
  errors?: Record<string, unknown>;
}

/**
 * Reads Jira's error body, `{ errorMessages: [...], errors: { field: message } }`: the messages
 * and each field's complaint become one readable message; the status decides the code.
 */
export function jiraVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as JiraErrorBody;
  const info: VendorErrorInfo = { details: body };
  const messages = (Array.isArray(body.errorMessages) ? body.errorMessages : []).filter((message) => typeof message === 'string');
  const fields = Object.entries(body.errors ?? {}).map(([field, message]) => `${field}: ${String(message)}`);
  const parts = [...messages, ...fields];
  if (parts.length > 0) info.message = parts.join('; ');
  else if (typeof response.data === 'string' && response.data !== '') info.message = response.data.slice(0, 300);
  return info;
}

/**
 * Jira Cloud's `X-RateLimit-Reset` is an ISO 8601 timestamp (`2026-11-25T21:30Z`), not epoch
 * seconds; `X-RateLimit-Remaining` and `-Limit` are counts as elsewhere.
 */
export function jiraRateLimitState(headers: Record<string, string>): RateLimitState | undefined {
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = headers['x-ratelimit-reset'];
  const state: RateLimitState = {};
  if (headers['x-ratelimit-limit'] !== undefined && !Number.isNaN(limit)) state.limit = limit;
  if (headers['x-ratelimit-remaining'] !== undefined && !Number.isNaN(remaining)) state.remaining = remaining;
  if (reset !== undefined) {
    const resetAt = /^\d{4}-\d{2}-\d{2}T/.test(reset) ? Date.parse(reset) : parseResetTime(reset);
    if (resetAt !== undefined && !Number.isNaN(resetAt)) state.resetAt = resetAt;
  }
  return Object.keys(state).length > 0 ? state : undefined;
}
