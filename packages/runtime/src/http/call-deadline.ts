import { PatchbayError } from '@patchbay/contract';

/**
 * The whole-call budget. A call (one `execute`) must end by its deadline, an epoch time in
 * milliseconds, whatever it is waiting for: an HTTP attempt, a retry's backoff, a rate-limit slot,
 * an OAuth2 refresh, a DNS lookup. `Infinity` means unbounded (the caller's signal still applies).
 */
export interface CallDeadline {
  /** Epoch milliseconds. */
  at: number;
  /** The budget it was made from, for messages. */
  totalMs: number;
}

/**
 * The default budget: every attempt at its full timeout, plus the longest wait a server may ask
 * for (`maxRetryAfterMs`), which also covers the backoff between attempts and the work around
 * them. With the defaults (30 s, three retries, 60 s), three minutes.
 */
export function defaultDeadlineMs(timeoutMs: number, retries: number, maxRetryAfterMs: number): number {
  return timeoutMs * (Math.max(0, retries) + 1) + maxRetryAfterMs;
}

// Node fires a timer longer than this after 1 ms instead; a budget this long is no bound anyway.
const LONGEST_TIMER_MS = 2_147_483_647;

export function startDeadline(totalMs: number, now = Date.now()): CallDeadline {
  return { at: totalMs < LONGEST_TIMER_MS ? now + Math.max(0, totalMs) : Infinity, totalMs };
}

export function remainingMs(deadline: CallDeadline | undefined, now = Date.now()): number {
  return deadline === undefined ? Infinity : deadline.at - now;
}

/** The call ran out of its budget: a TIMEOUT with no status, since no server answered late. */
export function deadlineExceeded(deadline: CallDeadline, label: string): PatchbayError {
  return new PatchbayError({
    code: 'TIMEOUT',
    retryable: true,
    message: `${label} did not finish within its ${deadline.totalMs} ms deadline`,
  });
}

/** The time one attempt may take: its own timeout, cut to what is left of the call's deadline. */
export function attemptTimeoutMs(timeoutMs: number, deadline: CallDeadline | undefined, label: string): number {
  const left = remainingMs(deadline);
  if (left <= 0) throw deadlineExceeded(deadline!, label);
  return Math.min(timeoutMs, Math.ceil(left), LONGEST_TIMER_MS);
}

/**
 * Waits for `promise` no longer than the deadline and the signal allow. The promise itself goes on
 * (an OAuth2 refresh other calls share, say); only this caller stops waiting for it, with ABORTED
 * or TIMEOUT. No timer is made when the promise is already settled or nothing bounds the wait.
 */
export function boundedWait<T>(promise: Promise<T>, signal: AbortSignal | undefined, deadline: CallDeadline | undefined, label: string): Promise<T> {
  const left = remainingMs(deadline);
  if (signal === undefined && !Number.isFinite(left)) return promise;
  if (signal?.aborted) return Promise.reject(abortedWhile(label));
  if (left <= 0) return Promise.reject(deadlineExceeded(deadline!, label));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(abortedWhile(label)));
    const timer = Number.isFinite(left) ? setTimeout(() => finish(() => reject(deadlineExceeded(deadline!, label))), left) : undefined;
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

function abortedWhile(label: string): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: `${label} was aborted` });
}
