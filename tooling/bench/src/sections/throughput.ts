import { BENCH_ITEM } from '../bench-item.js';
import { COST_LADDER } from '../cost-ladder.js';
import { axiosClient, bottleneckUndici, patchbayManager, rawUndici, type HttpClient } from '../http-clients.js';
import { startJsonServer } from '../json-server.js';
import { repeated, runConcurrent, type Timing } from '../load.js';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, pairwise, spread } from '../stats.js';

const REPEATS = 5;
const REQUESTS = 4_000;
// bottleneck admits a few hundred jobs a second, so it gets fewer requests per repeat to keep the
// run short; its figures are rates, so the count does not change them.
const BOTTLENECK_REQUESTS = { 1: 200, 32: 600 } as const;
const CONCURRENCIES = [1, 32] as const;
const LADDER_CONCURRENCY = 32;
const LADDER_REPEATS = 3;

type Contender = 'undici' | 'manager' | 'axios' | 'bottleneck' | 'undiciShort';

const perSecond = (count: number) => (timing: Timing) => (count * 1000) / timing.elapsedMs;
const cpuMicroseconds = (count: number) => (timing: Timing) => (timing.cpuMs * 1000) / count;
const ratios = (a: number[], b: number[]) => spread(pairwise(a, b, (x, y) => x / y));

