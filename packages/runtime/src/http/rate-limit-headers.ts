import type { RateLimitState } from '@patchbay/contract';

/** `Retry-After` as milliseconds from now: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // Every HTTP-date form carries hh:mm:ss; without this check V8's lenient Date.parse reads
  // values like "-5" or "1 2" as dates in 2001, which would mean "retry now".
  if (!/\d{2}:\d{2}:\d{2}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Go-style durations some vendors use for resets (`6m0s`, `1.5s`, `20ms`), in milliseconds. */
export function parseDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = '';
  for (const match of value.trim().matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * units[match[2]!]!;
    matched += match[0];
  }
  return matched.length > 0 && matched === value.trim() ? Math.ceil(total) : undefined;
}

/**
 * A reset value as epoch milliseconds. Vendors send epoch seconds (GitHub), epoch milliseconds,
 * seconds from now (IETF `RateLimit-Reset`) or durations (OpenAI): told apart by magnitude and form.
 */
export function parseResetTime(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) {
    const duration = parseDuration(value);
    if (duration !== undefined) return now + duration;
    // An ISO 8601 timestamp (Jira's `2026-11-25T21:30Z`); the date check keeps V8's lenient
    // Date.parse from reading arbitrary text as a date.
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return undefined;
    const date = Date.parse(value.trim());
    return Number.isNaN(date) ? undefined : date;
  }
  if (number > 1e12) return number;
  if (number > 1e9) return number * 1000;
  return now + number * 1000;
}

/**
 * Header names of one rate-limit budget a vendor reports. `reset` may be epoch seconds or
 * milliseconds, seconds from now, a duration or an ISO timestamp; `window` names a header giving
 * the window's length in milliseconds, for vendors whose rolling window names no reset time.
 */
export interface RateLimitHeaderNames {
  limit?: string;
  remaining?: string;
  reset?: string;
  window?: string;
}

/** The common `X-RateLimit-*` headers, then the IETF `RateLimit-*` ones. */
export const STANDARD_RATE_LIMIT_HEADERS: readonly RateLimitHeaderNames[] = [
  { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
  { limit: 'ratelimit-limit', remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' },
];

/**
 * Reads rate-limit state from response headers. A vendor may report several budgets (requests
 * and tokens, requests and query complexity): the state is the spent budget that resets last, so
 * a wait lasts until every spent one is free again, or else the first budget reported.
 */
export function readRateLimitState(
  headers: Record<string, string>,
  budgets: readonly RateLimitHeaderNames[] = STANDARD_RATE_LIMIT_HEADERS,
  now = Date.now(),
): RateLimitState | undefined {
  let first: RateLimitState | undefined;
  let spent: RateLimitState | undefined;
  for (const names of budgets) {
    const state = readBudget(headers, names, now);
    if (state === undefined) continue;
    first ??= state;
    if (state.remaining === 0 && (spent === undefined || (state.resetAt ?? Infinity) > (spent.resetAt ?? Infinity))) spent = state;
  }
  return spent ?? first;
}

function readBudget(headers: Record<string, string>, names: RateLimitHeaderNames, now: number): RateLimitState | undefined {
  const limit = names.limit === undefined ? undefined : headers[names.limit];
  const remaining = names.remaining === undefined ? undefined : headers[names.remaining];
  const reset = names.reset === undefined ? undefined : headers[names.reset];
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  const state: RateLimitState = {};
  if (limit !== undefined && limit.trim() !== '' && !Number.isNaN(Number(limit))) state.limit = Number(limit);
  if (remaining !== undefined && remaining.trim() !== '' && !Number.isNaN(Number(remaining))) state.remaining = Number(remaining);
  const resetAt = parseResetTime(reset, now);
  if (resetAt !== undefined) state.resetAt = resetAt;
  else if (state.remaining === 0 && names.window !== undefined) {
    // A rolling window that names no reset is free again at most one whole window from now.
    const windowMs = Number(headers[names.window]);
    if (windowMs > 0) state.resetAt = now + windowMs;
  }
  return state;
}
