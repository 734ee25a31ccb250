import path from 'node:path';
import { bundleConnector } from './build/bundle.js';
import { importConnectorModule, readConnectorPackage } from './build/connector-package.js';
import { PackageFilesError, writePackageFiles } from './build/write-package-files.js';

const HELP = `Usage: patchbay-connector <command> [dir]

Commands (dir defaults to the current directory):
  build     bundle src/index.ts to dist/, then write the catalog, the README's reference section
            and src/operation-types.ts from the built module
  catalog   only the second step, for a module bundled some other way

With CI set in the environment, a stale README reference or operation types file fails the
build instead of being rewritten.`;

/** The connector package build, run by every connector's `build` script. */
export async function main(args: string[], output: NodeJS.WritableStream, errors: NodeJS.WritableStream): Promise<number> {
  const [command, directoryArgument, ...rest] = args;
  if (command === '--help' || command === '-h' || command === undefined) {
    (command === undefined ? errors : output).write(`${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if ((command !== 'build' && command !== 'catalog') || rest.length > 0) {
    errors.write(`patchbay-connector: unknown arguments "${args.join(' ')}"\n${HELP}\n`);
    return 2;
  }
  const directory = path.resolve(directoryArgument ?? '.');
  try {
    const pkg = await readConnectorPackage(directory);
    if (command === 'build') await bundleConnector(directory, 'code');
    const written = await writePackageFiles(pkg, await importConnectorModule(pkg), { ci: Boolean(process.env.CI) });
    if (command === 'build') await bundleConnector(directory, 'declarations');
    output.write(`${pkg.name}: built, catalog written (${written.operations} operations)\n`);
    return 0;
  } catch (error) {
    errors.write(`${error instanceof PackageFilesError ? error.message : `patchbay-connector: ${(error as Error).message}`}\n`);
    return 1;
  }
}
