import { IntegrationManager } from '@patchbay/runtime';
import { BenchModule } from '../bench-connector.js';
import { repeated } from '../load.js';
import { table } from '../markdown.js';
import { startQuotaServer } from '../quota-server.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, spread } from '../stats.js';

const REPEATS = 3;
const LIMIT = 50;
const INTERVAL_MS = 1000;
const CALLS = 200;

interface Repeat {
  achievedPerSecond: number;
  busiestWindow: number;
  rejected: number;
  failed: number;
  elapsedMs: number;
}

async function burst(): Promise<Repeat> {
  const server = await startQuotaServer(LIMIT, INTERVAL_MS);
  const manager = await IntegrationManager.create({ modules: [BenchModule] });
  await manager.connect({ id: 'quota', connector: 'bench', credentials: { token: 'quota-token' }, config: { baseUrl: server.url, rateLimit: { limit: LIMIT, intervalMs: INTERVAL_MS } } });
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: CALLS }, () => manager.execute('quota', 'item.get', { id: 1 })));
  const elapsedMs = performance.now() - started;
  await manager.close();
  const arrivals = await server.close();
  return {
    // The first LIMIT calls may start at once; each further LIMIT need one more interval.
    achievedPerSecond: ((arrivals.accepted.length - LIMIT) * 1000) / (arrivals.accepted.at(-1)! - arrivals.accepted[0]!),
    busiestWindow: arrivals.busiestWindow,
    rejected: arrivals.rejected,
    failed: results.filter((result) => !result.ok).length,
    elapsedMs,
  };
}

runSection(async () => {
  progress(`rate-limit fidelity: ${CALLS} calls at once under ${LIMIT} per ${INTERVAL_MS} ms, warm-up + ${REPEATS} repeats`);
  const repeats = await repeated(REPEATS, burst);
  const series = (key: keyof Repeat) => spread(repeats.map((repeat) => repeat[key]));
  const achieved = series('achievedPerSecond');
  const rejected = series('rejected');
  const configured = (LIMIT * 1000) / INTERVAL_MS;
  const ratio = { min: achieved.min / configured, median: achieved.median / configured, max: achieved.max / configured };
  const rows = [
    ['configured rate (baseline)', `${configured} req/s`],
    ['achieved rate after the first window', formatSpread(achieved, 1, ' req/s')],
    ['ratio achieved / configured', formatSpread(ratio, 3, 'x')],
    [`most requests the server saw in any ${INTERVAL_MS} ms window`, formatSpread(series('busiestWindow'), 0)],
    ['429 answers', formatSpread(rejected, 0)],
    ['calls that failed', formatSpread(series('failed'), 0)],
    [`time for all ${CALLS} calls`, formatSpread(series('elapsedMs'), 0, ' ms')],
  ];
  const targets: Target[] = [
    { name: `429s with ${CALLS} concurrent calls under ${LIMIT}/s`, goal: '0', measured: formatSpread(rejected, 0), met: rejected.max === 0 },
    { name: 'Achieved rate / configured rate', goal: '≤ 1.00x (never above the quota)', measured: formatSpread(ratio, 3, 'x'), met: ratio.max <= 1 },
  ];
  const body = [
    `A loopback server admits at most ${LIMIT} requests in any sliding ${INTERVAL_MS} ms window, timed at arrival with its millisecond clock, and answers ` +
      `429 (with \`Retry-After\`) to any request over it. One connection carries the rule \`{ limit: ${LIMIT}, intervalMs: ` +
      `${INTERVAL_MS} }\`; ${CALLS} calls are pushed at once. A fresh server and manager are used for each repeat. The ` +
      'achieved rate counts the requests after the first window over the time from the first arrival to the last.',
    '',
    table(['figure', 'value'], rows),
  ].join('\n');
  return { title: 'Rate-limit fidelity', body, targets } satisfies SectionResult;
});
