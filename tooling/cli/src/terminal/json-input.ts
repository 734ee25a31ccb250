import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError, EXIT_FAILURE, EXIT_USAGE, usageError } from './cli-error.js';

/**
 * A flag's JSON value, given inline (`--input '{"id":1}'`) or as `@file`; `undefined` when the flag
 * is absent. Malformed JSON is named as such with the parser's reason (never blamed on a schema),
 * and exits 2 like any other mistake on the command line.
 */
export async function readJsonFlag(value: string | undefined, flag: string, cwd: string): Promise<unknown> {
  if (value === undefined) return undefined;
  if (!value.startsWith('@')) return parseJson(value, `${flag} is not valid JSON`, EXIT_USAGE);
  const file = path.resolve(cwd, value.slice(1));
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw usageError(`${flag}: cannot read ${file}: ${error.code ?? error.message}`);
  });
  return parseJson(text, `${flag} ${value}: ${file} is not valid JSON`, EXIT_USAGE);
}

/** A JSON file the command reads (a connections or config file); `undefined` when it does not exist. */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new CliError('CLI_ERROR', `cannot read ${file}: ${error.code ?? error.message}`);
  });
  return text === undefined ? undefined : parseJson(text, `${file} is not valid JSON`, EXIT_FAILURE);
}

function parseJson(text: string, what: string, exitCode: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError('INVALID_JSON', `${what}: ${(error as Error).message}`, exitCode);
  }
}
