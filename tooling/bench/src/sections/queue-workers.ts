import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startLedgerStandIn, startTestRedis, type LedgerStandIn } from '@patchbay/stand-ins';
import { PatchbayQueue } from '@patchbay/worker';
import { Redis } from 'ioredis';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult } from '../section-result.js';
import { formatSpread, spread } from '../stats.js';

// The worker process of tooling/reliability's queue test, so the bench measures the same setup
// the reliability test proves correct.
const WORKER = fileURLToPath(new URL('../../reliability/src/queue-worker.mjs', import.meta.url));
const CALLS = 10_000;
const SUBSCRIPTIONS = 1_000;
const ITEMS_PER_FEED = 3;
const WORKER_COUNTS = [1, 2, 4] as const;
const REPEATS = 3;
const CONCURRENCY = 16;

async function startWorkers(count: number, redisUrl: string, prefix: string, ledgerUrl: string): Promise<ChildProcess[]> {
  return Promise.all(Array.from({ length: count }, () => {
    const child = spawn(process.execPath, [WORKER], {
      env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, LEDGER_URL: ledgerUrl, CONCURRENCY: String(CONCURRENCY) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise<ChildProcess>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`A worker exited with ${code} before it was ready`)));
      child.stdout!.once('data', () => resolve(child));
    });
  }));
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map(async (worker) => {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }));
}

/** Enqueues CALLS writes and waits for every result; answers calls per second from first enqueue to last result. */
async function runCalls(queue: PatchbayQueue, run: string): Promise<{ perSecond: number; succeeded: number }> {
  const started = performance.now();
  const results = [];
  for (let start = 0; start < CALLS; start += 200) {
    const batch = await Promise.all(Array.from({ length: Math.min(200, CALLS - start) }, (_, offset) =>
      queue.enqueue('ledger', 'entries.create', { note: 'bench' }, { idempotencyKey: `${run}-${start + offset}` })));
    results.push(...batch.map((job) => job.result()));
  }
  const outcomes = await Promise.all(results);
  return { perSecond: (CALLS * 1000) / (performance.now() - started), succeeded: outcomes.filter((outcome) => outcome.outcome === 'succeeded').length };
}

runSection(async () => {
  const redis = await startTestRedis();
  const ledger: LedgerStandIn = await startLedgerStandIn(0);
  const admin = new Redis(redis.url);
  const rows: string[][] = [];
  let baseline: number[] = [];
  let pollFigures = '';
  try {
    for (const count of WORKER_COUNTS) {
      progress(`queue: ${count} worker process(es), ${REPEATS} repeats of ${CALLS.toLocaleString('en-US')} calls`);
      const prefix = `bench-${count}`;
      const workers = await startWorkers(count, redis.url, prefix, ledger.url);
      const queue = new PatchbayQueue({ redis: { url: redis.url, prefix } });
      try {
        await runCalls(queue, `${prefix}-warm-up`);
        const rates: number[] = [];
        for (let repeat = 0; repeat < REPEATS; repeat++) {
          const { perSecond, succeeded } = await runCalls(queue, `${prefix}-${repeat}`);
          if (succeeded !== CALLS) throw new Error(`${CALLS - succeeded} calls did not succeed with ${count} workers`);
          rates.push(perSecond);
        }
        if (count === 1) baseline = rates;
        const median = spread(rates).median;
        rows.push([`${count}`, formatSpread(spread(rates), 0), `${(median / spread(baseline).median).toFixed(2)}x`]);

        if (count === WORKER_COUNTS[WORKER_COUNTS.length - 1]) {
          progress(`queue: ${SUBSCRIPTIONS.toLocaleString('en-US')} polling subscriptions on ${count} workers`);
          const feeds = Array.from({ length: SUBSCRIPTIONS }, (_, index) => `bench-feed-${index}`);
          for (const feed of feeds) for (let item = 0; item < ITEMS_PER_FEED; item++) ledger.addFeedItem(feed);
          const started = performance.now();
          for (const feed of feeds) await queue.subscribe({ id: feed, connectionId: 'ledger', operation: 'feed.new', input: { feed }, everyMs: 1_000 });
          const expected = SUBSCRIPTIONS * ITEMS_PER_FEED;
          const stream = `${prefix}:worker:deliveries`;
          let delivered = 0;
          for (let attempt = 0; attempt < 3_000 && delivered < expected; attempt++) {
            await sleep(50);
            delivered = await admin.xlen(stream);
          }
          const seconds = (performance.now() - started) / 1000;
          await sleep(2_000);
          const entries = (await admin.xrange(stream, '-', '+')) as [string, string[]][];
          const unique = new Set(entries.map(([, fields]) => `${fields[1]} ${fields[3]}`)).size;
          for (const feed of feeds) await queue.unsubscribe(feed);
          pollFigures =
            `${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions polling every second on ${count} workers delivered ` +
            `${entries.length.toLocaleString('en-US')} items (${unique.toLocaleString('en-US')} distinct, ${expected.toLocaleString('en-US')} expected) ` +
            `in ${seconds.toFixed(1)} s, counted from the first subscribe (one run), and nothing more in the next two seconds of polls.`;
        }
      } finally {
        await queue.close();
        await stopWorkers(workers);
      }
    }
  } finally {
    admin.disconnect();
    await ledger.close();
    await redis.stop();
  }
  const duplicates = [...ledger.writesByKey.values()].filter((writes) => writes > 1).length;
  if (duplicates > 0) throw new Error(`${duplicates} idempotency keys were written more than once`);
  const body = [
    `Worker processes (tooling/reliability's \`queue-worker.mjs\`, ${CONCURRENCY} jobs at once each) run enqueued writes ` +
      'against a loopback ledger stand-in, with BullMQ and a `redis-server` started for the section. Each repeat enqueues ' +
      `${CALLS.toLocaleString('en-US')} calls from this process (in batches of 200) and waits for every result; the rate is ` +
      'calls per second from the first enqueue to the last result, after one warm-up run. Every call succeeded and no ' +
      'idempotency key reached the stand-in twice. All processes share this machine\'s cores, so the curve shows what ' +
      'the queue costs and how it scales here, not on separate machines.',
    '',
    table(['workers', 'calls/s', 'vs 1 worker'], rows),
    '',
    pollFigures,
  ].join('\n');
  return { title: 'Queue-backed execution on BullMQ: throughput by worker count', body, targets: [] } satisfies SectionResult;
});
