import type { ErrorReport } from './cli-error.js';

/**
 * The `--json` convention of every command that prints results:
 * - the flag is `--json` (spread `JSON_FLAG` into the command's flags);
 * - stdout then carries exactly one JSON document, indented, ending in a newline: the command's
 *   result object on success, `{ "error": { "code", "message" } }` when it fails (`main` writes
 *   that one for whatever the command throws);
 * - progress and notes go nowhere (stderr stays empty), and the exit code is the same as without it.
 */
export const JSON_FLAG = { json: { type: 'boolean' } } as const;

/** Whether the command line asks for JSON, read before (or without) parsing its flags. */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `{ error: { code, message } }`, the one shape every command fails with under `--json`. */
export function jsonError(report: Pick<ErrorReport, 'code' | 'message'>): { error: { code: string; message: string } } {
  return { error: { code: report.code, message: report.message } };
}

/** The result as JSON with `--json`, else what `human` prints. */
export function printResult(stdout: NodeJS.WritableStream, json: boolean | undefined, value: unknown, human: () => void): void {
  if (json) writeJson(stdout, value);
  else human();
}
