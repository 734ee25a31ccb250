import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../client/logger.js';
import { createRedisRateLimiterFactory, type RedisRateLimiterFactory } from './redis-rate-limiter-factory.js';
import { startTestRedis, type TestRedis } from '@patchbay/stand-ins';

function capturingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[] = [];
  const logger: Logger = {
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
  };
  return { logger, lines };
}

/** The most starts any window of `intervalMs` contains. */
function busiestWindow(starts: number[], intervalMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= intervalMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('RedisRateLimiter', () => {
  let redis: TestRedis;
  const factories: RedisRateLimiterFactory[] = [];
  const factory = (options: Partial<Parameters<typeof createRedisRateLimiterFactory>[0]> = {}, logger?: Logger) => {
    const created = createRedisRateLimiterFactory({ url: redis.url, ...options }, logger);
    factories.push(created);
    return created;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    try {
      await Promise.all(factories.map((created) => created.close()));
    } finally {
      await redis?.stop();
    }
  });

  it('holds two independent clients to one sliding-window limit for the same key', async () => {
    const rule = { limit: 3, intervalMs: 300 };
    const first = factory()('conn-window', rule);
    const second = factory()('conn-window', rule);
    const starts: number[] = [];
    const task = async () => {
      starts.push(Date.now());
      await sleep(5);
    };
    const began = Date.now();
    await Promise.all(Array.from({ length: 9 }, (_, index) => (index % 2 ? first : second).schedule(task)));
    expect(starts).toHaveLength(9);
    expect(busiestWindow(starts, 300)).toBeLessThanOrEqual(3);
    // Nine starts at three per 300 ms need at least two full intervals.
    expect(Date.now() - began).toBeGreaterThanOrEqual(600);
  });

  it('shares maxConcurrent and keeps keys apart', async () => {
    const first = factory()('conn-concurrency', { maxConcurrent: 2 });
    const second = factory()('conn-concurrency', { maxConcurrent: 2 });
    const other = factory()('conn-other', { maxConcurrent: 2 });
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await sleep(30);
      running--;
    };
    let otherRunning = 0;
    let otherMost = 0;
    const otherTask = async () => {
      otherRunning++;
      otherMost = Math.max(otherMost, otherRunning);
      await sleep(30);
      otherRunning--;
    };
    await Promise.all([
      ...Array.from({ length: 8 }, (_, index) => (index % 2 ? first : second).schedule(task)),
      ...Array.from({ length: 4 }, () => other.schedule(otherTask)),
    ]);
    expect(most).toBe(2);
    expect(otherMost).toBe(2);
  });

  it('spaces starts by minTimeMs across clients', async () => {
    const first = factory()('conn-spacing', { minTimeMs: 50 });
    const second = factory()('conn-spacing', { minTimeMs: 50 });
    const began = Date.now();
    let count = 0;
    await Promise.all(Array.from({ length: 6 }, (_, index) => (index % 2 ? first : second).schedule(async () => void count++)));
    // Redis admits one start per 50 ms whichever client asks, so six starts span at least 250 ms.
    expect(count).toBe(6);
    expect(Date.now() - began).toBeGreaterThanOrEqual(245);
  });

  it('pauseUntil on one client holds the others', async () => {
    const first = factory()('conn-pause', {});
    const second = factory()('conn-pause', {});
    await first.schedule(async () => undefined);
    const resumeAt = Date.now() + 400;
    first.pauseUntil(resumeAt);
    await sleep(50);
    let startedAt = 0;
    await second.schedule(async () => void (startedAt = Date.now()));
    expect(startedAt).toBeGreaterThanOrEqual(resumeAt - 5);
  });

  it('fails open to local limits with one redacted warning when Redis is unreachable', async () => {
    const { logger, lines } = capturingLogger();
    const down = factory({ url: 'redis://:canary-redis-secret@127.0.0.1:1', connectTimeoutMs: 300 }, logger)('conn-down', { limit: 2, intervalMs: 200 });
    const starts: number[] = [];
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => down.schedule(async () => {
      starts.push(Date.now());
      return index;
    })));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(busiestWindow(starts, 200)).toBeLessThanOrEqual(2);
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/Redis is unreachable/);
    expect(JSON.stringify(lines)).not.toContain('canary-redis-secret');
  });

  it('keeps serving calls when Redis dies mid-run, then shares limits again when it returns', async () => {
    const own = await startTestRedis();
    const { logger, lines } = capturingLogger();
    const outageFactory = createRedisRateLimiterFactory({ url: own.url, connectTimeoutMs: 500 }, logger);
    const limiter = outageFactory('conn-outage', { maxConcurrent: 1 });
    expect(await limiter.schedule(async () => 'before')).toBe('before');
    const pending = Array.from({ length: 5 }, (_, index) => limiter.schedule(async () => {
      await sleep(20);
      return index;
    }));
    await own.stop();
    expect(await Promise.all(pending)).toEqual([0, 1, 2, 3, 4]);
    expect(await limiter.schedule(async () => 'during')).toBe('during');
    expect(lines.some((line) => line.level === 'warn' && /unreachable/.test(line.message))).toBe(true);

    const restarted = await startTestRedis(own.port);
    try {
      for (let attempt = 0; attempt < 60 && !lines.some((line) => line.level === 'info'); attempt++) await sleep(50);
      expect(lines.some((line) => line.level === 'info' && /reachable again/.test(line.message))).toBe(true);
      expect(await limiter.schedule(async () => 'after')).toBe('after');
    } finally {
      await outageFactory.close();
      await restarted.stop();
    }
  });

  it('falls back to local limits, without waiting for it, when Redis stops answering (SIGSTOP), and shares again once it answers', async () => {
    const own = await startTestRedis();
    const { logger, lines } = capturingLogger();
    const frozenFactory = createRedisRateLimiterFactory({ url: own.url, commandTimeoutMs: 200 }, logger);
    const limiter = frozenFactory('conn-frozen', { maxConcurrent: 4 });
    let guard: NodeJS.Timeout | undefined;
    try {
      expect(await limiter.schedule(async () => 'before')).toBe('before');
      own.freeze();
      // Past the slice leased before the freeze, every call needs Redis again.
      await sleep(150);
      // The socket stays open: only a bound on each command notices that nothing answers. Every
      // call must end while Redis is still frozen; the guard only keeps a regression from
      // hanging the suite.
      const calls = Promise.all(Array.from({ length: 60 }, (_, index) => limiter.schedule(async () => index)));
      const hung = new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), 60_000)));
      const outcome = await Promise.race([calls, hung]);
      expect(outcome).toEqual(Array.from({ length: 60 }, (_, index) => index));
      expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1);
      expect(lines[0]!.message).toMatch(/unreachable/);

      own.thaw();
      for (let attempt = 0; attempt < 200 && !lines.some((line) => line.level === 'info'); attempt++) await sleep(50);
      expect(lines.some((line) => line.level === 'info' && /reachable again/.test(line.message))).toBe(true);
      expect(await limiter.schedule(async () => 'after')).toBe('after');
    } finally {
      clearTimeout(guard);
      own.thaw();
      await frozenFactory.close();
      await own.stop();
    }
  });

  it('serves many calls from one leased slice: Redis sees a script call per slice, not per request', async () => {
    const admin = new Redis(redis.url);
    try {
      await admin.config('RESETSTAT');
      const limiter = factory()('conn-slices', { limit: 100_000, intervalMs: 1_000, maxConcurrent: 64 });
      let done = 0;
      for (let round = 0; round < 20; round++) {
        await Promise.all(Array.from({ length: 50 }, () => limiter.schedule(async () => void done++)));
      }
      const stats = await admin.info('commandstats');
      const scriptCalls = [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      expect(done).toBe(1_000);
      // The first slice covers all 1,000 unless the run spans several lease periods; each costs one call.
      expect(scriptCalls).toBeGreaterThan(0);
      expect(scriptCalls).toBeLessThan(100);
    } finally {
      admin.disconnect();
    }
  });

  it('gives an unused slice back, so another process can use the whole window', async () => {
    const rule = { limit: 40, intervalMs: 60_000 };
    const first = factory()('conn-return', rule);
    const second = factory()('conn-return', rule);
    await first.schedule(async () => undefined);
    // The first process leased a slice of several starts and used one; once it is idle for a lease
    // period it returns the rest, and the second can take all 39 left.
    await sleep(300);
    let started = 0;
    const deadline = { at: Date.now() + 2_000, totalMs: 2_000 };
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => second.schedule(async () => void started++, undefined, deadline)));
    expect(started).toBe(39);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
  });

  it('shares maxConcurrent between busy processes without either starving', async () => {
    const first = factory()('conn-fair', { maxConcurrent: 4 });
    const second = factory()('conn-fair', { maxConcurrent: 4 });
    let running = 0;
    let most = 0;
    const ran = { first: 0, second: 0 };
    const task = (who: 'first' | 'second') => async () => {
      running++;
      most = Math.max(most, running);
      await sleep(10);
      running--;
      ran[who]++;
    };
    await Promise.all([
      ...Array.from({ length: 40 }, () => first.schedule(task('first'))),
      ...Array.from({ length: 40 }, () => second.schedule(task('second'))),
    ]);
    expect(most).toBeLessThanOrEqual(4);
    expect(ran).toEqual({ first: 40, second: 40 });
  });

  it('never holds a call past its deadline waiting for a shared slot', async () => {
    const limiter = factory()('conn-deadline', { maxConcurrent: 1 });
    let release!: () => void;
    const holding = limiter.schedule(() => new Promise<void>((resolve) => (release = resolve)));
    const deadline = { at: Date.now() + 300, totalMs: 300 };
    const waited = await limiter.schedule(async () => 'ran', undefined, deadline).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(waited).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    release();
    await holding;
  });
});
