import { setTimeout as sleep } from 'node:timers/promises';
import { PatchbayError } from '@patchbay/contract';
import pRetry from 'p-retry';
import { planRetry, type RetryPolicy } from './retry-policy.js';

export interface RetryOptions {
  idempotent: boolean;
  signal: AbortSignal | undefined;
  onRetry?: (error: PatchbayError, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` under the retry policy. The first attempt runs directly: most calls succeed, and
 * p-retry copies and validates its options on every call, a cost measured on the hot path. After a
 * failure p-retry drives the loop; the wait comes from the policy (it honours `Retry-After`, which
 * p-retry's own backoff cannot), so p-retry's is zero.
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, options: RetryOptions): Promise<T> {
  try {
    options.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      await waitBeforeRetry(error, 1, policy, options);
    }
    return await pRetry(attempt, {
      retries: policy.retries - 1,
      minTimeout: 0,
      randomize: false,
      signal: options.signal,
      shouldRetry: async ({ error, attemptNumber }) => {
        await waitBeforeRetry(error, attemptNumber + 1, policy, options);
        return true;
      },
    });
  } catch (error) {
    if (options.signal?.aborted && !(PatchbayError.isInstance(error) && error.code === 'ABORTED')) {
      throw new PatchbayError({ code: 'ABORTED', message: 'The call was aborted', cause: error });
    }
    throw error;
  }
}

/** Rethrows `error` unless the policy retries it; otherwise waits the planned delay. */
async function waitBeforeRetry(error: unknown, attempt: number, policy: RetryPolicy, options: RetryOptions): Promise<void> {
  if (!PatchbayError.isInstance(error)) throw error;
  const plan = planRetry(policy, { error, attempt, idempotent: options.idempotent });
  if (!plan.retry) throw error;
  options.onRetry?.(error, attempt, plan.delayMs);
  if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: options.signal });
}
