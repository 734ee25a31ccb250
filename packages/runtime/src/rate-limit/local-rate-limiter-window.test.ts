import fc from 'fast-check';
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
  it('counts a request from its start until intervalMs after it settled, so a slow request delays the window', async () => {
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

    // The third waits for the second (settled at 0) to leave the window; the fourth for the first,
    // which counts until 1000 ms after it settled at 300, not after it started.
    expect(starts).toEqual([0, 0, 1000, 1300]);
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

  it('keeps only the settle times still inside the window, however large the limit', async () => {
    const limiter = new LocalRateLimiter({ limit: 1_000_000, intervalMs: 1000 });
    for (let second = 0; second < 5; second++) {
      await Promise.all(Array.from({ length: 2000 }, () => limiter.schedule(async () => undefined)));
      await vi.advanceTimersByTimeAsync(1000);
    }
    await limiter.schedule(async () => undefined);
    // 10,001 requests went through; only the last one settled within the current window. Read
    // through a cast because the buffer is private: what is kept is the property under test.
    const { settled, oldest } = limiter as unknown as { settled: number[]; oldest: number };
    expect(settled.length - oldest).toBe(1);
    expect(settled.length).toBeLessThanOrEqual(2001);
  });
});

describe('LocalRateLimiter interval window, property', () => {
  it('never lets more than `limit` requests arrive at the server within any interval, whatever their latency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 50, max: 500 }),
        fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 200 }), latencyMs: fc.integer({ min: 0, max: 400 }), arrival: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 25 }),
        async (limit, intervalMs, requests) => {
          const limiter = new LocalRateLimiter({ limit, intervalMs });
          const arrivals: number[] = [];
          const pending: Promise<void>[] = [];
          for (const request of requests) {
            // The server sees the request somewhere between its start and its settlement.
            const toArrival = Math.round(request.latencyMs * request.arrival);
            pending.push(
              limiter.schedule(async () => {
                await new Promise((resolve) => setTimeout(resolve, toArrival));
                arrivals.push(Date.now());
                await new Promise((resolve) => setTimeout(resolve, request.latencyMs - toArrival));
              }),
            );
            await vi.advanceTimersByTimeAsync(request.gapMs);
          }
          await vi.advanceTimersByTimeAsync(requests.length * (intervalMs + 400) + 1000);
          await Promise.all(pending);
          expect(arrivals).toHaveLength(requests.length);
          for (const from of arrivals) {
            expect(arrivals.filter((arrival) => arrival >= from && arrival < from + intervalMs).length).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
