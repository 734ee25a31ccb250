import { PatchbayError } from '@patchbay/contract';

/** The CLI's own error codes, beside the contract's (`VALIDATION_FAILED`, `CONNECTOR_NOT_FOUND`, …). */
export type CliErrorCode = 'USAGE' | 'INVALID_JSON' | 'CLI_ERROR';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong (nothing was done). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called or in what it was given, reported without a stack. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** An unknown flag, a missing argument, a flag value of the wrong form: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError('USAGE', message, EXIT_USAGE);
}

export interface ErrorReport {
  code: string;
  message: string;
  exitCode: number;
}

/** What any thrown value tells the user: a stable code, its first line, and the exit code. */
export function errorReport(error: unknown): ErrorReport {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (error instanceof CliError) return { code: error.code, message, exitCode: error.exitCode };
  if (PatchbayError.isInstance(error)) return { code: error.code, message, exitCode: EXIT_FAILURE };
  return { code: 'CLI_ERROR', message, exitCode: EXIT_FAILURE };
}
