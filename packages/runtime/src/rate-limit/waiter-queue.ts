import { PatchbayError } from '@patchbay/contract';

/** What a request waiting for a rate-limit slot carries, whichever limiter queues it. */
export interface QueuedWaiter {
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** Ends the wait at the call's deadline, when the slot could not be known to come later up front. */
  timer: NodeJS.Timeout | undefined;
}

/**
 * Queues a waiter that leaves the queue, rejected, when its signal aborts or after `deadlineMs`
 * (never when that is Infinity), so an abandoned call holds no place and no timer.
 */
export function enqueueWaiter<W extends QueuedWaiter>(queue: W[], waiter: W, deadlineMs: number, deadlineError: () => unknown): void {
  if (waiter.signal) {
    waiter.onAbort = () => {
      leaveQueue(queue, waiter);
      waiter.reject(abortedError());
    };
    waiter.signal.addEventListener('abort', waiter.onAbort, { once: true });
  }
  if (Number.isFinite(deadlineMs)) {
    waiter.timer = setTimeout(() => {
      leaveQueue(queue, waiter);
      waiter.reject(deadlineError());
    }, Math.max(0, deadlineMs));
  }
  queue.push(waiter);
}

/** Takes a waiter out of the queue without starting it. */
export function leaveQueue<W extends QueuedWaiter>(queue: W[], waiter: W): void {
  const index = queue.indexOf(waiter);
  if (index !== -1) queue.splice(index, 1);
  forgetWaiter(waiter);
}

/** Drops the waiter's abort listener and deadline timer, once it starts or leaves. */
export function forgetWaiter(waiter: QueuedWaiter): void {
  if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
  clearTimeout(waiter.timer);
}

/** Rejects every waiter still queued when the limiter closes. */
export function rejectQueued(queue: QueuedWaiter[]): void {
  for (const waiter of queue.splice(0)) {
    forgetWaiter(waiter);
    waiter.reject(closedError());
  }
}

export function abortedError(): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: 'Aborted while waiting for a rate-limit slot' });
}

export function closedError(): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: 'The rate limiter was closed' });
}
