import { randomUUID } from 'node:crypto';
import type { RateLimitRule } from '@patchbay/contract';
import type { CallDeadline } from '../http/call-deadline.js';
import { extendPause, lease, type LeaseGrant } from './lease-script.js';
import { slotAfterDeadline } from './limiter-deadline-error.js';
import { LocalRateLimiter } from './local-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SharedRedisConnection } from './shared-redis-connection.js';
import { abortedError, closedError, enqueueWaiter, forgetWaiter, rejectQueued, type QueuedWaiter } from './waiter-queue.js';

const DEFAULT_SLOT_EXPIRATION_MS = 120_000;
/** Longest a process serves from one slice before asking Redis again, so a pause reaches it soon. */
const LEASE_MS = 100;
/** A slice is this share of `limit`, so a few processes can each hold one without starving the rest. */
const SLICE_SHARE = 4;
/** How often a process that waits for concurrency units held by others asks again. */
const UNIT_POLL_MS = 10;

interface Lease {
  id: string;
  used: number;
  running: number;
  lastSettle: number;
}

interface Waiter extends QueuedWaiter {
  start: (release: () => void) => void;
  fallback: () => void;
}

/**
 * A limiter for one key (a connection, or a connection's operation) whose limits every process on
 * the same Redis and key shares, at close to the cost of a local limiter: the process leases a
 * slice of the quota with one script call (see `lease-script.ts`) and admits requests from it
 * locally until the slice is spent or {@link LEASE_MS} passes, then returns what it did not use in
 * the next call. A request that the slice admits costs a few comparisons and no Redis round trip.
 *
 * - `limit` per `intervalMs` is a sliding window across processes: a slice's starts count until
 *   `intervalMs` after its last request settled, as in {@link LocalRateLimiter}.
 * - `maxConcurrent` is leased the same way (units a process may run at once, renewed every lease).
 * - `minTimeMs` reserves each start in Redis, one call per request: such a rule admits at most
 *   `1000 / minTimeMs` requests a second, so the round trip is never what limits it.
 * - `pauseUntil` (a 429 or a spent quota) writes the pause to Redis; every process sees it on its
 *   next lease call, within {@link LEASE_MS}, and holds until it ends.
 *
 * When Redis is unreachable or stops answering (each command is bounded by `commandTimeoutMs`) the
 * limiter fails open: calls go through a {@link LocalRateLimiter} with the same rule, the factory
 * logs one warning per outage, and calls share Redis again once it answers.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly holder = randomUUID();
  private readonly prefix: string;
  private readonly windowed: boolean;
  private readonly capped: boolean;
  private readonly minTimeMs: number;
  private readonly holdMs: number;
  private current: Lease | undefined;
  private slotsLeft = 0;
  private leaseEndsAt = 0;
  /** Ended leases whose requests are still running. */
  private readonly draining = new Set<Lease>();
  /** Ended and settled leases, given back with the next call. */
  private readonly ended: Lease[] = [];
  private units = 0;
  private running = 0;
  private pausedUntil = 0;
  /** With `minTimeMs`: when the start reserved in Redis comes. */
  private startAt = 0;
  private readonly queue: Waiter[] = [];
  private leasing = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private local: LocalRateLimiter | undefined;
  private closed = false;

  constructor(
    key: string,
    private readonly rule: RateLimitRule,
    private readonly redis: SharedRedisConnection,
    private readonly onClose?: (limiter: RedisRateLimiter) => void,
  ) {
    this.prefix = `${redis.options.keyPrefix ?? 'patchbay:'}${key}`;
    this.windowed = rule.limit !== undefined && rule.intervalMs !== undefined;
    this.capped = rule.maxConcurrent !== undefined;
    this.minTimeMs = rule.minTimeMs ?? 0;
    this.holdMs = LEASE_MS + (redis.options.slotExpirationMs ?? DEFAULT_SLOT_EXPIRATION_MS) + (rule.intervalMs ?? 0);
  }

  tryAcquire(): (() => void) | undefined {
    if (this.closed || !this.redis.hasTried()) return undefined;
    if (!this.redis.isResponsive()) return this.fallback().tryAcquire();
    if (this.queue.length > 0 || !this.admitsNow(Date.now())) return undefined;
    return this.acquire();
  }

  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal, deadline?: CallDeadline): Promise<T> {
    if (this.closed) throw closedError();
    if (signal?.aborted) throw abortedError();
    const release = this.tryAcquire();
    if (release) return runHolding(task, release);
    // Connects on first use; a Redis that is down or frozen answers `undefined` within its bounds.
    if (!(await this.redis.available())) return this.fallback().schedule(task, signal, deadline);
    if (this.closed) throw closedError();
    const waitMs = this.pausedUntil - Date.now();
    if (deadline && waitMs > 0 && waitMs > deadline.at - Date.now()) throw slotAfterDeadline(deadline, waitMs);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        start: (slot) => runHolding(task, slot).then(resolve, reject),
        fallback: () => this.fallback().schedule(task, signal, deadline).then(resolve, reject),
        reject,
        signal,
        onAbort: undefined,
        timer: undefined,
      };
      enqueueWaiter(this.queue, waiter, deadline ? deadline.at - Date.now() : Infinity, () => slotAfterDeadline(deadline!, undefined));
      this.pump();
    });
  }

  pauseUntil(epochMs: number): void {
    if (epochMs <= this.pausedUntil) return;
    this.pausedUntil = epochMs;
    this.local?.pauseUntil(epochMs);
    void this.redis.available().then(async (handles) => {
      const ms = epochMs - Date.now();
      if (handles && ms > 0) await extendPause(handles.client, this.prefix, ms);
    }).catch((error: unknown) => this.redis.reportFailure(error));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.(this);
    clearTimeout(this.wakeTimer);
    clearTimeout(this.renewTimer);
    rejectQueued(this.queue);
    await this.local?.close();
    // Give back what this process holds so the others need not wait for it to expire.
    const handles = this.redis.isResponsive() ? await this.redis.available() : undefined;
    if (!handles) return;
    this.endCurrent();
    const returned = [...this.ended.splice(0), ...this.draining].map((ended) => this.returnOf(ended));
    await lease(handles.client, this.prefix, { ...this.request(0, 0), returned, running: 0 }).catch(() => undefined);
  }

  private admitsNow(now: number): boolean {
    return (
      now >= this.pausedUntil &&
      now < this.leaseEndsAt &&
      this.slotsLeft > 0 &&
      (!this.capped || this.running < this.units) &&
      (this.minTimeMs === 0 || now >= this.startAt)
    );
  }

  private acquire(): () => void {
    const slice = this.current!;
    slice.used++;
    slice.running++;
    this.running++;
    if (--this.slotsLeft === 0) this.endCurrent();
    return () => this.settle(slice);
  }

  private settle(slice: Lease): void {
    slice.running--;
    this.running--;
    slice.lastSettle = Date.now();
    if (slice.running === 0 && this.draining.delete(slice)) this.ended.push(slice);
    if (this.queue.length > 0) this.pump();
  }

  /** Stops admitting from the current slice; it is given back once its requests settle. */
  private endCurrent(): void {
    const slice = this.current;
    if (!slice) return;
    this.current = undefined;
    this.slotsLeft = 0;
    this.leaseEndsAt = 0;
    // Only a window counts starts in Redis; other slices have nothing to give back.
    if (!this.windowed) return;
    if (slice.running > 0) this.draining.add(slice);
    else this.ended.push(slice);
  }

  /** Starts waiters while the slice admits them, and asks Redis for more when it does not. */
  private pump(): void {
    if (this.closed) return;
    if (!this.redis.isResponsive()) return this.moveToFallback();
    while (this.queue.length > 0) {
      const now = Date.now();
      if (now < this.pausedUntil) return this.wakeIn(this.pausedUntil - now);
      if (!this.admitsNow(now)) {
        if (this.minTimeMs > 0 && this.current && now < this.startAt) return this.wakeIn(this.startAt - now);
        // Every unit this process may hold is in use: the next settle starts the next waiter.
        if (this.current && this.capped && this.running >= this.units && this.units >= this.wantedUnits()) return;
        return this.refill();
      }
      const waiter = this.queue.shift()!;
      forgetWaiter(waiter);
      waiter.start(this.acquire());
    }
  }

  private refill(): void {
    if (this.leasing || this.wakeTimer !== undefined) return;
    const now = Date.now();
    if (now >= this.leaseEndsAt || this.slotsLeft === 0) this.endCurrent();
    const needSlice = this.current === undefined;
    const wantSlots = needSlice ? (this.windowed ? this.sliceSize() : 1) : 0;
    void this.ask(wantSlots, this.wantedUnits());
  }

  private wantedUnits(): number {
    return this.capped ? Math.min(this.rule.maxConcurrent!, this.running + this.queue.length) : 0;
  }

  private sliceSize(): number {
    if (this.minTimeMs > 0) return 1;
    const limit = this.rule.limit!;
    return Math.max(1, Math.min(Math.ceil(limit / SLICE_SHARE), Math.max(this.queue.length, Math.ceil(limit / (SLICE_SHARE * 4)))));
  }

  private async ask(wantSlots: number, wantUnits: number): Promise<void> {
    this.leasing = true;
    const leaseId = randomUUID();
    const returned = this.ended.splice(0).map((ended) => this.returnOf(ended));
    let grant: LeaseGrant;
    try {
      const handles = await this.redis.available();
      if (!handles) throw new Error('Redis is unavailable');
      grant = await lease(handles.client, this.prefix, { ...this.request(wantSlots, wantUnits), leaseId, returned });
    } catch (error) {
      this.leasing = false;
      this.redis.reportFailure(error);
      return this.moveToFallback();
    }
    this.leasing = false;
    if (this.closed) return;
    this.apply(grant, wantSlots, leaseId);
    this.scheduleRenewal();
    if (this.queue.length > 0 && !this.admitsNow(Date.now())) {
      if (grant.retryMs > 0) return this.wakeIn(Math.min(grant.retryMs, LEASE_MS));
      // Other processes hold the concurrency units: look again shortly rather than spin.
      if (this.capped && grant.units < wantUnits && this.running >= grant.units) return this.wakeIn(UNIT_POLL_MS);
    }
    this.pump();
  }

  private apply(grant: LeaseGrant, wantSlots: number, leaseId: string): void {
    const now = Date.now();
    if (grant.pausedForMs > 0) this.pausedUntil = Math.max(this.pausedUntil, now + grant.pausedForMs);
    if (this.capped) this.units = grant.units;
    if (wantSlots === 0) return;
    const slots = this.windowed ? grant.slots : grant.startInMs >= 0 ? Infinity : 0;
    if (slots === 0) return;
    this.current = { id: leaseId, used: 0, running: 0, lastSettle: now };
    this.slotsLeft = this.minTimeMs > 0 ? 1 : slots;
    this.startAt = now + grant.startInMs;
    this.leaseEndsAt = this.startAt + LEASE_MS;
  }

  private request(wantSlots: number, wantUnits: number) {
    return {
      limit: this.windowed ? this.rule.limit! : 0,
      intervalMs: this.rule.intervalMs ?? 0,
      wantSlots,
      leaseId: '',
      holdMs: this.holdMs,
      maxConcurrent: this.rule.maxConcurrent ?? 0,
      holder: this.holder,
      wantUnits,
      running: this.running,
      holderTtlMs: this.holdMs,
      minTimeMs: this.minTimeMs,
      returned: [] as { id: string; used: number; settledAgoMs: number }[],
    };
  }

  private returnOf(ended: Lease) {
    return { id: ended.id, used: ended.used, settledAgoMs: Date.now() - ended.lastSettle };
  }

  /**
   * While this process holds a slice or concurrency units, it renews them every lease period: an
   * idle process gives them back, a busy one shrinks to its fair share when others wait.
   */
  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
    const holding = this.current !== undefined || this.ended.length > 0 || this.draining.size > 0 || this.units > 0;
    if (!holding || this.closed) return;
    this.renewTimer = setTimeout(() => {
      this.renewTimer = undefined;
      if (this.leasing || this.closed || !this.redis.isResponsive()) return;
      // A slice that was used is renewed before the next request needs it; an idle one is given back.
      const busy = (this.current?.used ?? 0) > 0 || this.queue.length > 0;
      if (Date.now() >= this.leaseEndsAt) this.endCurrent();
      const wantSlots = this.current === undefined && busy && this.minTimeMs === 0 ? (this.windowed ? this.sliceSize() : 1) : 0;
      void this.ask(wantSlots, this.wantedUnits());
    }, LEASE_MS);
    this.renewTimer.unref();
  }

  private wakeIn(ms: number): void {
    if (this.wakeTimer !== undefined) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.pump();
    }, Math.max(1, ms));
  }

  private moveToFallback(): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    for (const waiter of this.queue.splice(0)) {
      forgetWaiter(waiter);
      waiter.fallback();
    }
  }

  private fallback(): LocalRateLimiter {
    if (!this.local) {
      this.local = new LocalRateLimiter(this.rule);
      if (this.pausedUntil > 0) this.local.pauseUntil(this.pausedUntil);
    }
    return this.local;
  }
}

function runHolding<T>(task: () => Promise<T>, release: () => void): Promise<T> {
  let result: Promise<T>;
  try {
    result = task();
  } catch (error) {
    result = Promise.reject(error);
  }
  return result.finally(release);
}
