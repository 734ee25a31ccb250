import { PatchbayError, type PatchbayErrorOptions } from '@patchbay/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryAfterFailure, type RetryOptions } from './retry.js';
import { DEFAULT_RETRY_POLICY, isIdempotentRequest, planRetry, resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';

// retryAfterFailure sleeps with node:timers/promises, which vi.useFakeTimers does not reach; route it
// through the global setTimeout so the fake clock drives the backoff.
vi.mock('node:timers/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:timers/promises')>();
  const sleep = <T>(ms?: number, value?: T, options?: { signal?: AbortSignal }) =>
    new Promise<T>((resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value as T);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return { ...original, setTimeout: sleep };
});

/** A first attempt, then the retry loop after its failure: what BaseAPIClient does per request. */
function runWithRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, options: RetryOptions): Promise<T> {
  return attempt().catch((error: unknown) => retryAfterFailure(error, attempt, policy, options));
}

const POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, retries: 5, minDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: false };

function error(options: Partial<PatchbayErrorOptions> = {}): PatchbayError {
  return new PatchbayError({ code: 'UPSTREAM_ERROR', message: 'HTTP 503', retryable: true, status: 503, ...options });
}

function delayOf(plan: ReturnType<typeof planRetry>): number | undefined {
  return plan.retry ? plan.delayMs : undefined;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('isIdempotentRequest', () => {
  it('treats GET, HEAD, PUT, DELETE and OPTIONS as idempotent, POST and PATCH not', () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']) expect(isIdempotentRequest(method, undefined, {})).toBe(true);
    for (const method of ['POST', 'PATCH']) expect(isIdempotentRequest(method, undefined, {})).toBe(false);
  });

  it('treats a request with an Idempotency-Key as idempotent, and an explicit mark wins', () => {
    expect(isIdempotentRequest('POST', undefined, { 'idempotency-key': 'k1' })).toBe(true);
    expect(isIdempotentRequest('POST', true, {})).toBe(true);
    expect(isIdempotentRequest('GET', false, {})).toBe(false);
  });
});

describe('planRetry', () => {
  it('backs off exponentially from minDelayMs, capped at maxDelayMs', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => delayOf(planRetry(POLICY, { error: error(), attempt, idempotent: true })));
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
  });

  it('spreads a jittered wait over [delay/2, delay]', () => {
    const policy = { ...POLICY, jitter: true };
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(delayOf(planRetry(policy, { error: error(), attempt: 3, idempotent: true }))).toBe(200);
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    expect(delayOf(planRetry(policy, { error: error(), attempt: 3, idempotent: true }))).toBeCloseTo(400, 2);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(delayOf(planRetry(policy, { error: error(), attempt: 3, idempotent: true }))).toBe(300);
  });

  it('stops after `retries` retries', () => {
    expect(planRetry(POLICY, { error: error(), attempt: 5, idempotent: true }).retry).toBe(true);
    expect(planRetry(POLICY, { error: error(), attempt: 6, idempotent: true }).retry).toBe(false);
    expect(planRetry({ ...POLICY, retries: 0 }, { error: error(), attempt: 1, idempotent: true }).retry).toBe(false);
  });

  it('waits what Retry-After asked instead of the backoff', () => {
    expect(delayOf(planRetry(POLICY, { error: error({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 7000 }), attempt: 1, idempotent: true }))).toBe(7000);
    expect(delayOf(planRetry(POLICY, { error: error({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 0 }), attempt: 4, idempotent: true }))).toBe(0);
  });

  it('does not retry when the server asks for longer than maxRetryAfterMs', () => {
    const policy = { ...POLICY, maxRetryAfterMs: 5000 };
    expect(planRetry(policy, { error: error({ code: 'RATE_LIMITED', retryAfterMs: 5000 }), attempt: 1, idempotent: true }).retry).toBe(true);
    expect(planRetry(policy, { error: error({ code: 'RATE_LIMITED', retryAfterMs: 5001 }), attempt: 1, idempotent: true }).retry).toBe(false);
  });

  it('does not repeat a non-idempotent request the server may have acted on', () => {
    for (const code of ['UPSTREAM_ERROR', 'TIMEOUT', 'NETWORK_ERROR'] as const) {
      expect(planRetry(POLICY, { error: error({ code }), attempt: 1, idempotent: false }).retry, code).toBe(false);
    }
  });

  it('repeats a non-idempotent request refused by a rate limit or that never left this machine', () => {
    expect(planRetry(POLICY, { error: error({ code: 'RATE_LIMITED', status: 429 }), attempt: 1, idempotent: false }).retry).toBe(true);
    const refused = error({ code: 'NETWORK_ERROR', status: undefined, details: { sent: false } });
    expect(planRetry(POLICY, { error: refused, attempt: 1, idempotent: false }).retry).toBe(true);
  });

  it('never retries an abort or an error that is not retryable', () => {
    expect(planRetry(POLICY, { error: error({ code: 'ABORTED', retryable: true }), attempt: 1, idempotent: true }).retry).toBe(false);
    for (const code of ['AUTH_FAILED', 'NOT_FOUND', 'VALIDATION_FAILED'] as const) {
      expect(planRetry(POLICY, { error: error({ code, retryable: false }), attempt: 1, idempotent: true }).retry).toBe(false);
    }
  });

  it('lets shouldRetry override the decision but not the retry budget', () => {
    const always: RetryPolicy = { ...POLICY, retries: 2, shouldRetry: () => true };
    expect(planRetry(always, { error: error({ code: 'NOT_FOUND', retryable: false }), attempt: 2, idempotent: false }).retry).toBe(true);
    expect(planRetry(always, { error: error(), attempt: 3, idempotent: true }).retry).toBe(false);
    const never: RetryPolicy = { ...POLICY, shouldRetry: () => false };
    expect(planRetry(never, { error: error(), attempt: 1, idempotent: true }).retry).toBe(false);
    const keep: RetryPolicy = { ...POLICY, shouldRetry: () => undefined };
    expect(planRetry(keep, { error: error(), attempt: 1, idempotent: false }).retry).toBe(false);
  });

  it('lets delay override the wait, Retry-After included', () => {
    const policy: RetryPolicy = { ...POLICY, delay: ({ attempt }) => (attempt === 1 ? 5 : undefined) };
    expect(delayOf(planRetry(policy, { error: error({ retryAfterMs: 9000 }), attempt: 1, idempotent: true }))).toBe(5);
    expect(delayOf(planRetry(policy, { error: error(), attempt: 2, idempotent: true }))).toBe(200);
  });

  it('merges overrides over the defaults', () => {
    expect(resolveRetryPolicy(undefined)).toBe(DEFAULT_RETRY_POLICY);
    expect(resolveRetryPolicy({ retries: 1 })).toEqual({ ...DEFAULT_RETRY_POLICY, retries: 1 });
  });
});

