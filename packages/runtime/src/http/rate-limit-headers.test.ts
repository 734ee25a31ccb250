import { describe, expect, it } from 'vitest';
import { parseDuration, parseResetTime, parseRetryAfter, readRateLimitState } from './rate-limit-headers.js';

const NOW = Date.UTC(2025, 4, 6, 12, 0, 0); // 2025-05-06T12:00:00Z

describe('parseRetryAfter', () => {
  it('reads delta seconds, whole or fractional, as milliseconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1', NOW)).toBe(1000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter('0.0001', NOW)).toBe(1); // rounded up, never to an instant retry
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Tue, 06 May 2025 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 2500).toUTCString(), NOW)).toBe(2000); // HTTP dates have whole seconds
  });

  it('reads the obsolete RFC 850 and asctime date forms', () => {
    expect(parseRetryAfter('Tuesday, 06-May-25 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Tue May  6 12:00:10 2025', NOW + new Date(NOW).getTimezoneOffset() * 60_000)).toBe(10_000); // V8 reads asctime as local time
  });

  it('clamps a date in the past to zero', () => {
    expect(parseRetryAfter('Tue, 06 May 2025 11:59:00 GMT', NOW)).toBe(0);
  });

  it('ignores empty, negative and unparseable values rather than retrying at once', () => {
    // V8's Date.parse alone reads "-5", "+5" and "foo 12" as dates in 2001 (a wait of 0).
    for (const value of [undefined, '', '   ', '-5', '+5', '-1.5', 'foo 12', '1 2', 'soon', '1e3s']) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });
});

describe('parseDuration', () => {
  it('reads Go-style durations', () => {
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1h2m3s')).toBe(3_723_000);
    expect(parseDuration('2m30.5s')).toBe(150_500);
    expect(parseDuration('0.4ms')).toBe(1);
  });

  it('refuses anything that is not wholly a duration', () => {
    for (const value of [undefined, '', '15', 'abc', '6m0sx', 'x6m', '6 m', '1.5']) {
      expect(parseDuration(value), String(value)).toBeUndefined();
    }
  });
});

describe('parseResetTime', () => {
  it('tells epoch seconds, epoch milliseconds and delta seconds apart by magnitude', () => {
    const epochSeconds = Math.floor(NOW / 1000) + 60;
    expect(parseResetTime(String(epochSeconds), NOW)).toBe(epochSeconds * 1000);
    expect(parseResetTime(String(NOW + 1234), NOW)).toBe(NOW + 1234);
    expect(parseResetTime('30', NOW)).toBe(NOW + 30_000);
    expect(parseResetTime('0', NOW)).toBe(NOW);
  });

  it('reads durations relative to now', () => {
    expect(parseResetTime('6m0s', NOW)).toBe(NOW + 360_000);
    expect(parseResetTime('1.5s', NOW)).toBe(NOW + 1500);
    expect(parseResetTime('20ms', NOW)).toBe(NOW + 20);
  });

  it('ignores what it cannot read', () => {
    expect(parseResetTime(undefined, NOW)).toBeUndefined();
    expect(parseResetTime('', NOW)).toBeUndefined();
    expect(parseResetTime('later', NOW)).toBeUndefined();
  });
});

describe('readRateLimitState', () => {
  it('reads X-RateLimit-* headers (GitHub)', () => {
    const reset = Math.floor(NOW / 1000) + 10;
    expect(
      readRateLimitState({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, undefined, NOW),
    ).toEqual({ limit: 5000, remaining: 0, resetAt: reset * 1000 });
  });

  it('reads IETF RateLimit-* headers, whose reset is delta seconds', () => {
    expect(readRateLimitState({ 'ratelimit-limit': '100', 'ratelimit-remaining': '7', 'ratelimit-reset': '12' }, undefined, NOW)).toEqual({
      limit: 100,
      remaining: 7,
      resetAt: NOW + 12_000,
    });
  });

  it('returns undefined without any rate-limit header and drops unparseable fields', () => {
    expect(readRateLimitState({ 'content-type': 'application/json' }, undefined, NOW)).toBeUndefined();
    expect(readRateLimitState({ 'x-ratelimit-limit': 'many', 'x-ratelimit-remaining': '3' }, undefined, NOW)).toEqual({ remaining: 3 });
  });

  it("reads a vendor's budgets and reports the one that is spent (OpenAI requests and tokens)", () => {
    const budgets = [
      { limit: 'x-ratelimit-limit-requests', remaining: 'x-ratelimit-remaining-requests', reset: 'x-ratelimit-reset-requests' },
      { limit: 'x-ratelimit-limit-tokens', remaining: 'x-ratelimit-remaining-tokens', reset: 'x-ratelimit-reset-tokens' },
    ];
    const headers = {
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6m0s',
    };
    expect(readRateLimitState(headers, budgets, NOW)).toEqual({ limit: 30000, remaining: 0, resetAt: NOW + 360_000 });
    const bothSpent = { ...headers, 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '7m' };
    expect(readRateLimitState(bothSpent, budgets, NOW)).toEqual({ limit: 500, remaining: 0, resetAt: NOW + 420_000 });
    expect(readRateLimitState({ ...headers, 'x-ratelimit-remaining-tokens': '10' }, budgets, NOW)).toEqual({
      limit: 500,
      remaining: 499,
      resetAt: NOW + 120,
    });
  });

  it('waits one whole window when a spent rolling budget names no reset (HubSpot), and reads ISO resets (Jira)', () => {
    const hubspot = [{ limit: 'x-hubspot-ratelimit-max', remaining: 'x-hubspot-ratelimit-remaining', window: 'x-hubspot-ratelimit-interval-milliseconds' }];
    const spent = { 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' };
    expect(readRateLimitState(spent, hubspot, NOW)).toEqual({ limit: 100, remaining: 0, resetAt: NOW + 10_000 });
    expect(readRateLimitState({ ...spent, 'x-hubspot-ratelimit-remaining': '4' }, hubspot, NOW)).toEqual({ limit: 100, remaining: 4 });
    const resetAt = Date.parse('2026-11-25T21:30Z');
    expect(readRateLimitState({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-11-25T21:30Z' }, undefined, NOW)).toEqual({ remaining: 0, resetAt });
    expect(parseResetTime('not a date', NOW)).toBeUndefined();
  });
});
