import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: { reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]], include: ['src/**/*.test.ts'], testTimeout: 0, hookTimeout: 0 },
});
