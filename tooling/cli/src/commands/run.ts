import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PatchbayError, type ValidationIssue } from '@patchbay/contract';
import { ConnectorFramework, IntegrationManager } from '@patchbay/runtime';
import type { CliContext } from '../cli-context.js';

export const runHelp = `Usage: patchbay run <connection-or-connector> <operation> [options]

Executes one operation through the runtime, as an app at the current directory would, and prints
the result. The first argument names a connection of ./patchbay.connections.json
({ "<id>": { "connector", "credentials", "config" } }) or a discovered connector. Credentials come
from the environment variables the connector names (auth.environment, e.g. GITHUB_TOKEN), then the
connections file, then --credentials. Exits 1 when the result is not ok.

Options:
  --input <json|@file>        the operation's input (default: {})
  --credentials <json|@file>  credential fields, e.g. '{"token":"..."}'
  --base-url <url>            send to this base URL instead of the connector's default
  --json                      print the whole result ({ ok, data | error, meta }) as JSON`;

const CONNECTIONS_FILE = 'patchbay.connections.json';

interface ConnectionEntry {
  connector: string;
  credentials?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export async function runCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      input: { type: 'string' },
      credentials: { type: 'string' },
      'base-url': { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [target, operation] = positionals;
  if (!target || !operation || positionals.length > 2) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: 'give a connection or connector and an operation, e.g. `patchbay run github issues.get`' });
  }
  const input = (await readJsonOption(values.input, '--input', context.cwd)) ?? {};
  const explicitCredentials = await readJsonOption(values.credentials, '--credentials', context.cwd);
  if (!isRecord(input)) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: '--input must be a JSON object' });
  if (explicitCredentials !== undefined && !isRecord(explicitCredentials)) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: '--credentials must be a JSON object' });
  }

  const connection = (await readConnections(context.cwd))[target] ?? { connector: target };
  const framework = await ConnectorFramework.create({ cwd: context.cwd });
  const catalog = framework.catalog(connection.connector);
  const credentials: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(catalog?.auth.environment ?? {})) {
    const value = context.env[variable];
    if (value !== undefined && value !== '') credentials[field] = value;
  }
  Object.assign(credentials, connection.credentials, explicitCredentials);
  const config: Record<string, unknown> = { ...connection.config };
  if (values['base-url'] !== undefined) config.baseUrl = values['base-url'];

  const manager = await IntegrationManager.create({ cwd: context.cwd });
  try {
    await manager.connect({ id: target, connector: connection.connector, credentials, config });
    const result = await manager.execute(target, operation, input);
    if (values.json) context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.ok) {
      if (!values.json) context.stdout.write(`${typeof result.data === 'string' ? result.data : JSON.stringify(result.data, null, 2)}\n`);
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

/** A JSON option given inline or as `@file`; `undefined` when absent. */
async function readJsonOption(value: string | undefined, label: string, cwd: string): Promise<unknown> {
  if (value === undefined) return undefined;
  let text = value;
  if (value.startsWith('@')) {
    const file = path.resolve(cwd, value.slice(1));
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${label}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${label} is not valid JSON: ${(error as Error).message}` });
  }
}

async function readConnections(cwd: string): Promise<Record<string, ConnectionEntry>> {
  const file = path.join(cwd, CONNECTIONS_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${file} is not valid JSON: ${(error as Error).message}` });
  }
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
