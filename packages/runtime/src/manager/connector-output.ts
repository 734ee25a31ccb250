import { PatchbayError, isErrorCode, type ConnectorExecuteOutput } from '@patchbay/contract';

/**
 * Checks what a module's `execute` resolved with against the result union, so a module that breaks
 * the contract at call time (no result, no `meta`, an error code apps cannot branch on) is reported
 * as a CONNECTOR_ERROR naming the violation instead of reaching the app malformed.
 */
export function checkConnectorOutput(output: unknown, moduleId: string): ConnectorExecuteOutput {
  const violation = describeViolation(output);
  if (violation === undefined) return output as ConnectorExecuteOutput;
  throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Module "${moduleId}" broke the result contract: ${violation}` });
}

function describeViolation(output: unknown): string | undefined {
  if (typeof output !== 'object' || output === null) return `execute resolved with ${output === null ? 'null' : typeof output}, not a result`;
  const result = output as Record<string, unknown>;
  if (typeof result.ok !== 'boolean') return '`ok` is not a boolean';
  if (typeof result.meta !== 'object' || result.meta === null) return 'the result has no `meta`';
  if (result.ok) return undefined;
  const error = result.error as Record<string, unknown> | undefined;
  if (typeof error !== 'object' || error === null) return 'a failed result has no `error`';
  if (!isErrorCode(error.code)) return `error code ${JSON.stringify(error.code)} is not one of the stable codes`;
  if (typeof error.message !== 'string') return '`error.message` is not a string';
  return undefined;
}
