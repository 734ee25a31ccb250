import { PatchbayError } from '@patchbay/contract';
import type { CallDeadline } from '../http/call-deadline.js';

/**
 * A rate-limit slot would come after the call's deadline: the call ends now as RATE_LIMITED, with
 * the wait when it is known, instead of holding the caller for as long as the quota takes to free
 * up. No request was sent and no server answered, so there is no status.
 */
export function slotAfterDeadline(deadline: CallDeadline, waitMs: number | undefined): PatchbayError {
  const known = waitMs !== undefined && Number.isFinite(waitMs) && waitMs > 0;
  return new PatchbayError({
    code: 'RATE_LIMITED',
    retryable: true,
    retryAfterMs: known ? Math.ceil(waitMs) : undefined,
    message: known
      ? `The connection's rate limit frees a slot in ${Math.ceil(waitMs)} ms, after this call's ${deadline.totalMs} ms deadline (nothing was sent)`
      : `No rate-limit slot became free within this call's ${deadline.totalMs} ms deadline (nothing was sent)`,
  });
}
