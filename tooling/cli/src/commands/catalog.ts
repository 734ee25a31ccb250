import path from 'node:path';
import { PatchbayError } from '@patchbay/contract';
import { importConnectorModule, PackageFilesError, readConnectorPackage, writePackageFiles } from '@patchbay/connector-kit';
import type { CliContext } from '../cli-context.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';
import { usageError } from '../terminal/cli-error.js';

export const catalogHelp = `Usage: patchbay catalog [dir] [--json]

Writes what is derived from a built connector module: its catalog (its metadata as data, read by
discovery without importing code), the reference section of its README and src/operation-types.ts.
A connector's \`patchbay-connector build\` already does this after bundling; run this command for a
module bundled some other way. Fails, listing every violation, when the module does not satisfy
the contract or an operation has neither an http definition nor a handler. With CI set in the
environment it rewrites neither the README nor the types: a stale one fails instead.

Options:
  --json   print { package, operations, typesChanged } as JSON`;

export async function catalogCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('catalog', args, JSON_FLAG);
  if (positionals.length > 1) throw usageError('name at most one connector directory');
  const pkg = await readConnectorPackage(path.resolve(context.cwd, positionals[0] ?? '.'));
  try {
    const written = await writePackageFiles(pkg, await importConnectorModule(pkg), { ci: Boolean(context.env.CI) });
    printResult(context.stdout, values.json, { package: pkg.name, operations: written.operations, typesChanged: written.typesChanged }, () =>
      context.stdout.write(`${pkg.name}: catalog written (${written.operations} operations)\n`),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof PackageFilesError)) throw error;
    // Every violation, one per line, for a person; the whole list as one message under --json.
    if (values.json) {
      const [first = '', ...rest] = error.problems.map((problem) => problem.trim());
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: rest.length > 0 && first.endsWith(':') ? `${first} ${rest.join('; ')}` : [first, ...rest].join('; ') });
    }
    context.stdout.write(`${error.message}\n`);
    return 1;
  }
}
