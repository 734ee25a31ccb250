import { setTimeout as sleep } from 'node:timers/promises';
import { IntegrationManager } from '@patchbay/runtime';
import { startTestRedis, type TestRedis } from '@patchbay/stand-ins';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from './delivery.js';
import { LedgerModule, startLedgerStandIn, type LedgerStandIn } from './ledger-connector.test-helper.js';
import { PatchbayQueue } from './patchbay-queue.js';
import { PatchbayWorker } from './patchbay-worker.js';
import { workerKeys } from './redis-options.js';

describe('PatchbayQueue and PatchbayWorker', () => {
  let redis: TestRedis;
  let ledger: LedgerStandIn;
  let admin: Redis;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    ledger = await startLedgerStandIn();
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    admin?.disconnect();
    await ledger?.close();
    await redis?.stop();
  });

  /** A queue and `workers` worker processes' worth of runtimes, on their own key prefix. */
  async function deployment(prefix: string, workers = 1) {
    const options = { url: redis.url, prefix };
    const queue = new PatchbayQueue({ redis: options });
    closers.push(() => queue.close());
    const started: PatchbayWorker[] = [];
    for (let index = 0; index < workers; index++) {
      const manager = await IntegrationManager.create({ modules: [LedgerModule] });
      const worker = new PatchbayWorker({
        redis: options,
        manager,
        connections: (id) => (id === 'ledger-main' ? { id, connector: 'ledger', credentials: { token: 'ledger-token' }, config: { baseUrl: ledger.url } } : undefined),
      });
      await worker.ready();
      started.push(worker);
      closers.push(async () => {
        await worker.close();
        await manager.close();
      });
    }
    return { queue, workers: started, keys: workerKeys(options) };
  }

  it('runs an enqueued call on a worker and answers its result; the same idempotency key is the same job', async () => {
    const { queue } = await deployment('run');
    const before = ledger.entries.length;
    const job = await queue.enqueue('ledger-main', 'entries.create', { note: 'first' }, { idempotencyKey: 'order-1' });
    const again = await queue.enqueue('ledger-main', 'entries.create', { note: 'first' }, { idempotencyKey: 'order-1' });
    expect(again.id).toBe(job.id);
    const outcome = await job.result();
    expect(outcome).toMatchObject({ outcome: 'succeeded', result: { ok: true, data: { key: 'order-1' } } });
    expect(await again.result()).toEqual(outcome);
    expect(ledger.entries.slice(before).map((entry) => entry.key)).toEqual(['order-1']);
  });

  it('reports a call that failed at the vendor as a failed outcome, and an unknown connection likewise', async () => {
    const { queue } = await deployment('failures');
    const unknown = await (await queue.enqueue('nobody', 'entries.create', {})).result();
    expect(unknown).toMatchObject({ outcome: 'failed', result: { ok: false, error: { code: 'CONNECTION_NOT_FOUND' } } });
    const invalid = await (await queue.enqueue('ledger-main', 'entries.create', { note: 7 })).result();
    expect(invalid).toMatchObject({ outcome: 'failed', result: { ok: false, error: { code: 'VALIDATION_FAILED' } } });
  });

  it('refuses bad arguments before anything is queued', async () => {
    const { queue, keys } = await deployment('refusals', 0);
    await expect(queue.enqueue('', 'entries.create')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(queue.enqueue('ledger-main', 'entries.create', {}, { delay: -1 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(queue.enqueue('ledger-main', 'entries.create', {}, { priority: 0.5 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(queue.subscribe({ id: 'has space', connectionId: 'ledger-main', operation: 'entries.new', everyMs: 100 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await admin.keys(`${keys.prefix}:*`)).toEqual([]);
  });

  it('never sends a non-idempotent call again after an attempt that may have sent it; an idempotent one is sent again', async () => {
    const { queue, keys } = await deployment('resend');
    const before = ledger.requests.length;
    // A delayed job is in Redis before any worker runs it: mark it as an earlier attempt would
    // have just before its worker was killed.
    const write = await queue.enqueue('ledger-main', 'entries.create', { note: 'maybe sent' }, { delay: 300 });
    const read = await queue.enqueue('ledger-main', 'entries.list', {}, { delay: 300 });
    await admin.set(keys.sent(write.id), '1');
    await admin.set(keys.sent(read.id), '1');
    expect(await write.result()).toMatchObject({ outcome: 'unknown', code: 'OUTCOME_UNKNOWN' });
    expect(await read.result()).toMatchObject({ outcome: 'succeeded' });
    expect(ledger.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /entries']);
  });

  it('passes outcomes to onResult listeners, from whichever worker ran the job', async () => {
    const { queue } = await deployment('events', 2);
    const seen = new Map<string, string>();
    const stop = await queue.onResult((jobId, outcome) => seen.set(jobId, outcome.outcome));
    const jobs = await Promise.all(Array.from({ length: 6 }, (_, index) => queue.enqueue('ledger-main', 'entries.list', {}, { idempotencyKey: `list-${index}` })));
    await Promise.all(jobs.map((job) => job.result()));
    for (let attempt = 0; attempt < 100 && seen.size < jobs.length; attempt++) await sleep(20);
    stop();
    expect(jobs.map((job) => seen.get(job.id))).toEqual(Array(6).fill('succeeded'));
  });

  it('polls a subscription on a schedule across workers and delivers each new item once, state kept in Redis', async () => {
    const { queue, keys } = await deployment('polls', 2);
    const existing = ledger.entries.length;
    await queue.subscribe({ id: 'ledger-feed', connectionId: 'ledger-main', operation: 'entries.new', everyMs: 50 });
    const delivered: Delivery[] = [];
    const stop = new AbortController();
    const consuming = queue.consumeDeliveries((delivery) => void delivered.push(delivery), { group: 'app', consumer: 'one', signal: stop.signal });
    try {
      for (let attempt = 0; attempt < 200 && delivered.length < existing; attempt++) await sleep(20);
      for (let index = 0; index < 3; index++) {
        ledger.entries.push({ id: `late-${index}`, seq: ledger.entries.length + 1, key: '' });
      }
      for (let attempt = 0; attempt < 200 && delivered.length < existing + 3; attempt++) await sleep(20);
      // Several more polls find nothing new.
      await sleep(300);
    } finally {
      stop.abort();
      await consuming;
      await queue.unsubscribe('ledger-feed');
    }
    const keysDelivered = delivered.map((delivery) => delivery.key);
    expect(keysDelivered).toHaveLength(existing + 3);
    expect(new Set(keysDelivered).size).toBe(keysDelivered.length);
    expect(keysDelivered.slice(-3)).toEqual(['key:late-0', 'key:late-1', 'key:late-2']);
    expect(delivered.every((delivery) => delivery.subscriptionId === 'ledger-feed')).toBe(true);
    expect(await admin.hget(keys.pollState('ledger-feed'), 'state')).toContain(`"after":${ledger.entries.length}`);
  });

  it('hands a delivery whose handler did not finish to the same consumer again after a restart', async () => {
    const { queue, keys } = await deployment('redelivery', 0);
    await admin.xadd(keys.deliveries, '*', 'subscription', 'feed', 'key', 'key:a', 'item', '{"id":"a"}');
    await admin.xadd(keys.deliveries, '*', 'subscription', 'feed', 'key', 'key:b', 'item', '{"id":"b"}');
    const first = new AbortController();
    // The app's handler fails on the second item, as a process stopping mid-handler would leave it.
    const handled: string[] = [];
    const failing = queue.consumeDeliveries((delivery) => {
      if (delivery.key === 'key:b') throw new Error('handler stopped');
      handled.push(delivery.key);
    }, { group: 'app', consumer: 'one', signal: first.signal });
    await expect(failing).rejects.toThrow('handler stopped');

    const second = new AbortController();
    const again: string[] = [];
    const consuming = queue.consumeDeliveries((delivery) => {
      again.push(delivery.key);
      second.abort();
    }, { group: 'app', consumer: 'one', signal: second.signal });
    await consuming;
    expect(handled).toEqual(['key:a']);
    expect(again).toEqual(['key:b']);
    expect(await admin.xpending(keys.deliveries, 'app')).toEqual([0, null, null, null]);
  });
});
