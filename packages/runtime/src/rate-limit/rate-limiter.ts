import type { RateLimitRule } from '@patchbay/contract';

/**
 * Admits requests under a rule. `schedule` runs the task when a slot is free and holds the slot
 * (for `maxConcurrent`) until the task settles.
 */
export interface RateLimiter {
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
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
