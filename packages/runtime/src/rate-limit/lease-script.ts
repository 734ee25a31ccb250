import type { Redis } from 'ioredis';

/**
 * The one script a shared limiter runs, once per lease rather than once per request. Every time is
 * Redis's own clock (`TIME`) or a duration relative to it, so processes on machines whose clocks
 * disagree still share one window.
 *
 * Window (`limit` per `intervalMs`): a lease is a number of request starts, recorded in a hash
 * (lease id → count) and a sorted set (lease id → when its count leaves the window). A new lease
 * gets at most `limit` minus every count still in the window. A live lease's count stays in the
 * window until the process returns it (`used` starts, last one settled `settledAgoMs` ago); then
 * it stays until `intervalMs` after that settlement, which is what keeps every sliding window of
 * `intervalMs` at `limit` arrivals or fewer. An unused slice is returned as zero and frees at once.
 * A process that dies keeps its lease until `holdMs` (lease, slot expiration and interval) passes.
 *
 * Concurrency (`maxConcurrent`): each process (holder) declares how many requests it wants to run
 * at once and gets at most what the others leave, capped at a fair share when several hold or wait,
 * and never less than what it runs now (so the sum never exceeds the cap). A holder that stops
 * renewing expires after `holderTtlMs`.
 *
 * Spacing (`minTimeMs`): reserves the next start time and answers how long to wait for it.
 *
 * Pause: the remaining time of the pause a 429 wrote, so every process holds until then.
 */
const LEASE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local wantSlots = tonumber(ARGV[3])
local holdMs = tonumber(ARGV[5])
local maxConcurrent = tonumber(ARGV[6])
local holderTtl = tonumber(ARGV[10])
local minTime = tonumber(ARGV[11])
local returned = tonumber(ARGV[12])
local keep = math.max(holdMs, holderTtl, interval) * 2

for i = 0, returned - 1 do
  local id = ARGV[13 + i * 3]
  local used = tonumber(ARGV[14 + i * 3])
  if redis.call('HEXISTS', KEYS[1], id) == 1 then
    if used == 0 then
      redis.call('HDEL', KEYS[1], id)
      redis.call('ZREM', KEYS[2], id)
    else
      redis.call('HSET', KEYS[1], id, used)
      redis.call('ZADD', KEYS[2], now - tonumber(ARGV[15 + i * 3]) + interval, id)
    end
  end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do redis.call('HDEL', KEYS[1], id) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)

local slots = 0
local retry = 0
if limit > 0 and wantSlots > 0 then
  local taken = 0
  for _, count in ipairs(redis.call('HVALS', KEYS[1])) do taken = taken + tonumber(count) end
  slots = math.min(wantSlots, limit - taken)
  if slots > 0 then
    redis.call('HSET', KEYS[1], ARGV[4], slots)
    redis.call('ZADD', KEYS[2], now + holdMs, ARGV[4])
    redis.call('PEXPIRE', KEYS[1], keep)
    redis.call('PEXPIRE', KEYS[2], keep)
  else
    slots = 0
    local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    retry = first[2] and math.max(1, tonumber(first[2]) - now) or 1
  end
end

local units = 0
if maxConcurrent > 0 then
  local holder = ARGV[7]
  local wantUnits = tonumber(ARGV[8])
  local running = tonumber(ARGV[9])
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)) do redis.call('HDEL', KEYS[3], id) end
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  if wantUnits == 0 and running == 0 then
    redis.call('HDEL', KEYS[3], holder)
    redis.call('ZREM', KEYS[4], holder)
  else
    local others = 0
    local holders = 1
    local all = redis.call('HGETALL', KEYS[3])
    for i = 1, #all, 2 do
      if all[i] ~= holder then
        others = others + tonumber(all[i + 1])
        holders = holders + 1
      end
    end
    units = math.max(running, math.min(wantUnits, maxConcurrent - others, math.ceil(maxConcurrent / holders)))
    redis.call('HSET', KEYS[3], holder, units)
    redis.call('ZADD', KEYS[4], now + holderTtl, holder)
    redis.call('PEXPIRE', KEYS[3], keep)
    redis.call('PEXPIRE', KEYS[4], keep)
  end
end

local startIn = 0
if minTime > 0 and (limit == 0 or slots > 0) then
  local nextStart = tonumber(redis.call('GET', KEYS[6]) or '0')
  local start = math.max(now, nextStart)
  redis.call('SET', KEYS[6], start + minTime, 'PX', start + minTime - now + minTime)
  startIn = start - now
end

return { slots, units, retry, math.max(0, redis.call('PTTL', KEYS[5])), startIn }
`;

// Keeps the longer of two pauses; a pause is written as a duration so clocks need not agree.
const EXTEND_PAUSE_SCRIPT = `
if tonumber(ARGV[1]) > redis.call('PTTL', KEYS[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
`;

/** What a process asks for in one lease call. */
export interface LeaseRequest {
  limit: number;
  intervalMs: number;
  /** Starts wanted in a new lease; 0 keeps the current one. */
  wantSlots: number;
  leaseId: string;
  /** How long a lease that is never returned counts in the window. */
  holdMs: number;
  maxConcurrent: number;
  holder: string;
  wantUnits: number;
  running: number;
  holderTtlMs: number;
  minTimeMs: number;
  /** Ended leases: how many starts each used and how long ago its last request settled. */
  returned: { id: string; used: number; settledAgoMs: number }[];
}

export interface LeaseGrant {
  slots: number;
  units: number;
  /** When something asked for was not granted: how long until asking again is worthwhile. */
  retryMs: number;
  pausedForMs: number;
  /** With `minTimeMs`: the reserved start is this far away. */
  startInMs: number;
}

/** The keys of one limiter key, in the order the script expects. */
export function leaseKeys(prefix: string): string[] {
  return ['slots', 'slot-ends', 'units', 'holders', 'pause', 'next-start'].map((suffix) => `${prefix}:${suffix}`);
}

interface LeaseCommands {
  patchbayLease(...args: (string | number)[]): Promise<number[]>;
  patchbayExtendPause(key: string, ms: number): Promise<number>;
}

/** Registers the scripts on a client; ioredis sends them with EVALSHA and loads them on a miss. */
export function defineLeaseCommands(client: Redis): void {
  client.defineCommand('patchbayLease', { numberOfKeys: 6, lua: LEASE_SCRIPT });
  client.defineCommand('patchbayExtendPause', { numberOfKeys: 1, lua: EXTEND_PAUSE_SCRIPT });
}

export async function lease(client: Redis, prefix: string, request: LeaseRequest): Promise<LeaseGrant> {
  const args = [
    request.limit, request.intervalMs, request.wantSlots, request.leaseId, request.holdMs,
    request.maxConcurrent, request.holder, request.wantUnits, request.running, request.holderTtlMs,
    request.minTimeMs, request.returned.length,
    ...request.returned.flatMap((ended) => [ended.id, ended.used, Math.max(0, Math.round(ended.settledAgoMs))]),
  ];
  const [slots, units, retryMs, pausedForMs, startInMs] = await (client as unknown as LeaseCommands).patchbayLease(...leaseKeys(prefix), ...args);
  return { slots: slots!, units: units!, retryMs: retryMs!, pausedForMs: pausedForMs!, startInMs: startInMs! };
}

export async function extendPause(client: Redis, prefix: string, ms: number): Promise<void> {
  await (client as unknown as LeaseCommands).patchbayExtendPause(`${prefix}:pause`, Math.ceil(ms));
}
