import { PatchbayError, type ConnectorExecuteInput, type ConnectorExecuteOutput, type OperationMap, type SharedSchemaResource } from '@patchbay/contract';
import { redactText, redactValue } from '../http/redact.js';
import { nextPosition } from '../pagination/next-cursor.js';
import type { ValidatorCache } from '../validation/validator-cache.js';
import { validationError } from '../validation/validation-error.js';
import type { BaseAPIClient } from './base-api-client.js';
import type { OperationCall } from './operation-call.js';

type RunningClient = Pick<BaseAPIClient, 'handler' | 'startCall' | 'secretValues'>;

/**
 * The one execution path of an operation, for a module used on its own and for the manager's:
 * look up the definition, validate the input against its schema (nothing is sent when it fails),
 * run the handler (or the request the `http` definition describes), and turn every outcome into
 * the result union.
 */
export async function executeOperation(
  client: RunningClient,
  operations: OperationMap,
  validators: ValidatorCache,
  input: ConnectorExecuteInput,
  shared?: SharedSchemaResource,
): Promise<ConnectorExecuteOutput> {
  const definition = operations[input.operation];
  if (definition === undefined) {
    return failure(input.operation, 0, 0, new PatchbayError({
      code: 'UNKNOWN_OPERATION',
      message: `Unknown operation "${input.operation}"; known: ${Object.keys(operations).join(', ')}`,
    }), client.secretValues());
  }
  try {
    const issues = validators.get(definition.inputSchema, `The input schema of ${input.operation}`, shared)(input.input);
    if (issues) return failure(input.operation, 0, 0, validationError(`Input of ${input.operation}`, issues), client.secretValues());
  } catch (error) {
    return failure(input.operation, 0, 0, error as PatchbayError, client.secretValues());
  }
  return runOperation(client, operations, input);
}

/** Runs a handler on input already validated and turns every outcome into the result union; nothing rejects. */
export async function runOperation(client: RunningClient, operations: OperationMap, input: ConnectorExecuteInput): Promise<ConnectorExecuteOutput> {
  const started = performance.now();
  const handler = client.handler(input.operation);
  if (!handler) {
    const known = operations[input.operation] !== undefined;
    return failure(input.operation, 0, started, new PatchbayError({
      code: known ? 'CONNECTOR_ERROR' : 'UNKNOWN_OPERATION',
      message: known
        ? `Operation "${input.operation}" is declared but has no handler`
        : `Unknown operation "${input.operation}"; known: ${Object.keys(operations).join(', ')}`,
    }), client.secretValues());
  }
  const call = client.startCall(input.operation, input.signal, input.context);
  try {
    const result = await handler(input.input, call);
    const output: ConnectorExecuteOutput = { ok: true, data: result.data, meta: meta(call, started) };
    const cursor = result.nextCursor ?? nextPosition(call.definition, input.input, result.data);
    if (cursor !== undefined) output.meta.nextCursor = cursor;
    return output;
  } catch (error) {
    const known = PatchbayError.isInstance(error)
      ? error
      : new PatchbayError({
          code: 'CONNECTOR_ERROR',
          message: `The ${input.operation} handler threw: ${(error as Error)?.message ?? String(error)}`,
          cause: error,
        });
    return { ...failure(input.operation, call.attempts, started, known, client.secretValues()), meta: meta(call, started) };
  }
}

function meta(call: OperationCall, started: number) {
  const result: ConnectorExecuteOutput['meta'] = {
    operation: call.operation,
    attempts: call.attempts,
    durationMs: performance.now() - started,
  };
  if (call.status !== undefined) result.status = call.status;
  if (call.rateLimit !== undefined) result.rateLimit = call.rateLimit;
  return result;
}

/** A failure result with every credential value scrubbed from the message and details. */
export function failure(
  operation: string,
  attempts: number,
  started: number,
  error: PatchbayError,
  secrets: readonly string[],
): ConnectorExecuteOutput {
  const connectorError = PatchbayError.isInstance(error)
    ? error.toConnectorError()
    : { code: 'CONNECTOR_ERROR' as const, message: String((error as Error | undefined)?.message ?? error), retryable: false };
  connectorError.message = redactText(connectorError.message, secrets);
  if (connectorError.details !== undefined) connectorError.details = redactValue(connectorError.details, secrets);
  return {
    ok: false,
    error: connectorError,
    meta: { operation, attempts, durationMs: started === 0 ? 0 : performance.now() - started },
  };
}
