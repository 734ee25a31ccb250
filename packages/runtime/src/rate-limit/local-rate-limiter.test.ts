import { PatchbayError } from '@patchbay/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalRateLimiter } from './local-rate-limiter.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Records when each task starts (relative to the test's start) and, optionally, holds it for `ms`. */
function recorder() {
  const origin = Date.now();
  const starts: number[] = [];
  const order: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const task =
    (name: string, ms = 0) =>
    async () => {
      starts.push(Date.now() - origin);
      order.push(name);
      running++;
      maxRunning = Math.max(maxRunning, running);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return name;
    };
  return { starts, order, task, maxRunning: () => maxRunning };
}

/** The largest number of starts any window of `intervalMs` (sliding, so fixed ones too) contains. */
function busiestWindow(starts: number[], intervalMs: number): number {
  let busiest = 0;
  for (const from of starts) busiest = Math.max(busiest, starts.filter((start) => start >= from && start < from + intervalMs).length);
  return busiest;
}

async function rejection(promise: Promise<unknown>): Promise<PatchbayError> {
  try {
    await promise;
  } catch (error) {
    if (PatchbayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('LocalRateLimiter', () => {
  it('admits at most `limit` starts per interval, then the rest as the window slides', async () => {
    const limiter = new LocalRateLimiter({ limit: 3, intervalMs: 1000 });
    const { starts, task } = recorder();

    const results = Promise.all(Array.from({ length: 10 }, (_, index) => limiter.schedule(task(`t${index}`))));
    await vi.advanceTimersByTimeAsync(3000);

    await expect(results).resolves.toHaveLength(10);
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000]);
    expect(busiestWindow(starts, 1000)).toBe(3);
  });

  it('never exceeds the limit in any window when requests arrive unevenly', async () => {
    const limiter = new LocalRateLimiter({ limit: 4, intervalMs: 500 });
    const { starts, task } = recorder();
    const pending: Promise<string>[] = [];
    // Bursts and gaps: 40 arrivals over ~2 s at a fixed, irregular rhythm.
    const gaps = [0, 0, 10, 300, 0, 0, 0, 0, 120, 5, 480, 0, 60, 0, 0, 250];
    for (let index = 0; index < 40; index++) {
      pending.push(limiter.schedule(task(`t${index}`, 30)));
      await vi.advanceTimersByTimeAsync(gaps[index % gaps.length]!);
    }
    await vi.advanceTimersByTimeAsync(10_000);

    await expect(Promise.all(pending)).resolves.toHaveLength(40);
    expect(starts).toHaveLength(40);
    expect(busiestWindow(starts, 500)).toBeLessThanOrEqual(4);
    for (let index = 4; index < starts.length; index++) expect(starts[index]! - starts[index - 4]!).toBeGreaterThanOrEqual(500);
  });

  it('keeps at most maxConcurrent tasks running', async () => {
    const limiter = new LocalRateLimiter({ maxConcurrent: 2 });
    const { starts, task, maxRunning } = recorder();

    const results = Promise.all(Array.from({ length: 6 }, (_, index) => limiter.schedule(task(`t${index}`, 100))));
    await vi.advanceTimersByTimeAsync(300);

    await expect(results).resolves.toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    expect(maxRunning()).toBe(2);
    expect(starts).toEqual([0, 0, 100, 100, 200, 200]);
  });

  it('frees the slot of a task that fails, synchronously or not', async () => {
    const limiter = new LocalRateLimiter({ maxConcurrent: 1 });
    const failing = limiter.schedule(() => {
      throw new Error('sync failure');
    });
    const rejecting = limiter.schedule(async () => {
      throw new Error('async failure');
    });
    const after = limiter.schedule(async () => 'still runs');

    await expect(failing).rejects.toThrow('sync failure');
    await expect(rejecting).rejects.toThrow('async failure');
    await expect(after).resolves.toBe('still runs');
  });

  it('spaces starts by minTimeMs', async () => {
    const limiter = new LocalRateLimiter({ minTimeMs: 250 });
    const { starts, task } = recorder();

    const results = Promise.all(Array.from({ length: 4 }, (_, index) => limiter.schedule(task(`t${index}`))));
    await vi.advanceTimersByTimeAsync(249);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1000);

    await expect(results).resolves.toHaveLength(4);
    expect(starts).toEqual([0, 250, 500, 750]);
  });

  it('starts waiting tasks in the order they were scheduled', async () => {
    const limiter = new LocalRateLimiter({ maxConcurrent: 1, minTimeMs: 10 });
    const { order, task } = recorder();
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

    const results = Promise.all(names.map((name, index) => limiter.schedule(task(name, (names.length - index) * 7))));
    await vi.advanceTimersByTimeAsync(2000);

    await expect(results).resolves.toEqual(names);
    expect(order).toEqual(names);
  });

  it('rejects a queued task with ABORTED when its signal aborts, and never runs it', async () => {
    const limiter = new LocalRateLimiter({ minTimeMs: 100 });
    const { order, starts, task } = recorder();
    const controller = new AbortController();

    const first = limiter.schedule(task('first'));
    const aborted = limiter.schedule(task('aborted'), controller.signal);
    const third = limiter.schedule(task('third'));
    controller.abort();

    const error = await rejection(aborted);
    expect(error.code).toBe('ABORTED');
    await vi.advanceTimersByTimeAsync(500);
    await expect(first).resolves.toBe('first');
    await expect(third).resolves.toBe('third');
    expect(order).toEqual(['first', 'third']);
    // The aborted task gave its place up: the third starts in the second slot.
    expect(starts).toEqual([0, 100]);
  });

  it('rejects at once a task whose signal is already aborted while others wait', async () => {
    const limiter = new LocalRateLimiter({ minTimeMs: 100 });
    const { order, task } = recorder();
    const first = limiter.schedule(task('first'));

    const error = await rejection(limiter.schedule(task('late'), AbortSignal.abort()));

    expect(error.code).toBe('ABORTED');
    await vi.advanceTimersByTimeAsync(500);
    await first;
    expect(order).toEqual(['first']);
  });

  it('holds every request until pauseUntil, and ignores an earlier pause', async () => {
    const limiter = new LocalRateLimiter({});
    const { starts, task } = recorder();
    limiter.pauseUntil(Date.now() + 5000);
    limiter.pauseUntil(Date.now() + 1000);

    const results = Promise.all([limiter.schedule(task('a')), limiter.schedule(task('b'))]);
    await vi.advanceTimersByTimeAsync(4999);
    expect(starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    await expect(results).resolves.toEqual(['a', 'b']);
    expect(starts).toEqual([5000, 5000]);
  });

  it('rejects waiting tasks with ABORTED on close, lets running ones finish, and refuses new ones', async () => {
    const limiter = new LocalRateLimiter({ maxConcurrent: 1 });
    const { order, task } = recorder();
    const running = limiter.schedule(task('running', 100));
    const waiting = [limiter.schedule(task('w1')), limiter.schedule(task('w2'), new AbortController().signal)];

    await limiter.close();

    for (const pending of waiting) expect((await rejection(pending)).code).toBe('ABORTED');
    await vi.advanceTimersByTimeAsync(100);
    await expect(running).resolves.toBe('running');
    expect((await rejection(limiter.schedule(task('after')))).code).toBe('ABORTED');
    expect(order).toEqual(['running']);
  });

  it('uses the clock it is given', async () => {
    let now = 0;
    const limiter = new LocalRateLimiter({ limit: 1, intervalMs: 1000 }, () => now);
    await limiter.schedule(async () => 'first');
    const second = limiter.schedule(async () => 'second');
    now = 1000;
    await vi.advanceTimersByTimeAsync(1000);
    await expect(second).resolves.toBe('second');
  });

  it('tryAcquire starts a request at once when the rule admits it, and its release frees the slot', async () => {
    const limiter = new LocalRateLimiter({ maxConcurrent: 1 });
    const release = limiter.tryAcquire();
    expect(release).toBeTypeOf('function');
    expect(limiter.tryAcquire()).toBeUndefined();
    const { order, task } = recorder();
    const queued = limiter.schedule(task('queued'));
    await vi.advanceTimersByTimeAsync(10);
    expect(order).toEqual([]);

    release!();
    await expect(queued).resolves.toBe('queued');
    expect(limiter.tryAcquire()).toBeTypeOf('function');
  });

  it('tryAcquire refuses while requests wait, while paused, and after close, so the queue keeps its order', async () => {
    const limiter = new LocalRateLimiter({ limit: 1, intervalMs: 1000 });
    const release = limiter.tryAcquire()!;
    const waiting = limiter.schedule(async () => 'waiting');
    release();
    expect(limiter.tryAcquire()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(waiting).resolves.toBe('waiting');

    await vi.advanceTimersByTimeAsync(1000);
    limiter.pauseUntil(Date.now() + 500);
    expect(limiter.tryAcquire()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.tryAcquire()).toBeTypeOf('function');

    await limiter.close();
    expect(limiter.tryAcquire()).toBeUndefined();
  });

  it('answers RATE_LIMITED with retryAfterMs at once when the quota frees up after the deadline (call 5,001 of 5,000/h)', async () => {
    const hourMs = 3_600_000;
    const limiter = new LocalRateLimiter({ limit: 5_000, intervalMs: hourMs });
    const { task } = recorder();
    for (let index = 0; index < 5_000; index++) await limiter.schedule(task(`call-${index}`));
    const deadline = { at: Date.now() + 2_000, totalMs: 2_000 };
    const error = await rejection(limiter.schedule(task('call-5001'), undefined, deadline));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: undefined });
    expect(error.retryAfterMs).toBe(hourMs);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends a wait whose length was unknown up front (a concurrency slot) at the deadline', async () => {
    const limiter = new LocalRateLimiter({ maxConcurrent: 1 });
    const { task } = recorder();
    const holding = limiter.schedule(task('long', 10_000));
    const waiting = rejection(limiter.schedule(task('late'), undefined, { at: Date.now() + 500, totalMs: 500 }));
    await vi.advanceTimersByTimeAsync(500);
    expect(await waiting).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: undefined });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await holding).toBe('long');
    // The expired waiter left the queue: the next call starts at once.
    expect(await limiter.schedule(task('next'))).toBe('next');
  });

  it('still runs a queued call whose slot comes before its deadline', async () => {
    const limiter = new LocalRateLimiter({ limit: 1, intervalMs: 1_000 });
    const { task, starts } = recorder();
    await limiter.schedule(task('first'));
    const second = limiter.schedule(task('second'), undefined, { at: Date.now() + 5_000, totalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await second).toBe('second');
    expect(starts).toEqual([0, 1_000]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
