import { startTestRedis, type TestRedis } from '@patchbay/stand-ins';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineLeaseCommands, lease, type LeaseRequest } from './lease-script.js';

describe('the lease script', () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis(redis.url);
    defineLeaseCommands(client);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  const request = (overrides: Partial<LeaseRequest>): LeaseRequest => ({
    limit: 0, intervalMs: 0, wantSlots: 0, leaseId: 'l', holdMs: 60_000, maxConcurrent: 0, holder: 'h',
    wantUnits: 0, running: 0, holderTtlMs: 60_000, minTimeMs: 0, returned: [], ...overrides,
  });

  it('never grants more starts than the limit, and a crashed holder keeps its slice until it expires', async () => {
    const window = { limit: 10, intervalMs: 1_000 };
    const grants = [];
    for (let index = 0; index < 5; index++) grants.push(await lease(client, 'test:window', request({ ...window, wantSlots: 4, leaseId: `l${index}` })));
    expect(grants.map((grant) => grant.slots)).toEqual([4, 4, 2, 0, 0]);
    expect(grants[3]!.retryMs).toBeGreaterThan(0);
    // Nobody returned a slice: the window stays full (each counts until its hold ends).
    expect((await lease(client, 'test:window', request({ ...window, wantSlots: 1, leaseId: 'late' }))).slots).toBe(0);
  });

  it('frees a returned unused slice at once, and a used one an interval after its last request settled', async () => {
    const window = { limit: 4, intervalMs: 60_000 };
    expect((await lease(client, 'test:return', request({ ...window, wantSlots: 4, leaseId: 'a' }))).slots).toBe(4);
    const unused = await lease(client, 'test:return', request({ ...window, wantSlots: 4, leaseId: 'b', returned: [{ id: 'a', used: 0, settledAgoMs: 0 }] }));
    expect(unused.slots).toBe(4);
    const used = await lease(client, 'test:return', request({ ...window, wantSlots: 1, leaseId: 'c', returned: [{ id: 'b', used: 3, settledAgoMs: 0 }] }));
    expect(used.slots).toBe(1);
    // Three starts settled just now stay in the window for its interval; one that settled longer
    // ago than the interval has left it.
    const settledLongAgo = await lease(client, 'test:return', request({ ...window, wantSlots: 4, leaseId: 'd', returned: [{ id: 'c', used: 1, settledAgoMs: 120_000 }] }));
    expect(settledLongAgo.slots).toBe(1);
  });

  it('splits maxConcurrent between holders and never takes back what a holder runs', async () => {
    const cap = { maxConcurrent: 4 };
    expect((await lease(client, 'test:units', request({ ...cap, holder: 'x', wantUnits: 4 }))).units).toBe(4);
    // x holds all four: y gets none, and is now counted as a holder waiting.
    expect((await lease(client, 'test:units', request({ ...cap, holder: 'y', wantUnits: 4 }))).units).toBe(0);
    // x renews while running three: its fair share is two, but it keeps the three it runs.
    expect((await lease(client, 'test:units', request({ ...cap, holder: 'x', wantUnits: 4, running: 3 }))).units).toBe(3);
    expect((await lease(client, 'test:units', request({ ...cap, holder: 'y', wantUnits: 4 }))).units).toBe(1);
    // x, down to one running, shrinks to its share; y can then grow to its own.
    expect((await lease(client, 'test:units', request({ ...cap, holder: 'x', wantUnits: 4, running: 1 }))).units).toBe(2);
    expect((await lease(client, 'test:units', request({ ...cap, holder: 'y', wantUnits: 4, running: 1 }))).units).toBe(2);
  });

  it('answers the remaining pause another process wrote', async () => {
    await client.set('test:pause:pause', '1', 'PX', 5_000);
    const grant = await lease(client, 'test:pause', request({}));
    expect(grant.pausedForMs).toBeGreaterThan(0);
    expect(grant.pausedForMs).toBeLessThanOrEqual(5_000);
  });
});
