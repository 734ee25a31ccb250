import { describe, expect, it } from 'vitest';
import { normalizeRateLimitRule, normalizeRateLimits } from './rate-limit-rules.js';

describe('normalizeRateLimitRule', () => {
  it('merges rules field by field, later ones winning', () => {
    expect(normalizeRateLimitRule({ limit: 100, intervalMs: 60_000, maxConcurrent: 10 }, { maxConcurrent: 2, minTimeMs: 50 })).toEqual({
      limit: 100,
      intervalMs: 60_000,
      maxConcurrent: 2,
      minTimeMs: 50,
    });
  });

  it('drops a limit without an interval and an interval without a limit', () => {
    expect(normalizeRateLimitRule({ limit: 5 })).toBeUndefined();
    expect(normalizeRateLimitRule({ intervalMs: 1000, maxConcurrent: 3 })).toEqual({ maxConcurrent: 3 });
  });

  it('drops zeros, negatives, infinities and non-numbers, and rounds counts down to at least 1', () => {
    expect(normalizeRateLimitRule({ limit: 0, intervalMs: -1, maxConcurrent: Number.POSITIVE_INFINITY, minTimeMs: Number.NaN })).toBeUndefined();
    expect(normalizeRateLimitRule({ limit: '5' as unknown as number, intervalMs: 1000 })).toBeUndefined();
    expect(normalizeRateLimitRule({ limit: 2.9, intervalMs: 1000, maxConcurrent: 0.5 })).toEqual({ limit: 2, intervalMs: 1000, maxConcurrent: 1 });
  });

  it('means "no limit" with no rules', () => {
    expect(normalizeRateLimitRule()).toBeUndefined();
    expect(normalizeRateLimitRule(undefined, {})).toBeUndefined();
  });
});

describe('normalizeRateLimits', () => {
  it('lets the connection override the module and collects each operation\'s hint', () => {
    const limits = normalizeRateLimits({ limit: 5000, intervalMs: 3_600_000 }, { maxConcurrent: 4 }, {
      'issues.create': { kind: 'action', displayName: 'Create', inputSchema: {}, rateLimit: { minTimeMs: 1000 } },
      'issues.list': { kind: 'action', displayName: 'List', inputSchema: {} },
      'issues.bad': { kind: 'action', displayName: 'Bad', inputSchema: {}, rateLimit: { limit: 1 } },
    });
    expect(limits).toEqual({
      connection: { limit: 5000, intervalMs: 3_600_000, maxConcurrent: 4 },
      operations: { 'issues.create': { minTimeMs: 1000 } },
    });
  });
});
