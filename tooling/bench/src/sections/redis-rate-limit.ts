import { startTestRedis } from '@patchbay/stand-ins';
import { Redis } from 'ioredis';
import { patchbayManager, rawUndici, type HttpClient } from '../http-clients.js';
import { startJsonServer } from '../json-server.js';
import { repeated, runConcurrent, type Timing } from '../load.js';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, pairwise, spread } from '../stats.js';

const REPEATS = 5;
const REQUESTS = 4_000;
const CONCURRENCIES = [1, 32] as const;

type Contender = 'undici' | 'local' | 'redis';

const perSecond = (timing: Timing) => (REQUESTS * 1000) / timing.elapsedMs;

/** Script calls Redis has run since the last reset: what the shared limits cost in round trips. */
async function scriptCalls(admin: Redis): Promise<number> {
  const stats = await admin.info('commandstats');
  return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

runSection(async () => {
  const server = await startJsonServer();
  const redis = await startTestRedis();
  const admin = new Redis(redis.url);
  let sent = 0;
  const timed = (client: HttpClient, concurrency: number) => {
    sent += REQUESTS;
    return runConcurrent(REQUESTS, concurrency, () => client.call());
  };
  const clients = {
    undici: rawUndici(server.url),
    local: await patchbayManager(server.url),
    redis: await patchbayManager(server.url, redis.url),
  };
  const rows: string[][] = [];
  const targets: Target[] = [];
  let redisRequests = 0;
  await admin.config('RESETSTAT');
  try {
    for (const concurrency of CONCURRENCIES) {
      progress(`Redis-shared limits at concurrency ${concurrency}: warm-up + ${REPEATS} repeats`);
      const repeats = await repeated<Record<Contender, Timing>>(REPEATS, async () => {
        const undici = await timed(clients.undici, concurrency);
        const local = await timed(clients.local, concurrency);
        const shared = await timed(clients.redis, concurrency);
        redisRequests += REQUESTS;
        return { undici, local, redis: shared };
      });
      const series = (key: Contender, measure: (timing: Timing) => number) => repeats.map((repeat) => measure(repeat[key]));
      const ratio = (key: Contender) => spread(pairwise(series(key, perSecond), series('undici', perSecond), (x, y) => x / y));
      const added = (key: Contender) =>
        spread(pairwise(series(key, (t) => t.elapsedMs), series('undici', (t) => t.elapsedMs), (x, y) => (x - y) / REQUESTS));
      const row = (label: string, key: Contender) => [
        `${concurrency}`,
        label,
        formatSpread(spread(series(key, perSecond)), 0),
        key === 'undici' ? '1.00x' : formatSpread(ratio(key), 2, 'x'),
        key === 'undici' || concurrency !== 1 ? '—' : formatSpread(added(key), 3, ' ms'),
      ];
      rows.push(
        row('undici `Pool.request` (baseline)', 'undici'),
        row('`execute`, local limits', 'local'),
        row('`execute`, limits shared through Redis', 'redis'),
      );
      if (concurrency === 32) {
        const measured = ratio('redis');
        targets.push({ name: 'Redis-shared limits: throughput at concurrency 32', goal: '≥ 0.7x raw undici', measured: formatSpread(measured, 2, 'x'), met: measured.median >= 0.7 });
      } else {
        const measured = added('redis');
        targets.push({ name: 'Redis-shared limits: added latency per call at concurrency 1', goal: '≤ 0.3 ms', measured: formatSpread(measured, 3, ' ms'), met: measured.median <= 0.3 });
      }
    }
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.close()));
  }
  const calls = await scriptCalls(admin);
  admin.disconnect();
  await redis.stop();
  const served = await server.close();
  if (served !== sent) throw new Error(`The server answered ${served} requests but the clients sent ${sent}`);

  const body = [
    'The same loopback server and bench item as the throughput section, and a real `redis-server` started on loopback for ' +
      `the section. Each repeat sends ${REQUESTS.toLocaleString('en-US')} requests per client at the given concurrency, ` +
      'after one warm-up repeat; each ratio pairs a repeat with the raw undici run of the same repeat. Both managers ' +
      'carry the same non-binding rule (1,000,000 per second); one keeps it in process, the other shares it through ' +
      'Redis (`rateLimit: { redis: { url } }`), where each process leases a slice of the window with one script call ' +
      'and admits requests from it locally. "Added per call" is (manager time − undici time) / requests at concurrency 1.',
    '',
    table(['concurrency', 'client', 'req/s', 'ratio to undici', 'added per call'], rows),
    '',
    `Redis ran ${calls.toLocaleString('en-US')} script calls for the ${redisRequests.toLocaleString('en-US')} shared-limit ` +
      `requests (warm-ups included): one per ${(redisRequests / Math.max(1, calls)).toFixed(0)} requests. Before slices, ` +
      'bottleneck\'s clustering made several round trips per request (0.06x raw undici at concurrency 32, 4.3 ms added ' +
      'per call, measured once on 2026-12-01).',
  ].join('\n');
  return { title: 'Rate limits shared through Redis', body, targets } satisfies SectionResult;
});
