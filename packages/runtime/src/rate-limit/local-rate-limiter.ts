import { PatchbayError, type RateLimitRule } from '@patchbay/contract';
import type { RateLimiter } from './rate-limiter.js';

const IN_FLIGHT = Infinity;

interface Waiter {
  start: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * An in-process limiter for one connection. Admitting a request is a few comparisons when the rule
 * is not binding, so a limit far from its ceiling costs nothing measurable; bottleneck's local
 * datastore yields a timer tick per job and caps near 400 jobs/s (see BENCHMARKS.md). Requests over
 * the rule wait in FIFO order behind a single timer.
 *
 * The interval rule is a sliding window over the last `limit` requests, each counted until
 * `intervalMs` after it settled rather than after it started: a vendor counts a request when it
 * arrives, which is some time after it starts and before it settles, so timing from the start lets
 * a slow first burst and a fast second one land in one server-side window (429s in BENCHMARKS.md).
 * Timing from the settlement keeps every server-side window, fixed or sliding, at `limit` or fewer
 * arrivals whatever the latency. Slots are allocated as they are used, so a connection with a
 * large quota (5,000 an hour) costs memory for the requests it made, not for the whole quota.
 */
export class LocalRateLimiter implements RateLimiter {
  private readonly maxConcurrent: number;
  private readonly minTimeMs: number;
  private readonly limit: number;
  private readonly intervalMs: number;
  private readonly windowed: boolean;
  /** Settle time of each of the last `limit` requests in start order, or IN_FLIGHT; grows to `limit`. */
  private readonly slots: number[] = [];
  private head = 0;
  private lastStart = -Infinity;
  private running = 0;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(rule: RateLimitRule, private readonly now: () => number = Date.now) {
    this.maxConcurrent = rule.maxConcurrent ?? Infinity;
    this.minTimeMs = rule.minTimeMs ?? 0;
    this.limit = rule.limit ?? Infinity;
    this.intervalMs = rule.intervalMs ?? 0;
    this.windowed = Number.isFinite(this.limit) && this.intervalMs > 0;
  }

  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    if (this.queue.length === 0 && this.waitMs(this.now()) === 0 && this.running < this.maxConcurrent) {
      return this.run(task);
    }
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(abortedError());
      const waiter: Waiter = {
        start: () => this.run(task).then(resolve, reject),
        reject,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index !== -1) this.queue.splice(index, 1);
          reject(abortedError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.drain();
    });
  }

  pauseUntil(epochMs: number): void {
    if (epochMs > this.pausedUntil) this.pausedUntil = epochMs;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    for (const waiter of this.queue.splice(0)) {
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(closedError());
    }
  }

  /** Milliseconds until the time-based rules admit another start. */
  private waitMs(now: number): number {
    let wait = Math.max(0, this.pausedUntil - now, this.lastStart + this.minTimeMs - now);
    // Infinity while the oldest request is in flight: it is admitted again when that one settles.
    if (this.windowed && this.slots.length === this.limit) wait = Math.max(wait, this.slots[this.head]! + this.intervalMs - now);
    return wait;
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    this.lastStart = this.now();
    let slot = -1;
    if (this.windowed && this.slots.length < this.limit) {
      slot = this.slots.push(IN_FLIGHT) - 1;
    } else if (this.windowed) {
      slot = this.head;
      this.slots[slot] = IN_FLIGHT;
      this.head = (this.head + 1) % this.limit;
    }
    this.running++;
    let result: Promise<T>;
    try {
      result = task();
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.finally(() => {
      if (slot !== -1) this.slots[slot] = this.now();
      this.running--;
      if (this.queue.length > 0) this.drain();
    });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.running < this.maxConcurrent) {
      const wait = this.waitMs(this.now());
      if (wait > 0) {
        if (this.timer === undefined && Number.isFinite(wait)) {
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.drain();
          }, wait);
        }
        return;
      }
      const waiter = this.queue.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.start();
    }
  }
}

function abortedError(): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: 'Aborted while waiting for a rate-limit slot' });
}

function closedError(): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: 'The rate limiter was closed' });
}