describe('retryAfterFailure timing (fake timers)', () => {
  it('waits the backoff between attempts', async () => {
    vi.useFakeTimers();
    const startedAt: number[] = [];
    const attempt = vi.fn(async () => {
      startedAt.push(Date.now());
      if (startedAt.length < 4) throw error();
      return 'done';
    });
    const start = Date.now();
    const result = runWithRetry(attempt, { ...POLICY, retries: 3 }, { idempotent: true, signal: undefined });

    await vi.advanceTimersByTimeAsync(99);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1 + 400);
    await expect(result).resolves.toBe('done');
    expect(startedAt.map((time) => time - start)).toEqual([0, 100, 300, 700]);
  });

  it('waits exactly the Retry-After delay', async () => {
    vi.useFakeTimers();
    const attempt = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(error({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 2500 }))
      .mockResolvedValueOnce('ok');
    const result = runWithRetry(attempt, POLICY, { idempotent: false, signal: undefined });
    await vi.advanceTimersByTimeAsync(2499);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('reports each retry with its attempt number and delay', async () => {
    vi.useFakeTimers();
    const onRetry = vi.fn();
    const attempt = vi.fn<() => Promise<string>>().mockRejectedValueOnce(error()).mockRejectedValueOnce(error()).mockResolvedValueOnce('ok');
    const result = runWithRetry(attempt, POLICY, { idempotent: true, signal: undefined, onRetry });
    await vi.advanceTimersByTimeAsync(300);
    await expect(result).resolves.toBe('ok');
    expect(onRetry.mock.calls.map(([failure, number, delayMs]) => [(failure as PatchbayError).code, number, delayMs])).toEqual([
      ['UPSTREAM_ERROR', 1, 100],
      ['UPSTREAM_ERROR', 2, 200],
    ]);
  });

  it('throws the last error once the retries are spent', async () => {
    vi.useFakeTimers();
    const attempt = vi.fn(async () => {
      throw error();
    });
    const result = runWithRetry(attempt, { ...POLICY, retries: 2 }, { idempotent: true, signal: undefined });
    const settled = expect(result).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('does not retry an error that is not a PatchbayError', async () => {
    const attempt = vi.fn(async () => {
      throw new TypeError('a bug');
    });
    await expect(runWithRetry(attempt, POLICY, { idempotent: true, signal: undefined })).rejects.toThrow('a bug');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('turns an abort during the backoff into ABORTED and makes no further attempt', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const attempt = vi.fn(async () => {
      throw error();
    });
    const result = runWithRetry(attempt, POLICY, { idempotent: true, signal: controller.signal });
    const settled = expect(result).rejects.toMatchObject({ code: 'ABORTED' });
    await vi.advanceTimersByTimeAsync(50);
    controller.abort();
    await vi.advanceTimersByTimeAsync(5000);
    await settled;
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
