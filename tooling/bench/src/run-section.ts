import { writeFile } from 'node:fs/promises';
import type { SectionResult } from './section-result.js';

/**
 * Entry point of a section's own process: runs it and writes its result as JSON to the file the
 * report process named as the first argument.
 */
export function runSection(run: () => Promise<SectionResult>): void {
  const output = process.argv[2];
  if (!output) throw new Error('Usage: node --expose-gc dist/<section>.js <result.json>');
  run()
    .then((result) => writeFile(output, JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}

/** Progress on stderr, so a long section shows it is alive. */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
