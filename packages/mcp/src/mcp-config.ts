import { PatchbayError } from '@patchbay/contract';
import type { ConnectOptions } from '@patchbay/runtime';
import { isRecord } from './tool-schemas.js';
import type { ToolOptions } from './tools-for.js';

/**
 * `patchbay.config.json` once read: the connections to open and which tools to serve.
 * Credentials are references to environment variables (`"token": "env:GITHUB_TOKEN"`), resolved here.
 */
export interface McpConfig extends ToolOptions {
  /** `credentials` is absent when the file names none: the connector's own variables apply (`auth.environment`). */
  connections: ConnectOptions[];
}

const ENV_PREFIX = 'env:';
const topLevelKeys = new Set(['$schema', 'connections', 'include', 'exclude', 'readOnly', 'maxPages']);
const connectionKeys = new Set(['connector', 'credentials', 'config']);

/**
 * Checks and resolves a parsed config file. Every problem is a `VALIDATION_FAILED` PatchbayError
 * whose message names the field; a secret written into the file itself is refused, never echoed.
 */
export function parseMcpConfig(value: unknown, env: NodeJS.ProcessEnv, source = 'patchbay.config.json'): McpConfig {
  const fail = (field: string, problem: string): never => {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${source}: ${field} ${problem}` });
  };
  if (!isRecord(value)) return fail('(root)', 'must be an object with "connections"');
  for (const key of Object.keys(value)) if (!topLevelKeys.has(key)) fail(key, `is not a known field (known: ${[...topLevelKeys].join(', ')})`);
  if (!isRecord(value.connections) || Object.keys(value.connections).length === 0) {
    return fail('connections', 'must be an object naming at least one connection: { "<id>": { "connector": "github", ... } }');
  }
  const config: McpConfig = { connections: [] };
  for (const [id, entry] of Object.entries(value.connections)) {
    const field = `connections.${id}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) fail(field, 'has an id that is not letters, digits, ".", "_" or "-"');
    if (!isRecord(entry)) return fail(field, 'must be an object with "connector"');
    for (const key of Object.keys(entry)) if (!connectionKeys.has(key)) fail(`${field}.${key}`, 'is not a known field (known: connector, credentials, config)');
    if (typeof entry.connector !== 'string' || entry.connector === '') fail(`${field}.connector`, 'must name a connector, e.g. "github"');
    const connection: ConnectOptions = { id, connector: entry.connector as string };
    if (entry.credentials !== undefined) {
      if (!isRecord(entry.credentials)) fail(`${field}.credentials`, 'must be an object of "env:VARIABLE" references');
      connection.credentials = resolveCredentials(entry.credentials as Record<string, unknown>, `${field}.credentials`, env, fail);
    }
    if (entry.config !== undefined) {
      if (!isRecord(entry.config)) fail(`${field}.config`, 'must be an object');
      connection.config = resolveConfig(entry.config as Record<string, unknown>, `${field}.config`, env, fail);
    }
    config.connections.push(connection);
  }
  for (const key of ['include', 'exclude'] as const) {
    const patterns = value[key];
    if (patterns === undefined) continue;
    if (!Array.isArray(patterns) || !patterns.every((pattern) => typeof pattern === 'string' && pattern !== '')) {
      fail(key, 'must be an array of patterns on "<connection>.<operation>", e.g. ["github.issues.*"]');
    }
    config[key] = patterns as string[];
  }
  if (value.readOnly !== undefined) {
    if (typeof value.readOnly !== 'boolean') fail('readOnly', 'must be true or false');
    config.readOnly = value.readOnly as boolean;
  }
  if (value.maxPages !== undefined) {
    if (typeof value.maxPages !== 'number' || !Number.isInteger(value.maxPages) || value.maxPages < 1) fail('maxPages', 'must be a whole number of at least 1');
    config.maxPages = value.maxPages as number;
  }
  return config;
}

function resolveCredentials(
  credentials: Record<string, unknown>,
  field: string,
  env: NodeJS.ProcessEnv,
  fail: (field: string, problem: string) => never,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [key, reference] of Object.entries(credentials)) {
    // The value is never quoted back: it may be the secret itself.
    if (typeof reference !== 'string' || !reference.startsWith(ENV_PREFIX)) {
      fail(`${field}.${key}`, 'holds a value written into the file; credentials must come from the environment: write "env:VARIABLE_NAME" and set that variable');
    }
    resolved[key] = readVariable(reference as string, `${field}.${key}`, env, fail);
  }
  return resolved;
}

function resolveConfig(
  config: Record<string, unknown>,
  field: string,
  env: NodeJS.ProcessEnv,
  fail: (field: string, problem: string) => never,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(config)) {
    resolved[key] = typeof setting === 'string' && setting.startsWith(ENV_PREFIX) ? readVariable(setting, `${field}.${key}`, env, fail) : setting;
  }
  return resolved;
}

function readVariable(reference: string, field: string, env: NodeJS.ProcessEnv, fail: (field: string, problem: string) => never): string {
  const variable = reference.slice(ENV_PREFIX.length);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return fail(field, `names no valid environment variable ("${reference}")`);
  const value = env[variable];
  if (value === undefined || value === '') return fail(field, `needs the environment variable ${variable}, which is not set`);
  return value;
}
