import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts', 'src/vitest-config.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/testing.ts', 'src/vitest-config.ts'] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
