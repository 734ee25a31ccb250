import type { RateLimitRule } from '@patchbay/contract';
import type { CallDeadline } from '../http/call-deadline.js';
import { slotAfterDeadline } from './limiter-deadline-error.js';
import type { RateLimiter } from './rate-limiter.js';
import { abortedError, closedError, enqueueWaiter, forgetWaiter, rejectQueued, type QueuedWaiter } from './waiter-queue.js';

interface Waiter extends QueuedWaiter {
  start: () => void;
}

/**
 * An in-process limiter for one connection. Admitting a request is a few comparisons when the rule
 * is not binding, so a limit far from its ceiling costs nothing measurable; bottleneck's local
 * datastore yields a timer tick per job and caps near 400 jobs/s (see BENCHMARKS.md). Requests over
 * the rule wait in FIFO order behind a single timer.
 *
 * The interval rule counts a request from its start until `intervalMs` after it settled: a new one
 * starts only while fewer than `limit` are in flight or settled within the last `intervalMs`. A
 * vendor counts a request when it arrives, which is some time after it starts and before it
 * settles, so counting from the start alone lets a slow first burst and a fast second one land in
 * one server-side window (429s in BENCHMARKS.md). Counting until the settlement keeps every
 * server-side window, fixed or sliding, at `limit` or fewer arrivals whatever the latency: of the
 * requests arriving in one window, the last to start saw all the others in flight or settled less
 * than `intervalMs` before. Memory follows the traffic: one number per request settled within the
 * last interval, not one per unit of the quota.
 */
export class LocalRateLimiter implements RateLimiter {
  private readonly maxConcurrent: number;
  private readonly minTimeMs: number;
  private readonly limit: number;
  private readonly intervalMs: number;
  private readonly windowed: boolean;
  /** Settle times in settle order; those before `oldest` have left the window. */
  private readonly settled: number[] = [];
  private oldest = 0;
  private lastStart = -Infinity;
  private running = 0;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** One function for every request, so admitting one allocates nothing. */
  private readonly release = () => this.settle();

  constructor(rule: RateLimitRule, private readonly now: () => number = Date.now) {
    this.maxConcurrent = rule.maxConcurrent ?? Infinity;
    this.minTimeMs = rule.minTimeMs ?? 0;
    this.limit = rule.limit ?? Infinity;
    this.intervalMs = rule.intervalMs ?? 0;
    this.windowed = Number.isFinite(this.limit) && this.intervalMs > 0;
  }

  schedule<T>(task: () => Promise<T>, signal?: AbortSignal, deadline?: CallDeadline): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    if (this.admitsNow()) return this.run(task);
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(abortedError());
      const now = this.now();
      const left = deadline === undefined ? Infinity : deadline.at - now;
      // The time-based wait is a lower bound for this request (others may be queued before it):
      // when even that ends after the deadline, the caller hears so now, not in an hour.
      const wait = this.waitMs(now);
      if (wait > left && Number.isFinite(wait)) return reject(slotAfterDeadline(deadline!, wait));
      const waiter: Waiter = { start: () => this.run(task).then(resolve, reject), reject, signal, onAbort: undefined, timer: undefined };
      enqueueWaiter(this.queue, waiter, left, () => slotAfterDeadline(deadline!, this.waitMs(this.now())));
      this.drain();
    });
  }

  tryAcquire(): (() => void) | undefined {
    if (this.closed || !this.admitsNow()) return undefined;
    this.start();
    return this.release;
  }

  pauseUntil(epochMs: number): void {
    if (epochMs > this.pausedUntil) this.pausedUntil = epochMs;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    rejectQueued(this.queue);
  }

  private admitsNow(): boolean {
    return this.queue.length === 0 && this.running < this.maxConcurrent && this.waitMs(this.now()) === 0;
  }

  /** Milliseconds until the rules admit another start; Infinity until a running request settles. */
  private waitMs(now: number): number {
    let wait = Math.max(0, this.pausedUntil - now, this.lastStart + this.minTimeMs - now);
    if (this.windowed) wait = Math.max(wait, this.windowWaitMs(now));
    return wait;
  }

  private windowWaitMs(now: number): number {
    const settled = this.settled;
    while (this.oldest < settled.length && settled[this.oldest]! + this.intervalMs <= now) this.oldest++;
    if (this.oldest === settled.length) {
      settled.length = 0;
      this.oldest = 0;
    } else if (this.oldest >= 1024 && this.oldest * 2 >= settled.length) {
      settled.splice(0, this.oldest);
      this.oldest = 0;
    }
    if (this.running + settled.length - this.oldest < this.limit) return 0;
    return this.oldest < settled.length ? settled[this.oldest]! + this.intervalMs - now : Infinity;
  }

  private start(): void {
    if (this.minTimeMs > 0) this.lastStart = this.now();
    this.running++;
  }

  private settle(): void {
    this.running--;
    if (this.windowed) this.settled.push(this.now());
    if (this.queue.length > 0) this.drain();
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    this.start();
    let result: Promise<T>;
    try {
      result = task();
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.finally(this.release);
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
      forgetWaiter(waiter);
      waiter.start();
    }
  }
}
