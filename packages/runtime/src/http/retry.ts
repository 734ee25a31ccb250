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
 * Runs `attempt` under the retry policy. p-retry drives the loop; the wait is computed by the
 * policy (it honours `Retry-After`, which p-retry's own backoff cannot), so p-retry's is zero.
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, options: RetryOptions): Promise<T> {
  try {
    return await pRetry(attempt, {
      retries: policy.retries,
      minTimeout: 0,
      randomize: false,
      signal: options.signal,
      shouldRetry: async ({ error, attemptNumber }) => {
        if (!PatchbayError.isInstance(error)) return false;
        const plan = planRetry(policy, { error, attempt: attemptNumber, idempotent: options.idempotent });
        if (!plan.retry) return false;
        options.onRetry?.(error, attemptNumber, plan.delayMs);
        if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: options.signal });
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
