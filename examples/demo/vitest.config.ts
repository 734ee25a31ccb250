import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    include: ['src/**/*.test.ts'],
    testTimeout: 0,
    hookTimeout: 0,
    // The type tests (`*.test-d.ts`) run through tsc: a typo the typed API lets through fails the suite.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
