import { setTimeout as sleep } from 'node:timers/promises';
import { PatchbayError } from '@patchbay/contract';
import pRetry from 'p-retry';
import { remainingMs, type CallDeadline } from './call-deadline.js';
import { planRetry, type RetryPolicy } from './retry-policy.js';

export interface RetryOptions {
  idempotent: boolean;
  signal: AbortSignal | undefined;
  /** No retry starts whose wait would end after it: the call ends with the last failure instead. */
  deadline?: CallDeadline;
  onRetry?: (error: PatchbayError, attempt: number, delayMs: number) => void;
}

/**
 * Continues a call whose first attempt failed with `error`: rethrows it unless the policy retries
 * it, otherwise p-retry drives the remaining attempts. The wait comes from the policy (it honours
 * `Retry-After`, which p-retry's own backoff cannot), so p-retry's is zero.
 */
export async function retryAfterFailure<T>(error: unknown, attempt: () => Promise<T>, policy: RetryPolicy, options: RetryOptions): Promise<T> {
  try {
    await waitBeforeRetry(error, 1, policy, options);
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
  if (!plan.retry || plan.delayMs >= remainingMs(options.deadline)) throw error;
  options.onRetry?.(error, attempt, plan.delayMs);
  if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: options.signal });
}
