import type { PatchbayError } from '@patchbay/contract';

export interface RetryContext {
  error: PatchbayError;
  /** 1 for the first attempt. */
  attempt: number;
  /** Whether repeating the request cannot change state twice. */
  idempotent: boolean;
}

/** Retry policy as data, with hooks for the cases data cannot express. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Spread waits over [delay/2, delay] so clients that failed together do not retry together. */
  jitter: boolean;
  /** A server asking for a longer wait than this is not retried; the call fails with its code. */
  maxRetryAfterMs: number;
  /** Return a boolean to override the default decision, `undefined` to keep it. */
  shouldRetry?: (context: RetryContext) => boolean | undefined;
  /** Return milliseconds to override the computed wait, `undefined` to keep it. */
  delay?: (context: RetryContext) => number | undefined;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  minDelayMs: 200,
  maxDelayMs: 10_000,
  factor: 2,
  jitter: true,
  maxRetryAfterMs: 60_000,
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export function isIdempotentRequest(method: string, marked: boolean | undefined, headers: Record<string, string>): boolean {
  if (marked !== undefined) return marked;
  return IDEMPOTENT_METHODS.has(method) || 'idempotency-key' in headers;
}

/**
 * Decides whether and when to try again. A request that may have changed state is repeated only
 * when the server refused it outright (a rate limit) or it never left this machine.
 */
export function planRetry(policy: RetryPolicy, context: RetryContext): { retry: false } | { retry: true; delayMs: number } {
  const { error, attempt, idempotent } = context;
  const safe =
    idempotent || error.code === 'RATE_LIMITED' || (error.details as { sent?: boolean } | undefined)?.sent === false;
  let retry = error.retryable && error.code !== 'ABORTED' && safe && attempt <= policy.retries;
  if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) retry = false;
  const override = policy.shouldRetry?.(context);
  if (override !== undefined) retry = override && attempt <= policy.retries;
  if (!retry) return { retry: false };

  const custom = policy.delay?.(context);
  if (custom !== undefined) return { retry: true, delayMs: custom };
  if (error.retryAfterMs !== undefined) return { retry: true, delayMs: error.retryAfterMs };
  const backoff = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (attempt - 1));
  return { retry: true, delayMs: policy.jitter ? backoff / 2 + Math.random() * (backoff / 2) : backoff };
}

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  return overrides ? { ...DEFAULT_RETRY_POLICY, ...overrides } : DEFAULT_RETRY_POLICY;
}
