import { setTimeout as sleep } from 'node:timers/promises';
import { PatchbayError, type RateLimitRule } from '@patchbay/contract';
import type Bottleneck from 'bottleneck';
import { remainingMs, type CallDeadline } from '../http/call-deadline.js';
import { slotAfterDeadline } from './limiter-deadline-error.js';
import { LocalRateLimiter } from './local-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RedisHandles, SharedRedisConnection } from './shared-redis-connection.js';

const DEFAULT_SLOT_EXPIRATION_MS = 120_000;

// Keeps the later of two pause deadlines, expiring with the pause itself.
const EXTEND_PAUSE = `local current = tonumber(redis.call('get', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 0`;

interface SharedLimiters {
  handles: RedisHandles;
  /** `maxConcurrent` and `minTimeMs`, when the rule has either. */
  gate: Bottleneck | undefined;
  /** `limit` per `intervalMs`, when the rule has it: `limit` slots, each held `intervalMs` after its request ends. */
  window: Bottleneck | undefined;
}

/**
 * A limiter for one key (a connection, or a connection's operation) whose state lives in Redis, so
 * every process using the same Redis and key shares one limit. Built on bottleneck's clustering.
 *
 * - `maxConcurrent` and `minTimeMs` map to bottleneck's `maxConcurrent` and `minTime`.
 * - `limit` per `intervalMs` is a sliding window, as in {@link LocalRateLimiter}: a limiter with
 *   `limit` slots whose slot is released `intervalMs` after the request has ended. bottleneck's
 *   `reservoir` refresh is a fixed window restarted whenever a refresh is noticed, which lets up to
 *   twice the limit through within one interval; the held slot never does, whatever the vendor's
 *   window alignment.
 * - `pauseUntil` writes the deadline to Redis, so a 429 seen by one process holds every process.
 *
 * When Redis is unreachable the limiter fails open: the call goes through a {@link LocalRateLimiter}
 * with the same rule (each process then enforces the limit on its own), the factory logs one
 * warning per outage, and calls share Redis again once it reconnects. A Redis outage therefore
 * costs politeness towards the vendor (whose 429s are still retried and honoured), not the
 * integrations themselves.
 */
export class RedisRateLimiter implements RateLimiter {
  private shared: Promise<SharedLimiters | undefined> | undefined;
  private local: LocalRateLimiter | undefined;
  private pausedUntil = 0;
  private closed = false;
  private readonly waiting = new Set<(error: PatchbayError) => void>();

