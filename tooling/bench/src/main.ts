import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describeMachine } from './machine.js';
import { table } from './markdown.js';
import type { SectionResult } from './section-result.js';

// Each section runs in its own Node process: a clean heap for the memory figures and no JIT or
// socket state carried from one section into the next.
const SECTIONS = ['throughput', 'redis-rate-limit', 'queue-workers', 'discovery', 'connection-memory', 'rate-limit-fidelity', 'typecheck', 'mcp-tools', 'openapi-scale'];
const REPORT = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const run = promisify(execFile);

async function runSectionProcess(name: string, directory: string): Promise<SectionResult> {
  const output = path.join(directory, `${name}.json`);
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  const child = run(process.execPath, ['--expose-gc', script, output], { maxBuffer: 1 << 20 });
  child.child.stderr?.pipe(process.stderr);
  await child;
  return JSON.parse(await readFile(output, 'utf8')) as SectionResult;
}

const started = performance.now();
const directory = await mkdtemp(path.join(os.tmpdir(), 'patchbay-bench-'));
const results: SectionResult[] = [];
try {
  for (const name of SECTIONS) {
    process.stderr.write(`${name}…\n`);
    results.push(await runSectionProcess(name, directory));
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}

const targets = results.flatMap((result) => result.targets);
const report = [
  '# Benchmarks',
  '',
  'Written by `pnpm bench` (tooling/bench; see its README for what each figure means). Every figure is a ratio against a ' +
    'baseline measured in the same run, or stands beside one, and is written `median (min–max)` over the repeats, so the ' +
    'machine\'s noise is visible. All traffic stays on 127.0.0.1.',
  '',
  '## Machine',
  '',
  ...describeMachine(),
  `- Whole run: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  '',
  '## Targets',
  '',
  table(['figure', 'target', 'measured', 'met'], targets.map((target) => [target.name, target.goal, target.measured, target.met ? 'yes' : '**no**'])),
  '',
  ...results.flatMap((result) => [`## ${result.title}`, '', result.body, '']),
].join('\n');

await writeFile(REPORT, report);
process.stdout.write(`${report}\nWrote ${REPORT}\n`);
if (targets.some((target) => !target.met)) process.stderr.write('Some targets were missed; see the table above.\n');
