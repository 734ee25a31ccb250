import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PatchbayError } from '@patchbay/contract';
import type { Redis } from 'ioredis';
import type { Logger } from '../client/logger.js';
import type { ConnectionStore } from '../store/connection-store.js';
import type { RefreshCoordinator } from './connection-state.js';
import { accessTokenOf, type Credentials } from './oauth2-grants.js';

export interface RedisRefreshCoordinatorOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** The store every process reads connections from; the winner's credentials are read from it. */
  store: ConnectionStore;
  /** Prefix of the lease keys. Default `patchbay:`. */
  keyPrefix?: string;
  /** How long a lease lasts if its holder dies without releasing it. Default 60 s (longer than a token request may take). */
  leaseMs?: number;
  /** How often a waiting process reads the store for the winner's result. Default 50 ms. */
  pollMs?: number;
  logger?: Logger;
}

export interface RedisRefreshCoordinator extends RefreshCoordinator {
  close(): Promise<void>;
}

// Deletes the lease only while it still holds this holder's fencing token: a holder whose lease
// expired and was taken over never releases its successor's.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * One token refresh per connection across every process sharing a store and a Redis: the process
 * that takes the lease (`SET key token NX PX`, the token a random fencing value) refreshes and
 * stores the result; the others wait, reading the store until the access token changes (or the
 * connection is marked `needs_reauth`), and use what the winner stored. A dead holder's lease
 * expires after `leaseMs` and a waiter takes over. While Redis is unreachable each process
 * refreshes on its own (one refresh per process) and a warning is logged.
 */
export function createRedisRefreshCoordinator(options: RedisRefreshCoordinatorOptions): RedisRefreshCoordinator {
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  const prefix = options.keyPrefix ?? 'patchbay:';
  let client: Promise<Redis> | undefined;
  let closed = false;

  const redis = () => {
    client ??= import('ioredis').then(({ Redis: RedisClass }) => {
      const connection = new RedisClass(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 1_000, lazyConnect: true });
      connection.on('error', () => undefined);
      return connection.connect().then(() => connection, () => connection);
    });
    return client;
  };

  const latestOf = async (connectionId: string) => {
    const stored = await options.store.get(connectionId);
    if (stored?.state === 'needs_reauth') {
      throw new PatchbayError({ code: 'AUTH_FAILED', reauthRequired: true, message: `Connection "${connectionId}" needs to be authorized again (another process's refresh was refused)` });
    }
    return stored?.credentials;
  };

  return {
    async exclusive(connectionId, stale, refresh) {
      const connection = await redis();
      const key = `${prefix}oauth-refresh:${connectionId}`;
      for (;;) {
        const fence = randomUUID();
        let acquired: boolean;
        try {
          acquired = (await connection.set(key, fence, 'PX', leaseMs, 'NX')) === 'OK';
        } catch (error) {
          options.logger?.warn?.('Redis is unreachable: refreshing the OAuth2 token without a cross-process lease', { connection: connectionId, reason: (error as Error).message });
          return refresh((await latestOf(connectionId)) ?? stale);
        }
        if (acquired) {
          try {
            return await refresh((await latestOf(connectionId)) ?? stale);
          } finally {
            await connection.eval(RELEASE, 1, key, fence).catch(() => undefined);
          }
        }
        const renewed = await waitForWinner(connection, key, connectionId, stale);
        if (renewed) return renewed;
      }
    },
    async close() {
      closed = true;
      const connection = await client?.catch(() => undefined);
      connection?.disconnect();
    },
  };

  /** The winner's credentials once stored; `undefined` when its lease ended without them (try again). */
  async function waitForWinner(connection: Redis, key: string, connectionId: string, stale: Credentials): Promise<Credentials | undefined> {
    for (;;) {
      await sleep(pollMs);
      if (closed) throw new PatchbayError({ code: 'ABORTED', message: 'The manager closed while a token refresh was awaited' });
      const latest = await latestOf(connectionId);
      if (latest && accessTokenOf(latest) !== undefined && accessTokenOf(latest) !== accessTokenOf(stale)) return latest;
      const held = await connection.exists(key).catch(() => 0);
      if (!held) return undefined;
    }
  }
}
