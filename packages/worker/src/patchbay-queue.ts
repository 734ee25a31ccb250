import { createHash, randomUUID } from 'node:crypto';
import { PatchbayError } from '@patchbay/contract';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Delivery } from './delivery.js';
import { JobHandle } from './job-handle.js';
import { EXECUTE_JOB, POLL_JOB, type ExecuteJobData, type PollJobData } from './job-data.js';
import type { JobOutcome } from './job-outcome.js';
import { failedOutcome, ResultWaiter } from './result-waiter.js';
import { connectionOptions, workerKeys, type WorkerKeys, type WorkerRedisOptions } from './redis-options.js';

export interface EnqueueOptions {
  /** Same key on the same connection → same job, however often it is enqueued. Default: a new key per call. */
  idempotencyKey?: string;
  /** Milliseconds to wait before the call may run. */
  delay?: number;
  /** 1 runs first; larger numbers later. Jobs without a priority run before prioritized ones, as in BullMQ. */
  priority?: number;
}

export interface Subscription {
  /** Names the subscription: its schedule, its state and its deliveries. Letters, digits, `.`, `_`, `-`. */
  id: string;
  connectionId: string;
  /** A polling trigger of the connection's connector. */
  operation: string;
  /** The trigger's input (e.g. `{ channel }`). */
  input?: Record<string, unknown>;
  /** How often to poll, in milliseconds. */
  everyMs: number;
}

export interface ConsumeOptions {
  /** Consumers in one group share the deliveries; each group sees every delivery. */
  group: string;
  /** This consumer's name within its group; its unacknowledged deliveries are read again after a restart. */
  consumer: string;
  /** Stops consuming. */
  signal: AbortSignal;
  /** Most deliveries read per round trip. Default 100. */
  count?: number;
}

const SUBSCRIPTION_ID = /^[\w.-]{1,200}$/;
const MAX_PRIORITY = 2_097_152;
const EVENTS_KEPT = 200_000;
const RESULT_KEPT_SECONDS = 24 * 3600;

/**
 * The app's side of the queue: enqueue calls, read their results, schedule polling subscriptions
 * and consume what they deliver. Workers (`PatchbayWorker`) on the same Redis run the jobs.
 */
export class PatchbayQueue {
  private readonly queue: Queue;
  private readonly polls: Queue;
  private readonly keys: WorkerKeys;
  private readonly connection: ReturnType<typeof connectionOptions>;
  private events: Promise<QueueEvents> | undefined;
  private results: Promise<ResultWaiter> | undefined;
  private client: Redis | undefined;
  private readonly readers = new Set<Redis>();

