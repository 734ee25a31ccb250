import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult, Target } from '../section-result.js';
import { formatSpread, pairwise, spread } from '../stats.js';

const run = promisify(execFile);
const WORKSPACE = fileURLToPath(new URL('../../..', import.meta.url));
const CLI_BIN = path.join(WORKSPACE, 'tooling/cli/bin/patchbay.js');
const KIT_BIN = path.join(WORKSPACE, 'packages/connector-kit/bin/patchbay-connector.js');
// Stripe's document, gzipped in tooling/cli/test-documents/; PATCHBAY_SPECS names another folder.
const SPECS = process.env.PATCHBAY_SPECS ?? path.join(WORKSPACE, 'tooling', 'cli', 'test-documents');
const REPEATS = 5;
const MB = 2 ** 20;

/** Started in a fresh process per repeat: the app's start (import + discovery) and its memory after a forced GC. */
const START_SCRIPT = `const started = performance.now();
const { IntegrationManager } = await import('@patchbay/runtime');
const manager = await IntegrationManager.create({ cwd: process.cwd() });
const startMs = performance.now() - started;
globalThis.gc();
const memory = process.memoryUsage();
const connectors = manager.connectors().map((connector) => connector.id + ':' + connector.operations.length);
await manager.close();
console.log(JSON.stringify({ startMs, heapBytes: memory.heapUsed + memory.arrayBuffers, rssBytes: memory.rss, connectors }));
`;

interface Start {
  startMs: number;
  heapBytes: number;
  rssBytes: number;
  connectors: string[];
}

