import type { Redis } from 'ioredis';
import type { Logger } from '../client/logger.js';
import { redactText } from '../http/redact.js';
import { defineLeaseCommands } from './lease-script.js';

/** Where shared rate limits live. */
export interface RedisRateLimitOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Prefix of every key this runtime writes. Default `patchbay:`. */
  keyPrefix?: string;
  /** How long the first connection may take before calls fall back to local limits. Default 2 s. */
  connectTimeoutMs?: number;
  /**
   * How long one Redis command may take. A Redis that accepts connections but stops answering
   * (frozen, swapping, blocked by a slow script) is treated as down after this, and calls use
   * local limits until it answers a probe again. Default 1 s.
   */
  commandTimeoutMs?: number;
  /**
   * Longest a single request may hold a shared slot. A crashed process's slots are released after
   * this (plus the interval of a `limit`/`intervalMs` rule). Default 2 minutes.
   */
  slotExpirationMs?: number;
}

/** The client a shared limiter talks through, connected on first use. */
export interface RedisHandles {
  client: Redis;
}

/**
 * One Redis client shared by every limiter of a manager, with the lease scripts defined on it.
 * ioredis is imported on first use, so apps without Redis never load it. It reports availability
 * so limiters can fall back to local limits while Redis is down.
 */
export class SharedRedisConnection {
  private handles: Promise<RedisHandles | undefined> | undefined;
  private client: Redis | undefined;
  private settled = false;
  private readonly downListeners = new Set<() => void>();
  private warnedDown = false;
  private closed = false;
  /** Set when a command failed although the socket is up: Redis is not answering. */
  private unresponsive = false;
  private probe: NodeJS.Timeout | undefined;

  constructor(
    readonly options: RedisRateLimitOptions,
    private readonly logger: Logger | undefined,
  ) {}

  /** The handles when Redis is reachable now; `undefined` means "use local limits". */
  async available(): Promise<RedisHandles | undefined> {
    if (this.closed) return undefined;
    this.handles ??= this.connect();
    const handles = await this.handles;
    return handles && this.isResponsive() ? handles : undefined;
  }

  /** Whether the first connection attempt has ended, so `isResponsive` is an answer, not a guess. */
  hasTried(): boolean {
    return this.settled;
  }

  /** Whether the command client is connected and Redis answered its last command. */
  isResponsive(): boolean {
    return this.client?.status === 'ready' && !this.unresponsive;
  }

  /** Calls `listener` once when the connection drops; returns the unsubscribe function. */
  onDown(listener: () => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  /**
   * A command failed: treat Redis as down until it reconnects or, when the socket stayed up (a
   * frozen server), until it answers a probe.
   */
  reportFailure(error: unknown): void {
    if (this.client?.status === 'ready' && !this.unresponsive && !this.closed) {
      this.unresponsive = true;
      this.scheduleProbe();
    }
    this.markDown(error);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probe);
    this.markDown(undefined);
    const handles = await this.handles?.catch(() => undefined);
    handles?.client.disconnect();
  }

  private async connect(): Promise<RedisHandles | undefined> {
    const { Redis: RedisClass } = await import('ioredis');
    const client = new RedisClass(this.options.url, {
      // Commands sent while disconnected fail at once instead of queueing, so a call never waits
      // on a Redis that is down; it falls back to local limits instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: this.options.connectTimeoutMs ?? 2_000,
      // Without it a command to a Redis that keeps the socket open but never answers waits forever.
      commandTimeout: this.commandTimeoutMs(),
    });
    this.client = client;
    defineLeaseCommands(client);
    client.on('error', (error: Error) => this.markDown(error));
    client.on('close', () => this.markDown(undefined));
    client.on('ready', () => this.markUp());
    const ready = await waitUntilReady(client, this.options.connectTimeoutMs ?? 2_000);
    this.settled = true;
    if (!ready) this.markDown(undefined);
    return { client };
  }

  private markUp(): void {
    this.unresponsive = false;
    clearTimeout(this.probe);
    if (!this.warnedDown) return;
    this.warnedDown = false;
    this.logger?.info?.('Redis is reachable again; rate limits are shared across processes again', { redis: this.safeUrl() });
  }

  /** Pings a Redis that stopped answering until it answers again; each ping is bounded by the command timeout. */
  private scheduleProbe(): void {
    clearTimeout(this.probe);
    this.probe = setTimeout(() => {
      const client = this.client;
      if (this.closed || !client || !this.unresponsive) return;
      client.ping().then(
        () => (client.status === 'ready' ? this.markUp() : this.scheduleProbe()),
        () => this.scheduleProbe(),
      );
    }, this.commandTimeoutMs());
    this.probe.unref();
  }

  private commandTimeoutMs(): number {
    return this.options.commandTimeoutMs ?? 1_000;
  }

  private markDown(error: unknown): void {
    for (const listener of [...this.downListeners]) listener();
    this.downListeners.clear();
    if (this.closed || this.warnedDown || this.isResponsive()) return;
    this.warnedDown = true;
    this.logger?.warn?.('Redis is unreachable; each process applies rate limits on its own until it returns', {
      redis: this.safeUrl(),
      reason: error instanceof Error ? redactText(error.message, this.secrets()) : 'connection closed',
    });
  }

  private safeUrl(): string {
    return redactText(this.options.url, this.secrets());
  }

  private secrets(): string[] {
    try {
      const url = new URL(this.options.url);
      return [url.password, decodeURIComponent(url.password)].filter((secret) => secret.length > 0);
    } catch {
      return [];
    }
  }
}

function waitUntilReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('end', onEnd);
      resolve(ready);
    };
    const onReady = () => finish(true);
    const onEnd = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    client.once('ready', onReady);
    client.once('end', onEnd);
  });
}
