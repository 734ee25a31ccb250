import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalRateLimiter } from './local-rate-limiter.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A task that records its start and settles `ms` later. */
function timedTask(starts: number[], origin: number, ms: number) {
  return async () => {
    starts.push(Date.now() - origin);
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
}

describe('LocalRateLimiter interval window', () => {
  it('counts a request until intervalMs after it settled, so a slow first request delays the next window', async () => {
    const limiter = new LocalRateLimiter({ limit: 2, intervalMs: 1000 });
    const origin = Date.now();
    const starts: number[] = [];

    const pending = [
      limiter.schedule(timedTask(starts, origin, 300)),
      limiter.schedule(timedTask(starts, origin, 0)),
      limiter.schedule(timedTask(starts, origin, 0)),
      limiter.schedule(timedTask(starts, origin, 0)),
    ];
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(pending);

    // The third request takes the first one's slot: 1000 ms after it settled at 300, not after it started.
    expect(starts).toEqual([0, 0, 1300, 1300]);
  });

  it('holds the next request while the oldest is still in flight, then admits it once the window has passed', async () => {
    const limiter = new LocalRateLimiter({ limit: 1, intervalMs: 100 });
    const origin = Date.now();
    const starts: number[] = [];

    const pending = [limiter.schedule(timedTask(starts, origin, 2000)), limiter.schedule(timedTask(starts, origin, 0))];
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(pending);

    expect(starts).toEqual([0, 2100]);
  });

  it('with no interval rule, a limit does not hold requests', async () => {
    const limiter = new LocalRateLimiter({ limit: 1 });
    const origin = Date.now();
    const starts: number[] = [];

    const pending = [limiter.schedule(timedTask(starts, origin, 500)), limiter.schedule(timedTask(starts, origin, 0))];
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(pending);

    expect(starts).toEqual([0, 0]);
  });
});
