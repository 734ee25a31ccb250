import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
    // Suites measure heap and count requests per window: running them one at a time keeps those
    // figures about the code under test, not about a neighbouring suite.
    fileParallelism: false,
  },
});