  constructor(
    private readonly key: string,
    private readonly rule: RateLimitRule,
    private readonly redis: SharedRedisConnection,
    private readonly onClose?: (limiter: RedisRateLimiter) => void,
  ) {}

  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal, deadline?: CallDeadline): Promise<T> {
    if (this.closed) throw closedError();
    if (signal?.aborted) throw abortedError();
    const shared = await this.sharedLimiters();
    // A Redis that stopped answering (frozen, overloaded) is treated like one that is down.
    if (!shared || !this.redis.isResponsive()) return this.fallback().schedule(task, signal, deadline);
    return this.scheduleShared(shared, task, signal, deadline);
  }

  pauseUntil(epochMs: number): void {
    if (epochMs <= this.pausedUntil) return;
    this.pausedUntil = epochMs;
    this.local?.pauseUntil(epochMs);
    void this.redis.available().then(async (handles) => {
      const ms = Math.ceil(epochMs - Date.now());
      if (!handles || ms <= 0) return;
      await handles.client.eval(EXTEND_PAUSE, 1, this.pauseKey(), String(epochMs), String(ms));
    }).catch((error: unknown) => this.redis.reportFailure(error));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.onClose?.(this);
    for (const reject of [...this.waiting]) reject(closedError());
    await this.local?.close();
    const shared = await this.shared?.catch(() => undefined);
    // bottleneck unsubscribes without handling a failure; while Redis is down, closing the shared
    // connection (the factory's close) releases these limiters instead.
    if (!shared || !this.redis.isReady()) return;
    await Promise.all([shared.gate?.disconnect(false), shared.window?.disconnect(false)]);
  }

  private scheduleShared<T>(
    shared: SharedLimiters,
    task: () => Promise<T>,
    signal: AbortSignal | undefined,
    deadline: CallDeadline | undefined,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A call waits for a shared slot until it starts; if Redis drops, the signal aborts, the
      // deadline passes or the limiter closes first, it is handed elsewhere and the slot, when it
      // comes, is given back.
      let waiting = true;
      const left = remainingMs(deadline);
      const timer = Number.isFinite(left) ? setTimeout(() => giveUp(() => reject(slotAfterDeadline(deadline!, undefined))), Math.max(0, left)) : undefined;
      const stopWaiting = () => {
        waiting = false;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        unsubscribe();
        this.waiting.delete(onClose);
      };
      const giveUp = (next: () => void) => {
        if (!waiting) return;
        stopWaiting();
        next();
      };
      const onAbort = () => giveUp(() => reject(abortedError()));
      const onClose = (error: PatchbayError) => giveUp(() => reject(error));
      const onDown = () => giveUp(() => this.fallback().schedule(task, signal, deadline).then(resolve, reject));
      const unsubscribe = this.redis.onDown(onDown);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(onClose);

      const run = async (): Promise<boolean> => {
        if (!waiting) return false;
        stopWaiting();
        try {
          await this.waitWhilePaused(shared, signal, deadline);
          const result = await task();
          resolve(result);
        } catch (error) {
          reject(error);
        }
        return true;
      };
      const inWindow = () => this.inWindow(shared, run);
      const admitted = shared.gate ? shared.gate.schedule(this.jobOptions(0), inWindow) : inWindow();
      admitted.catch((error: unknown) => {
        // After the call started, a failure here is only bottleneck giving its slot back late.
        if (!waiting) return;
        this.redis.reportFailure(error);
        onDown();
      });
    });
  }

  /** Runs `run` in a window slot and resolves when it ends; the slot stays held `intervalMs` longer. */
  private inWindow(shared: SharedLimiters, run: () => Promise<boolean>): Promise<void> {
    const window = shared.window;
    if (!window) return run().then(() => undefined);
    const intervalMs = this.rule.intervalMs ?? 0;
    return new Promise<void>((ended, failed) => {
      window
        .schedule(this.jobOptions(intervalMs), async () => {
          const started = await run();
          ended();
          if (started) await sleep(intervalMs, undefined, { ref: false });
        })
        .catch(failed);
    });
  }

  private async waitWhilePaused(shared: SharedLimiters, signal: AbortSignal | undefined, deadline: CallDeadline | undefined): Promise<void> {
    let until = this.pausedUntil;
    try {
      until = Math.max(until, Number(await shared.handles.client.get(this.pauseKey())) || 0);
    } catch (error) {
      this.redis.reportFailure(error);
    }
    const waitMs = until - Date.now();
    if (waitMs <= 0) return;
    if (waitMs > remainingMs(deadline)) throw slotAfterDeadline(deadline!, waitMs);
    await sleep(waitMs, undefined, { signal }).catch(() => Promise.reject(abortedError()));
  }

  private sharedLimiters(): Promise<SharedLimiters | undefined> {
    this.shared ??= this.redis.available().then((handles) => handles && this.createLimiters(handles));
    return this.shared.then((shared) => shared ?? this.retryCreation());
  }

  /** Redis was down when the limiters were first needed: try again on a later call. */
  private async retryCreation(): Promise<SharedLimiters | undefined> {
    const handles = await this.redis.available();
    if (!handles) return undefined;
    this.shared = Promise.resolve(this.createLimiters(handles));
    return this.shared;
  }

  private createLimiters(handles: RedisHandles): SharedLimiters {
    const { maxConcurrent, minTimeMs, limit, intervalMs } = this.rule;
    const create = (suffix: string, settings: Bottleneck.ConstructorOptions) => {
      const limiter = new handles.Bottleneck({
        ...settings,
        id: `${this.redis.options.keyPrefix ?? 'patchbay:'}${this.key}:${suffix}`,
        datastore: 'ioredis',
        connection: handles.connection,
        clearDatastore: false,
      });
      limiter.on('error', (error: unknown) => this.redis.reportFailure(error));
      // Settings already in Redis win over constructor options; a changed rule must replace them.
      Promise.resolve(limiter.updateSettings(settings)).catch((error: unknown) => this.redis.reportFailure(error));
      return limiter;
    };
    const hasGate = maxConcurrent !== undefined || minTimeMs !== undefined;
    return {
      handles,
      gate: hasGate ? create('gate', { maxConcurrent: maxConcurrent ?? null, minTime: minTimeMs ?? 0 }) : undefined,
      window: limit !== undefined && intervalMs !== undefined ? create('window', { maxConcurrent: limit }) : undefined,
    };
  }

  private jobOptions(holdMs: number): Bottleneck.JobOptions {
    return { expiration: holdMs + (this.redis.options.slotExpirationMs ?? DEFAULT_SLOT_EXPIRATION_MS) };
  }

  private fallback(): LocalRateLimiter {
    if (!this.local) {
      this.local = new LocalRateLimiter(this.rule);
      if (this.pausedUntil > 0) this.local.pauseUntil(this.pausedUntil);
    }
    return this.local;
  }

  private pauseKey(): string {
    return `${this.redis.options.keyPrefix ?? 'patchbay:'}${this.key}:pause`;
  }
}

function abortedError(): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: 'Aborted while waiting for a rate-limit slot' });
}

function closedError(): PatchbayError {
  return new PatchbayError({ code: 'ABORTED', message: 'The rate limiter was closed' });
}
