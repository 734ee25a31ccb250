import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PatchbayError, type OperationMap, type SharedDefinitions } from '@patchbay/contract';
import { build, type Plugin } from 'esbuild';

export interface ConnectorOperations {
  operations: OperationMap;
  $defs?: SharedDefinitions;
}

const require = createRequire(import.meta.url);

// The connector may not be installed yet: its one import, @patchbay/contract, resolves to this CLI's.
const contractFromCli: Plugin = {
  name: 'patchbay-contract',
  setup(builder) {
    builder.onResolve({ filter: /^@patchbay\/contract$/ }, () => ({ path: require.resolve('@patchbay/contract') }));
  },
};

/**
 * The operations a connector's source declares, generated map and overrides applied, read from
 * `src/operations.ts` as it is on disk now (before and after `patchbay update` rewrites the
 * generated file), without building the package: it is bundled in memory and imported.
 */
export async function loadConnectorOperations(directory: string, exportName: string): Promise<ConnectorOperations> {
  const entry = path.join(directory, 'src', 'operations.ts');
  let code: string;
  try {
    const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', plugins: [contractFromCli], logLevel: 'silent' });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `cannot read ${entry}: ${firstLine(error)}`, cause: error });
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'patchbay-operations-'));
  try {
    const file = path.join(scratch, 'operations.mjs');
    await writeFile(file, code);
    const namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const operations = namespace[exportName] as OperationMap | undefined;
    if (typeof operations !== 'object' || operations === null) {
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${entry} exports no "${exportName}"` });
    }
    const $defs = namespace[exportName.replace(/Operations$/, 'Definitions')] as SharedDefinitions | undefined;
    return $defs === undefined ? { operations } : { operations, $defs };
  } catch (error) {
    if (PatchbayError.isInstance(error)) throw error;
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `cannot load ${entry}: ${firstLine(error)}`, cause: error });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function firstLine(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0]!;
}
