import type { RateLimitRule } from '@patchbay/contract';
import type { CallDeadline } from '../http/call-deadline.js';

/**
 * Admits requests under a rule. `schedule` runs the task when a slot is free and holds the slot
 * (for `maxConcurrent`) until the task settles. A call never waits past its `deadline`: when the
 * slot would come later, `schedule` rejects with RATE_LIMITED (and `retryAfterMs` when the wait is
 * known) at once, or at the deadline when the wait could not be known in advance.
 */
export interface RateLimiter {
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal, deadline?: CallDeadline): Promise<T>;
  /**
   * Optional fast path: starts one request now when the rule admits it without waiting and returns
   * the function to call, exactly once, when that request settles; `undefined` means the request
   * has to go through `schedule`. A limiter that must ask elsewhere (Redis) leaves it out.
   */
  tryAcquire?(): (() => void) | undefined;
  /** The server said the quota is spent until `epochMs`: hold every request until then. */
  pauseUntil(epochMs: number): void;
  /** Releases timers and external resources. Pending tasks are rejected. */
  close(): Promise<void>;
}

/** Builds the limiter for one key (a connection, or a connection's operation). */
export type RateLimiterFactory = (key: string, rule: RateLimitRule) => RateLimiter;
