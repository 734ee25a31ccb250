import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PatchbayError } from '@patchbay/contract';

/** Where a new connector goes, and how it depends on the Patchbay packages from there. */
export interface PackageLocation {
  directory: string;
  /** Root of the Patchbay monorepo when the package is inside it (then `workspace:` ranges). */
  monorepoRoot: string | undefined;
  /** Version ranges of `@patchbay/runtime`, `@patchbay/contract` and `@patchbay/connector-kit` (its build and test harness). */
  ranges: { runtime: string; contract: string; connectorKit: string };
  /** Exact versions of the type checking and test tools, the same the CLI itself is tested with. */
  toolVersions: Record<'@types/node' | 'typescript' | 'vitest', string>;
  /** Folder of the changeset, when a changesets setup encloses the package. */
  changesetDirectory: string | undefined;
}

const require = createRequire(import.meta.url);

export function locatePackage(directory: string): PackageLocation {
  const monorepoRoot = findMonorepoRoot(directory);
  const cliManifest = readCliManifest();
  const published = (name: string) => `^${(require(`${name}/package.json`) as { version: string }).version}`;
  return {
    directory,
    monorepoRoot,
    // The kit is only a development dependency, so it takes the workspace's copy whatever its version.
    ranges: monorepoRoot
      ? { runtime: 'workspace:^', contract: 'workspace:^', connectorKit: 'workspace:*' }
      : { runtime: published('@patchbay/runtime'), contract: published('@patchbay/contract'), connectorKit: published('@patchbay/connector-kit') },
    toolVersions: {
      '@types/node': cliManifest.devDependencies['@types/node'] ?? '20.19.8',
      typescript: cliManifest.devDependencies.typescript ?? '6.0.3',
      vitest: cliManifest.devDependencies.vitest ?? '4.1.12',
    },
    changesetDirectory: findChangesetDirectory(directory),
  };
}

/** This CLI's own package.json, found from the running file (bundled in dist/ or source in src/). */
function readCliManifest(): { devDependencies: Record<string, string> } {
  for (let directory = path.dirname(fileURLToPath(import.meta.url)); ; directory = path.dirname(directory)) {
    const file = path.join(directory, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { devDependencies: Record<string, string> };
    if (path.dirname(directory) === directory) throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'the CLI cannot find its own package.json' });
  }
}

/** The Patchbay monorepo enclosing `directory`: a pnpm workspace whose packages include the runtime. */
function findMonorepoRoot(directory: string): string | undefined {
  for (let current = path.dirname(path.resolve(directory)); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'pnpm-workspace.yaml'))) {
      const runtime = path.join(current, 'packages', 'runtime', 'package.json');
      if (existsSync(runtime) && readFileSync(runtime, 'utf8').includes('"@patchbay/runtime"')) return current;
      return undefined;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function findChangesetDirectory(directory: string): string | undefined {
  for (let current = path.dirname(path.resolve(directory)); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.changeset', 'config.json'))) return path.join(current, '.changeset');
    if (path.dirname(current) === current) return undefined;
  }
}
