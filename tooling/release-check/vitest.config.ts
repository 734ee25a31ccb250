import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The steps share one registry and one workspace copy, in order; there is nothing to parallelize.
  test: { reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]], include: ['src/**/*.test.ts'], testTimeout: 0, hookTimeout: 0, fileParallelism: false },
});
