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
    return duration === undefined ? undefined : now + duration;
  }
  if (number > 1e12) return number;
  if (number > 1e9) return number * 1000;
  return now + number * 1000;
}

/** Reads the common `X-RateLimit-*` and IETF `RateLimit-*` headers. */
export function readRateLimitState(headers: Record<string, string>, now = Date.now()): RateLimitState | undefined {
  const limit = headers['x-ratelimit-limit'] ?? headers['ratelimit-limit'];
  const remaining = headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining'];
  const reset = headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'];
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  const state: RateLimitState = {};
  if (limit !== undefined && !Number.isNaN(Number(limit))) state.limit = Number(limit);
  if (remaining !== undefined && !Number.isNaN(Number(remaining))) state.remaining = Number(remaining);
  const resetAt = parseResetTime(reset, now);
  if (resetAt !== undefined) state.resetAt = resetAt;
  return state;
}
