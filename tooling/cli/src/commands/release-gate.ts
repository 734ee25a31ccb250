import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CliContext } from '../cli-context.js';
import { JSON_FLAG, writeJson } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';
import { levelAtLeast, type CatalogChange, type ChangeLevel } from '../diff/change-level.js';
import { diffConnector, formatChanges, readConnectorPackage } from '../diff/connector-diff.js';
import { pendingBumps } from '../diff/pending-changesets.js';
import { publishedVersion } from '../diff/published-catalog.js';
import { bumpVersion, releaseLevel } from '../diff/release-level.js';

export const releaseGateHelp = `Usage: patchbay release-gate [connector-dir...] [--json]

Run by \`pnpm release\` before \`changeset publish\`. For each connector about to be released
(default: every package under connectors/ of the workspace here), compares its built catalog with
the last version on the registry (see \`patchbay diff\`) and refuses the release, exit 1 and nothing
published, when the planned version is a smaller step than the changes need: a major change in a
minor or patch release, a new operation in a patch release. The planned version is what the
pending changesets make of package.json's, or package.json's own once they were applied. A
connector never published, or not being released, passes.

Options:
  --json   print every connector's verdict as JSON`;

interface Verdict {
  package: string;
  published: string | null;
  next: string;
  release: ChangeLevel;
  required: ChangeLevel;
  refused: boolean;
  changes: CatalogChange[];
}

async function connectorDirectories(root: string): Promise<string[]> {
  const folder = path.join(root, 'connectors');
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, 'package.json'))).map((entry) => path.join(folder, entry.name)).sort();
}

export async function releaseGateCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('release-gate', args, JSON_FLAG);
  const directories = positionals.length > 0 ? positionals.map((directory) => path.resolve(context.cwd, directory)) : await connectorDirectories(context.cwd);
  const bumps = await pendingBumps(context.cwd);
  const registry = { cwd: context.cwd, env: context.env };
  const verdicts: Verdict[] = [];
  for (const directory of directories) {
    const connector = await readConnectorPackage(directory);
    if (connector.private || !connector.catalogPath) continue;
    const pending = bumps.get(connector.name);
    const next = pending ? bumpVersion(connector.version, pending) : connector.version;
    const published = await publishedVersion(connector.name, 'latest', registry);
    if (published === undefined || published === next) {
      verdicts.push({ package: connector.name, published: published ?? null, next, release: 'none', required: 'none', refused: false, changes: [] });
      continue;
    }
    const diff = await diffConnector(connector, published, registry);
    const release = releaseLevel(published, next);
    const required = diff?.required ?? 'none';
    verdicts.push({ package: connector.name, published, next, release, required, refused: !levelAtLeast(release, required), changes: diff?.changes ?? [] });
  }
  const refused = verdicts.filter((verdict) => verdict.refused);
  if (values.json) {
    writeJson(context.stdout, { refused: refused.length > 0, connectors: verdicts });
    return refused.length > 0 ? 1 : 0;
  }
  for (const verdict of verdicts) {
    if (verdict.published === null) context.stdout.write(`${verdict.package}: first release (${verdict.next})\n`);
    else if (verdict.published === verdict.next) context.stdout.write(`${verdict.package}: ${verdict.next} already published, not released\n`);
    else if (!verdict.refused) context.stdout.write(`${verdict.package}: ${verdict.published} → ${verdict.next} (${verdict.release}) covers its changes (${verdict.required})\n`);
  }
  for (const verdict of refused) {
    context.stderr.write(`${verdict.package}: ${verdict.published} → ${verdict.next} is a ${verdict.release} release, but its catalog changes need a ${verdict.required} release:\n`);
    for (const line of formatChanges(verdict.changes.filter((change) => !levelAtLeast(verdict.release, change.level)))) context.stderr.write(`${line}\n`);
  }
  if (refused.length > 0) {
    context.stderr.write(`Release refused: raise the changeset of ${refused.map((verdict) => verdict.package).join(', ')} to ${[...new Set(refused.map((verdict) => verdict.required))].join('/')}, or undo the change. Nothing was published.\n`);
    return 1;
  }
  return 0;
}
