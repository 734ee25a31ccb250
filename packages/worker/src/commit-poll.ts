import type { Redis } from 'ioredis';

/**
 * Commits one poll atomically: appends each item whose key the subscription has not delivered to
 * the delivery stream, records the key, and stores the new state, all in one script, so a worker
 * killed at any point leaves either nothing of the poll or all of it. The state carries a version:
 * a poll that read an older state than the one now stored (it overlapped a faster poll of the same
 * subscription) commits nothing, and the next poll starts from the newer state.
 *
 * KEYS: state hash, delivered sorted set, delivery stream.
 * ARGV: expected version, new state JSON, subscription id, how many keys to remember, then
 * (item key, item JSON) pairs. Answers how many items were appended, or -1 on a version conflict.
 */
const COMMIT_POLL_SCRIPT = `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local appended = 0
for i = 5, #ARGV, 2 do
  if redis.call('ZADD', KEYS[2], 'NX', now, ARGV[i]) == 1 then
    redis.call('XADD', KEYS[3], '*', 'subscription', ARGV[3], 'key', ARGV[i], 'item', ARGV[i + 1])
    appended = appended + 1
  end
end
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[4]) - 1)
redis.call('HSET', KEYS[1], 'version', version + 1, 'state', ARGV[2])
return appended
`;

interface CommitCommands {
  patchbayCommitPoll(...args: (string | number)[]): Promise<number>;
}

export function defineCommitPoll(client: Redis): void {
  client.defineCommand('patchbayCommitPoll', { numberOfKeys: 3, lua: COMMIT_POLL_SCRIPT });
}

export interface PollCommit {
  stateKey: string;
  deliveredKey: string;
  streamKey: string;
  expectedVersion: number;
  state: unknown;
  subscriptionId: string;
  remember: number;
  items: { key: string; item: unknown }[];
}

/** Appends the new items and advances the state; `undefined` when another poll got there first. */
export async function commitPoll(client: Redis, commit: PollCommit): Promise<number | undefined> {
  const appended = await (client as unknown as CommitCommands).patchbayCommitPoll(
    commit.stateKey,
    commit.deliveredKey,
    commit.streamKey,
    commit.expectedVersion,
    JSON.stringify(commit.state),
    commit.subscriptionId,
    commit.remember,
    ...commit.items.flatMap(({ key, item }) => [key, JSON.stringify(item)]),
  );
  return appended < 0 ? undefined : appended;
}

/** The stored state of a subscription and its version (0 before the first commit). */
export async function readPollState(client: Redis, stateKey: string): Promise<{ version: number; state: unknown }> {
  const [version, state] = await client.hmget(stateKey, 'version', 'state');
  return { version: Number(version ?? 0), state: state ? (JSON.parse(state) as unknown) : undefined };
}
