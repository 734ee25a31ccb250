import path from 'node:path';
import { PatchbayError, type ValidationIssue } from '@patchbay/contract';
import { IntegrationManager } from '@patchbay/runtime';
import { connectorHere } from '../connector-here.js';
import type { CliContext } from '../cli-context.js';
import { usageError } from '../terminal/cli-error.js';
import { readJsonFile, readJsonFlag } from '../terminal/json-input.js';
import { JSON_FLAG, writeJson } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';

export const runHelp = `Usage: patchbay run <connection-or-connector> <operation> [options]

Executes one operation through the runtime, as an app at the current directory would, and prints
the result. The first argument names a connection of ./patchbay.connections.json
({ "<id>": { "connector", "credentials", "config" } }), a discovered connector, or the connector
package the command runs in. Credentials come from the environment variables the connector names
(auth.environment, e.g. GITHUB_TOKEN), then the connections file, then --credentials. Exits 1 when
the result is not ok.

Options:
  --input <json|@file>        the operation's input (default: {})
  --credentials <json|@file>  credential fields, e.g. '{"token":"..."}'
  --base-url <url>            send to this base URL instead of the connector's default
  --json                      print the whole result ({ ok, data | error, meta }) as JSON, ok or not`;

const CONNECTIONS_FILE = 'patchbay.connections.json';

interface ConnectionEntry {
  connector: string;
  credentials?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export async function runCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('run', args, {
    input: { type: 'string' },
    credentials: { type: 'string' },
    'base-url': { type: 'string' },
    ...JSON_FLAG,
  });
  const [target, operation] = positionals;
  if (!target || !operation || positionals.length > 2) {
    throw usageError('give a connection or connector and an operation, e.g. `patchbay run github issues.get`');
  }
  const input = (await readJsonFlag(values.input, '--input', context.cwd)) ?? {};
  const explicitCredentials = await readJsonFlag(values.credentials, '--credentials', context.cwd);
  if (!isRecord(input)) throw usageError(`--input must be a JSON object, got ${kindOf(input)}`);
  if (explicitCredentials !== undefined && !isRecord(explicitCredentials)) throw usageError(`--credentials must be a JSON object, got ${kindOf(explicitCredentials)}`);

  const connection = (await readConnections(context.cwd))[target] ?? { connector: target };
  const here = await connectorHere(context.cwd);
  const manager = await IntegrationManager.create({ cwd: context.cwd, modules: here ? [here] : [] });
  try {
    // Credentials: the connector's environment variables, then the connections file, then the flag.
    const credentials: Record<string, unknown> = {};
    for (const [field, variable] of Object.entries(manager.catalog(connection.connector)?.auth.environment ?? {})) {
      const value = context.env[variable];
      if (value !== undefined && value !== '') credentials[field] = value;
    }
    Object.assign(credentials, connection.credentials, explicitCredentials);
    const config: Record<string, unknown> = { ...connection.config };
    if (values['base-url'] !== undefined) config.baseUrl = values['base-url'];
    await manager.connect({ id: target, connector: connection.connector, credentials, config });
    const result = await manager.execute(target, operation, input);
    if (values.json) {
      writeJson(context.stdout, result);
      return result.ok ? 0 : 1;
    }
    if (result.ok) {
      context.stdout.write(`${typeof result.data === 'string' ? result.data : JSON.stringify(result.data, null, 2)}\n`);
      return 0;
    }
    const { error } = result;
    const issues = error.code === 'VALIDATION_FAILED' && Array.isArray(error.details) ? (error.details as ValidationIssue[]) : undefined;
    const message = issues
      ? `input of ${operation} is invalid (nothing was sent): ${issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ')}`
      : error.message;
    context.stderr.write(`patchbay run: ${error.code}${error.status === undefined ? '' : ` (${error.status})`}: ${message}\n`);
    return 1;
  } finally {
    await manager.close();
  }
}

async function readConnections(cwd: string): Promise<Record<string, ConnectionEntry>> {
  const file = path.join(cwd, CONNECTIONS_FILE);
  const parsed = await readJsonFile(file);
  if (parsed === undefined) return {};
  if (!isRecord(parsed)) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${file} must be an object keyed by connection id` });
  const connections: Record<string, ConnectionEntry> = {};
  for (const [id, entry] of Object.entries(parsed)) {
    if (!isRecord(entry) || typeof entry.connector !== 'string') {
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${file}: connection "${id}" needs a "connector"` });
    }
    connections[id] = entry as unknown as ConnectionEntry;
  }
  return connections;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