  constructor(options: { redis: WorkerRedisOptions }) {
    this.keys = workerKeys(options.redis);
    this.connection = connectionOptions(options.redis.url);
    this.queue = new Queue(this.keys.queueName, {
      connection: this.connection,
      prefix: this.bullPrefix(),
      // Results are waited on through this stream: room for the events of many thousand jobs in flight.
      streams: { events: { maxLen: EVENTS_KEPT } },
      // A finished call stays (and dedupes its idempotency key) for a day.
      defaultJobOptions: { removeOnComplete: { age: RESULT_KEPT_SECONDS }, removeOnFail: { age: RESULT_KEPT_SECONDS } },
    });
    this.polls = new Queue(this.keys.pollQueueName, {
      connection: this.connection,
      prefix: this.bullPrefix(),
      // A poll's outcome is in Redis (state, delivered keys, stream), not in its job.
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1_000 } },
    });
  }

  /** Enqueues one call; validation happens in the worker, before anything is sent. */
  async enqueue(connectionId: string, operation: string, input: unknown = {}, options: EnqueueOptions = {}): Promise<JobHandle> {
    requireText(connectionId, 'connectionId');
    requireText(operation, 'operation');
    if (options.idempotencyKey !== undefined) requireText(options.idempotencyKey, 'idempotencyKey');
    if (options.delay !== undefined && !(Number.isFinite(options.delay) && options.delay >= 0)) invalid(`delay must be a number of milliseconds ≥ 0, got ${String(options.delay)}`);
    if (options.priority !== undefined && !(Number.isInteger(options.priority) && options.priority >= 1 && options.priority <= MAX_PRIORITY)) {
      invalid(`priority must be an integer from 1 to ${MAX_PRIORITY}, got ${String(options.priority)}`);
    }
    const idempotencyKey = options.idempotencyKey ?? randomUUID();
    const data: ExecuteJobData = { connectionId, operation, input, idempotencyKey };
    const job = await this.queue.add(EXECUTE_JOB, data, {
      jobId: executeJobId(connectionId, idempotencyKey),
      ...(options.delay ? { delay: options.delay } : {}),
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
    });
    return new JobHandle(job.id!, (jobId) => this.resultWaiter().then((waiter) => waiter.wait(jobId)));
  }

  /** Calls `listener` with each finished call's outcome, from whichever worker ran it. Returns the unsubscribe function. */
  async onResult(listener: (jobId: string, outcome: JobOutcome) => void): Promise<() => void> {
    const events = await this.queueEvents();
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      const outcome = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as JobOutcome | { delivered: number };
      if ('outcome' in outcome) listener(jobId, outcome);
    };
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => listener(jobId, failedOutcome(jobId, failedReason));
    events.on('completed', onCompleted);
    events.on('failed', onFailed);
    return () => {
      events.off('completed', onCompleted);
      events.off('failed', onFailed);
    };
  }

  /** Polls a trigger every `everyMs` on whichever worker is free; subscribing again with the same id replaces the schedule. */
  async subscribe(subscription: Subscription): Promise<void> {
    if (!SUBSCRIPTION_ID.test(subscription.id)) invalid(`A subscription id is 1-200 letters, digits, ".", "_" or "-", got ${JSON.stringify(subscription.id)}`);
    requireText(subscription.connectionId, 'connectionId');
    requireText(subscription.operation, 'operation');
    if (!(Number.isInteger(subscription.everyMs) && subscription.everyMs > 0)) invalid(`everyMs must be a positive integer, got ${String(subscription.everyMs)}`);
    const data: PollJobData = {
      subscriptionId: subscription.id,
      connectionId: subscription.connectionId,
      operation: subscription.operation,
      input: subscription.input ?? {},
    };
    await this.polls.upsertJobScheduler(pollSchedulerId(subscription.id), { every: subscription.everyMs }, {
      name: POLL_JOB,
      data,
      opts: { removeOnComplete: true, removeOnFail: { count: 1_000 } },
    });
  }

  /** Stops a subscription's schedule. Its state and delivered keys stay, so subscribing again resumes where it stopped. */
  async unsubscribe(subscriptionId: string): Promise<void> {
    await this.polls.removeJobScheduler(pollSchedulerId(subscriptionId));
  }

  /**
   * Hands every delivery to `handler`, through a Redis consumer group, until `signal` aborts. A
   * delivery is acknowledged after `handler` resolves; one whose handler did not finish (the
   * process stopped) is handed again to the same consumer when it restarts. Each item is in the
   * stream once, so a handler that is idempotent by `subscriptionId` + `key` acts on it once.
   */
  async consumeDeliveries(handler: (delivery: Delivery) => Promise<void> | void, options: ConsumeOptions): Promise<void> {
    requireText(options.group, 'group');
    requireText(options.consumer, 'consumer');
    const reader = new Redis(this.connection);
    this.readers.add(reader);
    const stream = this.keys.deliveries;
    try {
      await reader.xgroup('CREATE', stream, options.group, '0', 'MKSTREAM').catch((error: unknown) => {
        if (!(error instanceof Error && error.message.includes('BUSYGROUP'))) throw error;
      });
      // First this consumer's own unacknowledged deliveries, then new ones.
      let from = '0';
      while (!options.signal.aborted) {
        const answer = (await reader.xreadgroup(
          'GROUP', options.group, options.consumer, 'COUNT', options.count ?? 100, 'BLOCK', 500, 'STREAMS', stream, from,
        )) as [string, [string, string[]][]][] | null;
        const entries = answer?.[0]?.[1] ?? [];
        if (from === '0' && entries.length === 0) from = '>';
        for (const [id, fields] of entries) {
          if (options.signal.aborted) return;
          await handler(deliveryOf(id, fields));
          await reader.xack(stream, options.group, id);
        }
      }
    } finally {
      this.readers.delete(reader);
      reader.disconnect();
    }
  }

  async close(): Promise<void> {
    for (const reader of this.readers) reader.disconnect();
    (await this.results?.catch(() => undefined))?.close();
    this.client?.disconnect();
    const events = await this.events?.catch(() => undefined);
    await Promise.all([this.queue.close(), this.polls.close(), events?.close()]);
  }

  private resultWaiter(): Promise<ResultWaiter> {
    this.results ??= this.queueEvents().then((events) => {
      this.client = new Redis(this.connection);
      return new ResultWaiter(this.client, (jobId) => `${this.bullPrefix()}:${this.keys.queueName}:${jobId}`, events);
    });
    return this.results;
  }

  private queueEvents(): Promise<QueueEvents> {
    this.events ??= (async () => {
      const events = new QueueEvents(this.keys.queueName, { connection: this.connection, prefix: this.bullPrefix() });
      await events.waitUntilReady();
      return events;
    })();
    return this.events;
  }

  private bullPrefix(): string {
    return `${this.keys.prefix}:bull`;
  }
}

/** A job id from the idempotency key: BullMQ answers the existing job for an id it holds. */
function executeJobId(connectionId: string, idempotencyKey: string): string {
  return `execute-${createHash('sha256').update(`${connectionId}\n${idempotencyKey}`).digest('hex')}`;
}

function pollSchedulerId(subscriptionId: string): string {
  return `poll-${subscriptionId}`;
}

function deliveryOf(id: string, fields: string[]): Delivery {
  const values = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) values.set(fields[index]!, fields[index + 1]!);
  return { id, subscriptionId: values.get('subscription') ?? '', key: values.get('key') ?? '', item: JSON.parse(values.get('item') ?? 'null') as unknown };
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value === '') invalid(`${name} must be a non-empty string, got ${JSON.stringify(value)}`);
}

function invalid(message: string): never {
  throw new PatchbayError({ code: 'VALIDATION_FAILED', message });
}