runSection(async () => {
  const server = await startJsonServer();
  let sent = 0;
  const timed = (client: HttpClient, total: number, concurrency: number) => {
    sent += total;
    return runConcurrent(total, concurrency, () => client.call());
  };
  const clients = {
    undici: rawUndici(server.url),
    manager: await patchbayManager(server.url),
    axios: axiosClient(server.url),
    bottleneck: bottleneckUndici(server.url),
  };
  const rows: string[][] = [];
  const targets: Target[] = [];

  for (const concurrency of CONCURRENCIES) {
    progress(`throughput at concurrency ${concurrency}: warm-up + ${REPEATS} repeats`);
    const short = BOTTLENECK_REQUESTS[concurrency];
    const repeats = await repeated<Record<Contender, Timing>>(REPEATS, async () => ({
      undici: await timed(clients.undici, REQUESTS, concurrency),
      manager: await timed(clients.manager, REQUESTS, concurrency),
      axios: await timed(clients.axios, REQUESTS, concurrency),
      undiciShort: await timed(clients.undici, short, concurrency),
      bottleneck: await timed(clients.bottleneck, short, concurrency),
    }));
    const series = <T>(key: Contender, measure: (timing: Timing) => T) => repeats.map((repeat) => measure(repeat[key]));
    const rate = (key: Contender, count = REQUESTS) => series(key, perSecond(count));
    const cpu = (key: Contender, count = REQUESTS) => series(key, cpuMicroseconds(count));
    const managerRatio = ratios(rate('manager'), rate('undici'));
    const added = spread(pairwise(series('manager', (t) => t.elapsedMs), series('undici', (t) => t.elapsedMs), (x, y) => (x - y) / REQUESTS));
    const row = (client: string, key: Contender, base: Contender, count: number, addedCell: string) => [
      `${concurrency}`,
      client,
      formatSpread(spread(rate(key, count)), 0),
      key === base ? '1.00x' : formatSpread(ratios(rate(key, count), rate(base, count)), key === 'bottleneck' ? 3 : 2, 'x'),
      formatSpread(spread(cpu(key, count)), 1, ' µs'),
      addedCell,
    ];
    rows.push(
      row('undici `Pool.request` (baseline)', 'undici', 'undici', REQUESTS, '—'),
      row('`IntegrationManager.execute`', 'manager', 'undici', REQUESTS, concurrency === 1 ? formatSpread(added, 3, ' ms') : '—'),
      row('axios (keep-alive agent)', 'axios', 'undici', REQUESTS, '—'),
      row(`bottleneck limiter + undici (${short} req/repeat, vs undici on as many)`, 'bottleneck', 'undiciShort', short, '—'),
    );
    if (concurrency === 32) {
      targets.push({ name: 'Manager throughput at concurrency 32', goal: '≥ 0.85x raw undici', measured: formatSpread(managerRatio, 2, 'x'), met: managerRatio.median >= 0.85 });
    } else {
      targets.push({ name: 'Added latency per call at concurrency 1', goal: '≤ 0.2 ms', measured: formatSpread(added, 3, ' ms'), met: added.median <= 0.2 });
    }
  }
  await Promise.all(Object.values(clients).map((client) => client.close()));

  progress(`cost ladder at concurrency ${LADDER_CONCURRENCY}: warm-up + ${LADDER_REPEATS} repeats per rung`);
  const ladderRows: string[][] = [];
  let baselineCpu: number[] = [];
  for (const rung of COST_LADDER) {
    const client = await rung.create(server.url);
    const cpu = (await repeated(LADDER_REPEATS, () => timed(client, REQUESTS, LADDER_CONCURRENCY))).map(cpuMicroseconds(REQUESTS));
    await client.close();
    if (baselineCpu.length === 0) baselineCpu = cpu;
    ladderRows.push([rung.label, formatSpread(spread(cpu), 1, ' µs'), formatSpread(ratios(cpu, baselineCpu), 2, 'x')]);
  }

  const served = await server.close();
  if (served !== sent) throw new Error(`The server answered ${served} requests but the clients sent ${sent}`);

  const body = [
    `A loopback \`node:http\` server in a child process (its own core) answers every \`GET /items/1\` with a ` +
      `${Buffer.byteLength(JSON.stringify(BENCH_ITEM))}-byte JSON body. Each repeat sends ${REQUESTS.toLocaleString('en-US')} ` +
      'requests per client at the given concurrency, after one warm-up repeat; each ratio pairs a repeat with the raw undici ' +
      'run of the same repeat. The manager call validates `{ id: 1 }` against the operation\'s JSON Schema and goes through ' +
      'the retry wrapper, a local rate limit of 1,000,000 per second (never binding), bearer auth, parsing and the result ' +
      'union. Every client sends the same headers, parses the JSON and checks it; the server answered ' +
      `${served.toLocaleString('en-US')} requests, exactly as many as were sent. "CPU per request" is the client process's ` +
      'user + system time divided by the requests: it is much less noisy than req/s when other work shares the machine. ' +
      '"Added per call" is (manager time − undici time) / requests at concurrency 1.',
    '',
    table(['concurrency', 'client', 'req/s', 'ratio to undici', 'CPU per request', 'added per call'], rows),
    '',
    'The bottleneck row is the trap of wrapping every request in a local bottleneck limiter: bottleneck 2.19.5\'s local datastore waits a timer tick per job, ' +
      'so wrapping every request in `schedule()` caps a fast transport at a few hundred jobs a second even when the rule ' +
      '(here a reservoir of 1,000,000 refilled every second) is far from binding. That is why the runtime\'s ' +
      '`LocalRateLimiter` is hand-written: under a non-binding rule, admitting a request is a few comparisons.',
    '',
    `### Where the manager's time goes (concurrency ${LADDER_CONCURRENCY}, client CPU per request)`,
    '',
    'The second rung swaps undici\'s `request()`, which wraps every response body in a stream, for `dispatch()` with a ' +
      'handler that gathers the body: that is how the runtime sends, since it always reads a body whole, and it is why ' +
      'the manager can keep pace with the baseline. Each later rung adds one layer of the runtime\'s request path to the ' +
      'rung above it; the difference between two rungs is what that layer costs per request.',
    '',
    table(['rung', 'CPU per request', 'ratio to undici'], ladderRows),
  ].join('\n');
  return { title: 'Request throughput: IntegrationManager vs undici, axios and bottleneck', body, targets } satisfies SectionResult;
});
