import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startLedgerStandIn, startTestRedis, type LedgerStandIn, type TestRedis } from '@patchbay/stand-ins';
import { PatchbayQueue, type JobOutcome } from '@patchbay/worker';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WORKER = fileURLToPath(new URL('./queue-worker.mjs', import.meta.url));
// The full size: measured at 17 s on two busy cores. QUEUE_CALLS / QUEUE_SUBSCRIPTIONS shrink it.
const CALLS = Number(process.env.QUEUE_CALLS ?? 10_000);
const SUBSCRIPTIONS = Number(process.env.QUEUE_SUBSCRIPTIONS ?? 1_000);
const WORKERS = 4;
const PREFIX = 'reliability';

function startWorker(redisUrl: string, ledgerUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, REDIS_URL: redisUrl, PREFIX, LEDGER_URL: ledgerUrl, CONCURRENCY: '16', LOCK_MS: '2000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`A worker exited with ${code} before it was ready`)));
    child.stdout!.once('data', () => resolve(child));
  });
}

describe('four worker processes, one killed mid-run (SIGKILL)', () => {
  let redis: TestRedis;
  let ledger: LedgerStandIn;
  let queue: PatchbayQueue;
  let admin: Redis;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    ledger = await startLedgerStandIn();
    queue = new PatchbayQueue({ redis: { url: redis.url, prefix: PREFIX } });
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const worker of workers) {
      if (worker.exitCode === null && worker.signalCode === null) {
        worker.kill('SIGTERM');
        await once(worker, 'exit');
      }
    }
    await queue?.close();
    admin?.disconnect();
    await ledger?.close();
    await redis?.stop();
  });

  it('loses no call, writes none twice, and delivers every polled item exactly once', async () => {
    for (let index = 0; index < WORKERS; index++) workers.push(await startWorker(redis.url, ledger.url));
    const feeds = Array.from({ length: SUBSCRIPTIONS }, (_, index) => `feed-${index}`);
    const expected = new Set<string>();
    for (const feed of feeds) for (let item = 0; item < 2; item++) expected.add(`${feed} key:${ledger.addFeedItem(feed)}`);
    for (const feed of feeds) await queue.subscribe({ id: feed, connectionId: 'ledger', operation: 'feed.new', input: { feed }, everyMs: 1_000 });

    // Kill one worker once a third of the calls have been written, while calls and polls are in flight.
    const victim = workers[0]!;
    const killed = (async () => {
      for (let attempt = 0; attempt < 60_000 && ledger.writesByKey.size < CALLS / 3; attempt++) await sleep(5);
      victim.kill('SIGKILL');
      await once(victim, 'exit');
      return ledger.writesByKey.size;
    })();
    const jobs = [];
    for (let start = 0; start < CALLS; start += 100) {
      const batch = Array.from({ length: Math.min(100, CALLS - start) }, (_, offset) =>
        queue.enqueue('ledger', 'entries.create', { note: `call ${start + offset}` }, { idempotencyKey: `call-${start + offset}` }));
      jobs.push(...(await Promise.all(batch)));
    }
    // The same keys again: the same jobs, not new ones.
    const repeats = await Promise.all(Array.from({ length: 50 }, (_, index) => queue.enqueue('ledger', 'entries.create', { note: `call ${index}` }, { idempotencyKey: `call-${index}` })));
    expect(repeats.map((job) => job.id)).toEqual(jobs.slice(0, 50).map((job) => job.id));
    expect(await killed).toBeLessThan(CALLS);

    // New items after the kill must reach the stream too.
    for (const feed of feeds) expected.add(`${feed} key:${ledger.addFeedItem(feed)}`);

    const outcomes: JobOutcome[] = await Promise.all(jobs.map((job) => job.result()));
    const byOutcome = (kind: JobOutcome['outcome']) => outcomes.filter((outcome) => outcome.outcome === kind).length;
    process.stderr.write(`queue run: ${CALLS} calls, ${byOutcome('unknown')} unknown after the kill; ${SUBSCRIPTIONS} subscriptions\n`);
    // Nothing lost: every call ended, and only calls the killed worker had in flight (at most its
    // concurrency) ended as unknown instead of being sent again.
    expect(byOutcome('succeeded') + byOutcome('unknown')).toBe(CALLS);
    expect(byOutcome('unknown')).toBeLessThanOrEqual(16);
    expect(outcomes.filter((outcome) => outcome.outcome === 'unknown').every((outcome) => outcome.outcome === 'unknown' && outcome.code === 'OUTCOME_UNKNOWN')).toBe(true);
    // No duplicate write: each key reached the vendor at most once, and every succeeded call once.
    expect(Math.max(...ledger.writesByKey.values())).toBe(1);
    outcomes.forEach((outcome, index) => {
      if (outcome.outcome === 'succeeded') expect(ledger.writesByKey.get(`call-${index}`)).toBe(1);
    });

    // Every item delivered, none twice, across the three remaining workers and the killed one.
    const stream = `${PREFIX}:worker:deliveries`;
    let delivered: [string, string[]][] = [];
    for (let attempt = 0; attempt < 1_200; attempt++) {
      delivered = (await admin.xrange(stream, '-', '+')) as [string, string[]][];
      if (delivered.length >= expected.size) break;
      await sleep(100);
    }
    await sleep(2_500); // two more poll rounds, which must add nothing
    delivered = (await admin.xrange(stream, '-', '+')) as [string, string[]][];
    const keys = delivered.map(([, fields]) => `${fields[1]} ${fields[3]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(expected);
  });
});
