import path from 'node:path';
import type { CliContext } from '../cli-context.js';
import { diffConnector, formatChanges, readConnectorPackage } from '../diff/connector-diff.js';
import { usageError } from '../terminal/cli-error.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';

export const diffHelp = `Usage: patchbay diff <connector-dir> [--against <version|git ref|catalog.json>] [--json]

Compares a connector's built catalog (dist/catalog.json) with its last published one and says
what release each change needs:
  major  an operation removed or renamed, a new required input, a narrowed type or enum, a
         removed input field, a changed auth strategy, an output field that may be missing
  minor  a new operation, a new optional input, a widened type or enum, a new output field
  patch  descriptions and other text, the wire definition, rate-limit hints

Options:
  --against  what to compare with: a version or dist-tag on the registry npm is configured for
             (default: latest), a release tag (@patchbay/connector-x@1.2.0), a git ref (compares
             with the version the package had there), or a path to a catalog.json
  --json     print { package, version, against, required, changes } as JSON`;

export async function diffCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('diff', args, { against: { type: 'string' }, ...JSON_FLAG });
  if (positionals.length !== 1) throw usageError('name one connector directory, e.g. `patchbay diff connectors/github`');
  const connector = await readConnectorPackage(path.resolve(context.cwd, positionals[0]!));
  const result = await diffConnector(connector, values.against, { cwd: context.cwd, env: context.env });
  if (!result) {
    printResult(context.stdout, values.json, { package: connector.name, version: connector.version, against: null, required: 'none', changes: [] }, () =>
      context.stdout.write(`${connector.name}: not published yet; nothing to compare with\n`),
    );
    return 0;
  }
  printResult(context.stdout, values.json, result, () => {
    context.stdout.write(`${result.package} ${result.version} against ${result.against}: ${result.changes.length} change${result.changes.length === 1 ? '' : 's'}\n`);
    for (const line of formatChanges(result.changes)) context.stdout.write(`${line}\n`);
    context.stdout.write(result.required === 'none' ? 'No change a caller can notice.\n' : `Needs a ${result.required} release.\n`);
  });
  return 0;
}
