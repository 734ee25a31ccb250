import { IntegrationManager } from '@patchbay/runtime';
import { BenchModule } from '../bench-connector.js';
import { startJsonServer } from '../json-server.js';
import { repeated, runConcurrent, settledMemory } from '../load.js';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, pairwise, spread, type Spread } from '../stats.js';

const REPEATS = 2;
const CONNECTIONS = 10_000;
const TARGET_KB = 30;
// GitHub's module default: a user token gets 5,000 requests an hour.
const GITHUB_RULE = { limit: 5000, intervalMs: 3_600_000 };

interface Repeat {
  baseline: number;
  idle: number;
  hydrated: number;
}

const connectionConfig = (url: string, index: number, rateLimit: unknown) =>
  rateLimit === undefined ? { baseUrl: url, workspace: `w${index}` } : { baseUrl: url, workspace: `w${index}`, rateLimit };

/** Bytes per connection: the records an app keeps anyway, idle connections, then hydrated ones. */
async function measure(url: string, rateLimit: unknown): Promise<Repeat> {
  let before = settledMemory();
  const records = new Map<string, unknown>();
  for (let index = 0; index < CONNECTIONS; index++) {
    records.set(`c${index}`, { id: `c${index}`, credentials: { token: `token-${index}` }, config: connectionConfig(url, index, rateLimit) });
  }
  const baseline = (settledMemory() - before) / CONNECTIONS;
  records.clear();

  const manager = await IntegrationManager.create({ modules: [BenchModule] });
  before = settledMemory();
  for (let index = 0; index < CONNECTIONS; index++) {
    await manager.connect({ id: `c${index}`, connector: 'bench', credentials: { token: `token-${index}` }, config: connectionConfig(url, index, rateLimit) });
  }
  const idle = (settledMemory() - before) / CONNECTIONS;
  await runConcurrent(CONNECTIONS, 32, async (index) => {
    const result = await manager.execute(`c${index}`, 'item.get', { id: 1 });
    if (!result.ok) throw new Error(`c${index}: ${result.error.code} ${result.error.message}`);
  });
  const hydrated = (settledMemory() - before) / CONNECTIONS;
  await manager.close();
  return { baseline, idle, hydrated };
}

const kb = (value: Spread) => formatSpread({ min: value.min / 1024, median: value.median / 1024, max: value.max / 1024 }, 2, ' KB');

runSection(async () => {
  const server = await startJsonServer();
  const rows: string[][] = [];
  const targets: Target[] = [];
  for (const [label, rule] of [['no rate-limit rule', undefined], ['GitHub\'s rule, 5,000 per hour', GITHUB_RULE]] as const) {
    progress(`memory of ${CONNECTIONS.toLocaleString('en-US')} connections (${label}): warm-up + ${REPEATS} repeats`);
    const repeats = await repeated(REPEATS, () => measure(server.url, rule));
    const series = (key: keyof Repeat) => repeats.map((repeat) => repeat[key]);
    const idle = spread(series('idle'));
    const hydrated = spread(series('hydrated'));
    rows.push(
      [label, 'app\'s own connection records (baseline)', kb(spread(series('baseline'))), '1.0x'],
      [label, 'idle: `connect()` only', kb(idle), formatSpread(spread(pairwise(series('idle'), series('baseline'), (x, y) => x / y)), 1, 'x')],
      [label, 'hydrated: after one `execute()` each', kb(hydrated), formatSpread(spread(pairwise(series('hydrated'), series('baseline'), (x, y) => x / y)), 1, 'x')],
    );
    if (rule === undefined) {
      targets.push({ name: `Memory per idle connection (${CONNECTIONS.toLocaleString('en-US')})`, goal: `< ${TARGET_KB} KB`, measured: kb(idle), met: idle.median < TARGET_KB * 1024 });
    }
    targets.push({ name: `Memory per hydrated connection, ${label}`, goal: `(reported; < ${TARGET_KB} KB)`, measured: kb(hydrated), met: hydrated.median < TARGET_KB * 1024 });
  }
  await server.close();
  const body = [
    `One manager holds ${CONNECTIONS.toLocaleString('en-US')} connections to the bench connector, each with its own ` +
      'credentials and config. Memory is heap plus ArrayBuffers after two forced GCs (`--expose-gc`), measured against the ' +
      'manager just created; divided by the number of connections. "Hydrated" means every connection has executed one ' +
      'call on the loopback server (32 at a time), so each has its API client, bound module and, with a rule, its limiter. ' +
      'The baseline is the same id, credentials and config objects kept in a plain Map: what an app holds anyway.',
    '',
    table(['rate limit', 'state', 'per connection', 'ratio to baseline'], rows),
  ].join('\n');
  return { title: 'Memory per connection', body, targets } satisfies SectionResult;
});