runSection(async () => {
  const stripeDocument = path.join(SPECS, 'stripe-2020-08-27.openapi.json.gz');
  if (!existsSync(stripeDocument)) {
    // The vendor document is not part of the repository: without it the section says so and measures nothing.
    return {
      title: 'Connectors generated from whole vendor APIs',
      body: `Not run: no \`stripe-2020-08-27.openapi.json.gz\` in ${SPECS}. Set \`PATCHBAY_SPECS\` to the folder holding it.`,
      targets: [],
    };
  }
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'patchbay-openapi-scale-')));
  try {
    const document = path.join(root, 'stripe.openapi.json');
    await writeFile(document, gunzipSync(await readFile(stripeDocument)));
    const directory = path.join(root, 'stripe-gen');

    progress("generating a connector from Stripe's document");
    let started = performance.now();
    await run(process.execPath, [CLI_BIN, 'new', 'stripe-gen', '--dir', directory, '--from-openapi', document], { cwd: root, maxBuffer: 16 * MB });
    const generateMs = performance.now() - started;
    await linkDependencies(directory, ['@patchbay/runtime', '@patchbay/contract', '@patchbay/connector-kit', 'typescript', '@types/node']);

    progress('building it (bundle, catalog, index, README reference, operation types, declarations)');
    started = performance.now();
    await run(process.execPath, [KIT_BIN, 'build', directory], { cwd: directory, maxBuffer: 16 * MB });
    const buildMs = performance.now() - started;

    const catalogBytes = (await stat(path.join(directory, 'dist', 'catalog.json'))).size;
    const indexBytes = (await stat(path.join(directory, 'dist', 'catalog-index.json'))).size;
    const { stdout: packed } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: directory, maxBuffer: 16 * MB });
    const [pack] = JSON.parse(packed) as { size: number; unpackedSize: number }[];

    progress(`app start with and without it: ${REPEATS} fresh processes each`);
    const without = await app(root, 'app-without', []);
    const withConnector = await app(root, 'app-with', [directory]);
    const bare: Start[] = [];
    const installed: Start[] = [];
    await start(without);
    await start(withConnector);
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      bare.push(await start(without));
      installed.push(await start(withConnector));
    }
    if (!installed.every((result) => result.connectors.join() === 'stripe-gen:417') || bare.some((result) => result.connectors.length > 0)) {
      throw new Error(`unexpected discovery: ${JSON.stringify(installed[0]?.connectors)} / ${JSON.stringify(bare[0]?.connectors)}`);
    }

    const ratio = spread(pairwise(installed.map((r) => r.startMs), bare.map((r) => r.startMs), (a, b) => a / b));
    const growth = spread(pairwise(installed.map((r) => r.heapBytes), bare.map((r) => r.heapBytes), (a, b) => (a - b) / MB));
    const rssGrowth = spread(pairwise(installed.map((r) => r.rssBytes), bare.map((r) => r.rssBytes), (a, b) => (a - b) / MB));
    const totalSeconds = (generateMs + buildMs) / 1000;
    const targets: Target[] = [
      { name: "Stripe's generated catalog", goal: '≤ 10 MB', measured: `${(catalogBytes / MB).toFixed(2)} MB`, met: catalogBytes <= 10 * MB },
      { name: "Stripe's generated package, packed", goal: '≤ 5 MB', measured: `${(pack!.size / MB).toFixed(2)} MB`, met: pack!.size <= 5 * MB },
      { name: "Stripe's connector: generation + build", goal: '≤ 20 s', measured: `${totalSeconds.toFixed(1)} s`, met: totalSeconds <= 20 },
      { name: 'App start with it installed', goal: '≤ 1.2x without', measured: formatSpread(ratio, 2, 'x'), met: ratio.median <= 1.2 },
      { name: 'App memory with it installed, until first use', goal: '≤ +50 MB', measured: formatSpread(growth, 1, ' MB'), met: growth.median <= 50 },
    ];
    const body = [
      "`patchbay new stripe-gen --from-openapi` on Stripe's 2020-08-27 document (417 operations, gunzipped from " +
        '`../shared/specs` into a temp folder), then `patchbay-connector build` of the generated package with the workspace\'s ' +
        'runtime, contract and kit linked in. App start is a fresh `node --expose-gc` process per repeat that imports ' +
        '`@patchbay/runtime` and runs `IntegrationManager.create({ cwd })`, in an app that depends on the generated connector ' +
        'and in one that does not (the baseline), alternating; memory is heap plus ArrayBuffers after a forced GC, before any ' +
        'connection is made.',
      '',
      table(
        ['figure', 'measured'],
        [
          ['generation', `${(generateMs / 1000).toFixed(1)} s`],
          ['build', `${(buildMs / 1000).toFixed(1)} s`],
          ['`dist/catalog.json`', `${(catalogBytes / MB).toFixed(2)} MB`],
          ['`dist/catalog-index.json` (what discovery reads)', `${(indexBytes / 1024).toFixed(1)} KB`],
          ['packed / unpacked (`npm pack --dry-run`)', `${(pack!.size / MB).toFixed(2)} MB / ${(pack!.unpackedSize / MB).toFixed(2)} MB`],
          ['app start without', formatSpread(spread(bare.map((r) => r.startMs)), 1, ' ms')],
          ['app start with', formatSpread(spread(installed.map((r) => r.startMs)), 1, ' ms')],
          ['start ratio', formatSpread(ratio, 2, 'x')],
          ['heap growth until first use', formatSpread(growth, 1, ' MB')],
          ['RSS growth until first use', formatSpread(rssGrowth, 1, ' MB')],
        ],
      ),
    ].join('\n');
    return { title: 'Connectors generated from whole vendor APIs', body, targets } satisfies SectionResult;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

/** Links workspace packages (and the CLI's TypeScript) into a package's node_modules, as an install would place them. */
async function linkDependencies(directory: string, names: string[]): Promise<void> {
  for (const name of names) {
    const target = name.startsWith('@patchbay/')
      ? path.join(WORKSPACE, 'packages', name.slice('@patchbay/'.length))
      : await realpath(path.join(WORKSPACE, 'tooling/cli/node_modules', name));
    const link = path.join(directory, 'node_modules', name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link);
  }
}

async function app(root: string, name: string, connectors: string[]): Promise<string> {
  const directory = path.join(root, name);
  await mkdir(directory, { recursive: true });
  const dependencies: Record<string, string> = { '@patchbay/runtime': '*' };
  await linkDependencies(directory, ['@patchbay/runtime']);
  for (const connector of connectors) {
    const manifest = JSON.parse(await readFile(path.join(connector, 'package.json'), 'utf8')) as { name: string };
    dependencies[manifest.name] = '*';
    const link = path.join(directory, 'node_modules', manifest.name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(connector, link);
  }
  await writeFile(path.join(directory, 'package.json'), JSON.stringify({ name, private: true, type: 'module', dependencies }));
  await writeFile(path.join(directory, 'start.mjs'), START_SCRIPT);
  return directory;
}

async function start(directory: string): Promise<Start> {
  const { stdout } = await run(process.execPath, ['--expose-gc', 'start.mjs'], { cwd: directory });
  return JSON.parse(stdout) as Start;
}
