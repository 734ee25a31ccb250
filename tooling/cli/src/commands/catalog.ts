import path from 'node:path';
import { importConnectorModule, PackageFilesError, readConnectorPackage, writePackageFiles } from '@patchbay/connector-kit';

export const catalogHelp = `Usage: patchbay catalog [dir]

Writes what is derived from a built connector module: its catalog (its metadata as data, read by
discovery without importing code), the reference section of its README and src/operation-types.ts.
A connector's \`patchbay-connector build\` already does this after bundling; run this command for a
module bundled some other way. Fails, listing every violation, when the module does not satisfy
the contract or an operation has neither an http definition nor a handler. With CI set in the
environment it rewrites neither the README nor the types: a stale one fails instead.`;

export async function catalogCommand(args: string[], output: NodeJS.WritableStream): Promise<number> {
  const pkg = await readConnectorPackage(path.resolve(args[0] ?? '.'));
  try {
    const written = await writePackageFiles(pkg, await importConnectorModule(pkg), { ci: Boolean(process.env.CI) });
    output.write(`${pkg.name}: catalog written (${written.operations} operations)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof PackageFilesError)) throw error;
    output.write(`${error.message}\n`);
    return 1;
  }
}
