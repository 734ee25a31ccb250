import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PatchbayError } from '@patchbay/contract';
import type { CliContext } from '../cli-context.js';
import { diffOperations, type OperationsDiff } from '../diff/operations-diff.js';
import { loadConnectorOperations } from '../openapi/load-connector-operations.js';
import { unpagedNotice } from '../openapi/pagination-from-openapi.js';
import { generatedPartFromOpenApi } from '../openapi/plan-from-openapi.js';
import { GENERATED_OPERATIONS_FILE, OVERRIDES_FILE, renderGeneratedOperations } from '../scaffold/render-operations.js';
import { connectorNames } from '../scaffold/render-source-files.js';
import { usageError } from '../terminal/cli-error.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';
import { createProgress } from '../terminal/progress.js';

export const updateHelp = `Usage: patchbay update <connector-dir> --from-openapi <document> [options]

Regenerates a connector made by \`patchbay new --from-openapi\` from a newer document. Rewrites
${GENERATED_OPERATIONS_FILE} only; ${OVERRIDES_FILE} (hand-written changes) and every other file stay as
they are. Reports the operations added, removed and changed, overrides applied, and the release
that implies by the rules of \`patchbay diff\`. Then \`npm run build\` rewrites the catalog, the
README reference and the operation types.

Options:
  --from-openapi <file>     the newer OpenAPI 3.0/3.1 or Swagger 2 document (a file or package path)
  --include <tag-or-/path>  keep only operations with this tag or under this path (repeatable)
  --exclude <tag-or-/path>  leave out operations with this tag or under this path (repeatable)
  --quiet                   no progress or notes on stderr
  --json                    print { connector, operations, added, removed, changed, required } as JSON (implies --quiet)
  -h, --help                show this help`;

const OPTIONS = {
  'from-openapi': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  ...JSON_FLAG,
} as const;

export async function updateCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('update', args, OPTIONS);
  const silent = Boolean(values.quiet || values.json);
  if (positionals.length !== 1) throw usageError('name one connector directory, e.g. `patchbay update connectors/acme --from-openapi openapi.json`');
  if (values['from-openapi'] === undefined) throw usageError('--from-openapi <document> is required');
  const directory = path.resolve(context.cwd, positionals[0]!);
  const id = await connectorId(directory);
  const generatedFile = path.join(directory, GENERATED_OPERATIONS_FILE);
  if (!existsSync(generatedFile)) {
    throw notUpdatable(`${directory} has no ${GENERATED_OPERATIONS_FILE}: only connectors made by \`patchbay new --from-openapi\` can be updated`);
  }
  const names = connectorNames(id);
  const before = await loadConnectorOperations(directory, names.operations);

  const progress = createProgress(context.stderr, { silent });
  const generated = await generatedPartFromOpenApi({
    source: values['from-openapi'],
    cwd: context.cwd,
    filters: { include: values.include ?? [], exclude: values.exclude ?? [] },
    onProgress: (label, done, total) => progress.update(label, done, total),
  });
  progress.done();
  const unpaged = unpagedNotice(generated.operations);
  if (unpaged !== undefined && !silent) context.stderr.write(`${unpaged}\n`);

  const previous = await readFile(generatedFile, 'utf8');
  await writeFile(generatedFile, renderGeneratedOperations(generated, names));
  let after;
  try {
    after = await loadConnectorOperations(directory, names.operations);
  } catch (error) {
    // An override of an operation the new document dropped: leave the package as it was.
    await writeFile(generatedFile, previous);
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${OVERRIDES_FILE} does not fit the new document, nothing was changed: ${(error as Error).message}`, cause: error });
  }
  const diff = diffOperations(before, after);
  const counts = { before: Object.keys(before.operations).length, after: Object.keys(after.operations).length };
  printResult(context.stdout, values.json, { connector: id, source: generated.source, operations: counts, ...diff }, () => {
    for (const line of report(id, generated.source, counts, diff)) context.stdout.write(`${line}\n`);
  });
  return 0;
}

function report(id: string, source: string, counts: { before: number; after: number }, diff: OperationsDiff): string[] {
  const lines = [`${id}: regenerated ${GENERATED_OPERATIONS_FILE} from ${source}; ${counts.before} → ${counts.after} operations`];
  if (diff.added.length > 0) lines.push(`  added (${diff.added.length}): ${diff.added.join(', ')}`);
  if (diff.removed.length > 0) lines.push(`  removed (${diff.removed.length}): ${diff.removed.join(', ')}`);
  if (diff.changed.length > 0) {
    lines.push(`  changed (${diff.changed.length}):`);
    for (const { operation, level, changes } of diff.changed) lines.push(`    ${level.padEnd(5)}  ${operation}: ${changes.map((change) => change.message).join('; ')}`);
  }
  lines.push(diff.required === 'none' ? 'No change a caller can notice.' : `Needs a ${diff.required} release. Next: npm run build, and a changeset with a ${diff.required} bump.`);
  return lines;
}

async function connectorId(directory: string): Promise<string> {
  let manifest: { patchbay?: { connector?: unknown } };
  try {
    manifest = JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    throw notUpdatable(`${directory} holds no readable package.json`);
  }
  const id = manifest.patchbay?.connector;
  if (typeof id !== 'string') throw notUpdatable(`${directory}/package.json names no patchbay.connector`);
  return id;
}

// The directory is not a package `update` can work on: a failure (exit 1), not a usage mistake.
function notUpdatable(message: string): PatchbayError {
  return new PatchbayError({ code: 'VALIDATION_FAILED', message });
}
