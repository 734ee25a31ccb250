import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string };

/**
 * The test configuration every connector package shares (its `vitest.config.ts` re-exports it):
 * tests beside the code, the package version injected as in the build, and a JSON report the
 * workspace's test summary reads. No time limits: a limit that holds on a quiet machine fails a
 * busy one, and every connector test ends by itself (bounded loops, servers on 127.0.0.1).
 */
export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: { reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]], include: ['src/**/*.test.ts'], testTimeout: 0, hookTimeout: 0 },
});
