import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { IntegrationManager } from '@patchbay/runtime';
import { createDiscoveryApp } from '../discovery-app.js';
import { repeated, settledMemory } from '../load.js';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, pairwise, spread } from '../stats.js';

const REPEATS = 5;
const SIZES = [50, 300, 1_000];
const TARGET_MS = 300;

interface Repeat {
  createMs: number;
  readMs: number;
  heapBytes: number;
  connectors: number;
  problems: number;
}

runSection(async () => {
  const rows: string[][] = [];
  const targets: Target[] = [];
  for (const size of SIZES) {
    progress(`discovery of ${size} packages: warm-up + ${REPEATS} repeats`);
    const app = await createDiscoveryApp(size);
    try {
      const repeats = await repeated<Repeat>(REPEATS, async () => {
        let started = performance.now();
        await Promise.all(app.manifests.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as unknown));
        const readMs = performance.now() - started;

        const before = settledMemory();
        started = performance.now();
        const manager = await IntegrationManager.create({ cwd: app.directory });
        const createMs = performance.now() - started;
        const heapBytes = settledMemory() - before;
        const repeat = { createMs, readMs, heapBytes, connectors: manager.connectors().length, problems: manager.problems().length };
        await manager.close();
        return repeat;
      });
      const imported = await app.importedModules();
      const allFound = repeats.every((repeat) => repeat.connectors === size && repeat.problems === 0);
      if (!allFound || imported.length > 0) {
        throw new Error(`Discovery of ${size} packages found ${repeats.map((r) => r.connectors).join('/')} connectors, ${repeats[0]!.problems} problems, imported ${imported.length} modules`);
      }
      const create = spread(repeats.map((repeat) => repeat.createMs));
      const ratio = spread(pairwise(repeats.map((r) => r.createMs), repeats.map((r) => r.readMs), (x, y) => x / y));
      rows.push([
        size.toLocaleString('en-US'),
        formatSpread(create, 1, ' ms'),
        formatSpread(spread(repeats.map((repeat) => repeat.readMs)), 1, ' ms'),
        formatSpread(ratio, 1, 'x'),
        formatSpread(spread(repeats.map((repeat) => repeat.heapBytes / 2 ** 20)), 2, ' MB'),
        `${size} / 0`,
        `${imported.length}`,
      ]);
      if (size === SIZES[SIZES.length - 1]) {
        targets.push({ name: `Discovery of ${size.toLocaleString('en-US')} packages`, goal: `< ${TARGET_MS} ms`, measured: formatSpread(create, 1, ' ms'), met: create.median < TARGET_MS });
        targets.push({ name: `Modules imported by discovery of ${size.toLocaleString('en-US')} packages`, goal: '0', measured: `${imported.length}`, met: imported.length === 0 });
      }
    } finally {
      await app.remove();
    }
  }
  const body = [
    'A generated app in a temp directory depends on N connector packages laid out as npm installs them under ' +
      '`node_modules/@bench/`. Each has a `patchbay` field in its package.json, a `dist/catalog.json` with four operations ' +
      '(input and output schemas, a rate-limit hint) and a `dist/index.js` that writes a marker file and then throws, so any ' +
      'import would be seen. The timed step is `IntegrationManager.create({ cwd })`. The baseline is merely reading and ' +
      'parsing the same N package.json files with `fs` in the same repeat (discovery also reads the app\'s package.json, ' +
      'resolves each package directory and reads and checks every catalog). Memory is heap plus ArrayBuffers after a forced ' +
      'GC, with the manager still referenced, against before it was created.',
    '',
    table(['packages', '`IntegrationManager.create`', 'read the package.json files', 'ratio', 'memory growth', 'connectors() / problems()', 'modules imported'], rows),
  ].join('\n');
  return { title: 'Discovery without importing connector code', body, targets } satisfies SectionResult;
});
