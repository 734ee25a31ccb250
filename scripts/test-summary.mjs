// Adds up the JSON reports every package's vitest run writes to .vitest/results.json (turbo
// restores them on cache hits), and prints one closing line for the whole workspace.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const totals = { passed: 0, failed: 0, skipped: 0, packages: 0 };
for (const group of ['packages', 'connectors', 'tooling', 'examples']) {
  const entries = await readdir(path.join(root, group), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = path.join(root, group, entry.name, '.vitest', 'results.json');
    const report = await readFile(file, 'utf8').then(JSON.parse, () => undefined);
    if (!report) continue;
    totals.packages += 1;
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
console.log(`\nWorkspace tests across ${totals.packages} packages:`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
