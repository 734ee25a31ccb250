/** Where the queue, the poll state and the delivery stream live. */
export interface WorkerRedisOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Prefix of every key this package writes, BullMQ's included. Default `patchbay`. */
  prefix?: string;
  /** The BullMQ queue's name. Default `patchbay`. */
  queueName?: string;
}

/** The keys of one deployment, derived from its prefix. */
export interface WorkerKeys {
  prefix: string;
  /** The BullMQ queue of enqueued calls. */
  queueName: string;
  /**
   * The BullMQ queue of scheduled polls, apart from the calls so that a thousand subscriptions'
   * job events never crowd a call's completion out of the event stream its result waits on.
   */
  pollQueueName: string;
  /** Set when an attempt of a job is about to send its request. */
  sent(jobId: string): string;
  /** A subscription's poll state: a hash of `version` and `state` (JSON). */
  pollState(subscriptionId: string): string;
  /** The item keys a subscription has delivered, newest by score. */
  delivered(subscriptionId: string): string;
  /** The stream every new item is appended to, once. */
  deliveries: string;
}

export function workerKeys(options: WorkerRedisOptions): WorkerKeys {
  const prefix = options.prefix ?? 'patchbay';
  return {
    prefix,
    queueName: options.queueName ?? 'patchbay',
    pollQueueName: `${options.queueName ?? 'patchbay'}-polls`,
    sent: (jobId) => `${prefix}:worker:sent:${jobId}`,
    pollState: (subscriptionId) => `${prefix}:worker:poll:${subscriptionId}:state`,
    delivered: (subscriptionId) => `${prefix}:worker:poll:${subscriptionId}:delivered`,
    deliveries: `${prefix}:worker:deliveries`,
  };
}

/**
 * ioredis options for BullMQ from a URL. `maxRetriesPerRequest: null` is what BullMQ requires of a
 * worker's blocking connection: a command waits for Redis to come back instead of failing the job.
 */
export interface ConnectionSettings {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
}

export function connectionOptions(url: string): ConnectionSettings {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`The Redis URL must start with redis:// or rediss://, got "${parsed.protocol}"`);
  }
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
