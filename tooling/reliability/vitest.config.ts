import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    include: ['src/**/*.test.ts'],
    // No timeouts: each test bounds its own waits (bounded loops, guards on the few that could
    // hang), so a slow or busy machine makes the suite slower, never red.
    testTimeout: 0,
    hookTimeout: 0,
    // Suites measure heap and count requests per window: running them one at a time keeps those
    // figures about the code under test, not about a neighbouring suite.
    fileParallelism: false,
  },
});
