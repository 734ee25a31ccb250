import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]], include: ['src/**/*.test.ts'], testTimeout: 0, hookTimeout: 0 },
});
