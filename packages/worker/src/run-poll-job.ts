import type { IntegrationManager, PollState } from '@patchbay/runtime';
import type { Redis } from 'ioredis';
import { commitPoll, readPollState } from './commit-poll.js';
import { itemKey } from './item-key.js';
import type { PollJobData } from './job-data.js';
import type { WorkerKeys } from './redis-options.js';

/** What one scheduled poll did; the job's return value. */
export interface PollOutcome {
  ok: boolean;
  /** Items appended to the delivery stream by this poll. */
  delivered: number;
  /** Another poll of the subscription committed first; this one delivered nothing. */
  superseded?: boolean;
  error?: { code: string; message: string };
}

/** How many delivered keys a subscription remembers in Redis, beyond what the runtime's state keeps. */
const REMEMBERED_KEYS = 10_000;

/**
 * One poll of a subscription: reads its state from Redis, polls through the runtime, and commits
 * the new items and the new state in one script (see `commit-poll.ts`). Nothing is delivered
 * before the commit, so a worker killed mid-poll delivers nothing and the poll is run again.
 */
export async function runPollJob(manager: IntegrationManager, redis: Redis, keys: WorkerKeys, data: PollJobData): Promise<PollOutcome> {
  const stateKey = keys.pollState(data.subscriptionId);
  const stored = await readPollState(redis, stateKey);
  const result = await manager.poll(data.connectionId, data.operation, { input: data.input, state: stored.state as PollState | undefined });
  if (!result.ok) return { ok: false, delivered: 0, ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}) };
  const dedupeKey = triggerDedupeKey(manager, data.connectionId, data.operation);
  const appended = await commitPoll(redis, {
    stateKey,
    deliveredKey: keys.delivered(data.subscriptionId),
    streamKey: keys.deliveries,
    expectedVersion: stored.version,
    state: result.state,
    subscriptionId: data.subscriptionId,
    remember: REMEMBERED_KEYS,
    items: result.items.map((item) => ({ key: itemKey(item, dedupeKey), item })),
  });
  return appended === undefined ? { ok: true, delivered: 0, superseded: true } : { ok: true, delivered: appended };
}

function triggerDedupeKey(manager: IntegrationManager, connectionId: string, operation: string): string | undefined {
  const connector = manager.listConnections().find((connection) => connection.id === connectionId)?.connector;
  return connector === undefined ? undefined : manager.catalog(connector)?.operations[operation]?.trigger?.dedupeKey;
}
