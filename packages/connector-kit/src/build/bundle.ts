import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Bundles a connector package the one way every connector is bundled: `src/index.ts` to ESM with
 * source maps for Node 20, its version injected as `__PACKAGE_VERSION__`; then, in a second call
 * (`declarations`), its type declarations, which include the operation types written from the
 * bundled module in between.
 */
export async function bundleConnector(directory: string, part: 'code' | 'declarations'): Promise<void> {
  const { version } = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as { version: string };
  // Loaded here, not with the kit: tsup loads TypeScript, which an app running `patchbay new`
  // (it imports the kit for operation types) need not have installed.
  const { build } = await import('tsup');
  await build({
    config: false,
    entry: [path.join(directory, 'src/index.ts')],
    outDir: path.join(directory, 'dist'),
    tsconfig: path.join(directory, 'tsconfig.json'),
    format: ['esm'],
    target: 'node20',
    sourcemap: true,
    clean: part === 'code',
    dts: part === 'declarations' ? { only: true } : false,
    silent: true,
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  });
}
