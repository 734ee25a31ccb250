import { PatchbayError } from '@patchbay/contract';
import type { ConnectOptions, IntegrationManager } from '@patchbay/runtime';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { defineCommitPoll } from './commit-poll.js';
import { EXECUTE_JOB, POLL_JOB, type ExecuteJobData, type PollJobData } from './job-data.js';
import type { JobOutcome } from './job-outcome.js';
import { connectionOptions, workerKeys, type WorkerKeys, type WorkerRedisOptions } from './redis-options.js';
import { runExecuteJob } from './run-execute-job.js';
import { runPollJob, type PollOutcome } from './run-poll-job.js';

/**
 * Finds the connection a job names. A connection store plugs in here; any function that answers
 * the connect options of an id (or `undefined` when there is none) works.
 */
export type ConnectionResolver = (connectionId: string) => ConnectOptions | undefined | Promise<ConnectOptions | undefined>;

export interface PatchbayWorkerOptions {
  redis: WorkerRedisOptions;
  /** The runtime that runs the jobs, created by the app with its connectors and limits. */
  manager: IntegrationManager;
  /** Connections the manager does not hold yet are connected through this on first use. */
  connections: ConnectionResolver;
  /** Jobs this process runs at once. Default 16. */
  concurrency?: number;
  /**
   * How long a job's lock lasts before another worker may take over a job whose worker stopped
   * (killed, frozen). Renewed while the job runs. Default 30 s, as in BullMQ.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker stopped. Default 30 s, as in BullMQ. */
  stalledIntervalMs?: number;
}

/**
 * Runs enqueued calls and scheduled polls in this process, with the app's runtime and connections.
 * Start as many as needed, in any number of processes or machines, on the same Redis.
 */
export class PatchbayWorker {
  private readonly workers: Worker[];
  private readonly redis: Redis;
  private readonly keys: WorkerKeys;
  private readonly connecting = new Map<string, Promise<void>>();

  constructor(private readonly options: PatchbayWorkerOptions) {
    this.keys = workerKeys(options.redis);
    const connection = connectionOptions(options.redis.url);
    this.redis = new Redis(connection);
    defineCommitPoll(this.redis);
    const settings = {
      connection,
      prefix: `${this.keys.prefix}:bull`,
      concurrency: options.concurrency ?? 16,
      // A job that stalls goes back to the queue rather than failing: the sent mark, not a
      // count, decides whether its request may be sent again.
      maxStalledCount: 1_000,
      ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
    };
    this.workers = [this.keys.queueName, this.keys.pollQueueName].map((name) => new Worker(name, (job) => this.process(job), settings));
  }

  /** Resolves once the worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /** Stops taking jobs, lets running ones finish, and closes its Redis connections. The manager stays the app's. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.redis.disconnect();
  }

  private async process(job: Job): Promise<JobOutcome | PollOutcome> {
    if (job.name === EXECUTE_JOB) {
      const data = job.data as ExecuteJobData;
      await this.ensureConnection(data.connectionId);
      return runExecuteJob(this.options.manager, this.redis, this.keys.sent(job.id!), data);
    }
    if (job.name === POLL_JOB) {
      const data = job.data as PollJobData;
      await this.ensureConnection(data.connectionId);
      return runPollJob(this.options.manager, this.redis, this.keys, data);
    }
    throw new PatchbayError({ code: 'UNKNOWN_OPERATION', message: `Unknown job kind "${job.name}"` });
  }

  /**
   * Connects a connection the manager does not hold, once per process however many jobs ask at the
   * same time. An id the resolver does not know is left alone: `execute` then answers
   * CONNECTION_NOT_FOUND as a failed outcome.
   */
  private async ensureConnection(connectionId: string): Promise<void> {
    if (this.options.manager.listConnections().some((connection) => connection.id === connectionId)) return;
    let pending = this.connecting.get(connectionId);
    if (!pending) {
      pending = (async () => {
        const options = await this.options.connections(connectionId);
        if (options && options.id !== connectionId) {
          throw new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `The connection resolver answered "${options.id}" for "${connectionId}"` });
        }
        if (options) await this.options.manager.connect(options);
      })().finally(() => this.connecting.delete(connectionId));
      this.connecting.set(connectionId, pending);
    }
    await pending;
  }
}
