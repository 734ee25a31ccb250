import {
  PatchbayError,
  SPECIFICATION_VERSION,
  buildModuleInputSchema,
  createSchemaCompiler,
  type ConnectionContext,
  type ConnectorAuth,
  type ConnectorExecuteInput,
  type ConnectorExecuteOutput,
  type ConnectorModule,
  type OperationDefinition,
  type OperationMap,
  type RateLimitRule,
  type SchemaValidator,
} from '@patchbay/contract';
import { collectSecrets, redactText, redactValue } from '../http/redact.js';
import type { BaseAPIClient, ClientClass, ClientOptions } from './base-api-client.js';
import type { OperationCall } from './operation-call.js';

/** Metadata `toConnectorModule` adds to what the client class itself declares. */
export interface ModuleOverrides {
  id: string;
  displayName: string;
  version: string;
  description?: string;
  documentationUrl?: string;
  /** Metadata per operation id; a handler without an entry gets a minimal one. */
  operations?: OperationMap;
  rateLimit?: RateLimitRule;
  /** Replaces the client's auth metadata (e.g. with OAuth2 URLs and scopes). */
  auth?: ConnectorAuth;
  baseUrl?: string;
}

/** Key under which a package-level module carries the factory of its client. */
export const CLIENT_FACTORY = Symbol.for('patchbay.clientFactory');

export type ClientFactory = (connection: ConnectionContext, options: ClientOptions) => BaseAPIClient;

/** A module made from a client class: plain contract object plus the client factory. */
export interface ClientConnectorModule extends ConnectorModule {
  readonly [CLIENT_FACTORY]: ClientFactory;
}

const TEMPLATE_CONNECTION: ConnectionContext = { id: 'patchbay:definition', credentials: {}, config: {} };

export function defineConnectorModule(Client: ClientClass, overrides: ModuleOverrides): ClientConnectorModule {
  const template = new Client(TEMPLATE_CONNECTION);
  const metadata = moduleMetadata(template, overrides);
  const clients = new Map<string, { source: ConnectionContext; client: BaseAPIClient }>();
  const validators = new Map<string, SchemaValidator>();
  const compiler = createSchemaCompiler();

  const execute = async (input: ConnectorExecuteInput): Promise<ConnectorExecuteOutput> => {
    const definition = metadata.operations[input.operation];
    if (definition) {
      let validate = validators.get(input.operation);
      if (!validate) validators.set(input.operation, (validate = compiler.compile(definition.inputSchema)));
      const issues = validate(input.input);
      if (issues) {
        return failure(input.operation, 0, 0, new PatchbayError({
          code: 'VALIDATION_FAILED',
          message: `Input of ${input.operation} is invalid: ${issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ')}`,
          details: issues,
        }), []);
      }
    }
    let entry = clients.get(input.connection.id);
    if (!entry || !sameConnection(entry.source, input.connection)) {
      let client: BaseAPIClient;
      try {
        client = new Client(input.connection);
      } catch (error) {
        const cause = PatchbayError.isInstance(error)
          ? error
          : new PatchbayError({ code: 'CONNECTOR_ERROR', message: `The ${metadata.id} client could not be created: ${(error as Error)?.message}`, cause: error });
        return failure(input.operation, 0, 0, cause, collectSecrets(input.connection.credentials));
      }
      client.useOperations(metadata.operations, metadata.rateLimit);
      clients.set(input.connection.id, (entry = { source: input.connection, client }));
    }
    return runOperation(entry.client, metadata.operations, input);
  };

  return {
    ...metadata,
    execute,
    [CLIENT_FACTORY]: (connection, options) => new Client(connection, options),
  };
}

// Connections of one connector share one metadata object (and its top-level schema), so an idle
// connection costs its client and little else.
const sharedMetadata = new WeakMap<ModuleOverrides, Omit<ConnectorModule, 'execute'>>();

/** The module of one connection's client. */
export function bindConnectorModule(client: BaseAPIClient, overrides: ModuleOverrides): ConnectorModule {
  let metadata = sharedMetadata.get(overrides);
  if (!metadata) sharedMetadata.set(overrides, (metadata = moduleMetadata(client, overrides)));
  client.useOperations(metadata.operations, metadata.rateLimit);
  return { ...metadata, execute: (input) => runOperation(client, metadata.operations, input) };
}

function moduleMetadata(client: BaseAPIClient, overrides: ModuleOverrides): Omit<ConnectorModule, 'execute'> {
  const operations: OperationMap = { ...overrides.operations };
  for (const id of client.handlerIds()) operations[id] ??= minimalOperation(id);
  const metadata: Omit<ConnectorModule, 'execute'> = {
    specificationVersion: SPECIFICATION_VERSION,
    id: overrides.id,
    displayName: overrides.displayName,
    version: overrides.version,
    auth: overrides.auth ?? client.auth,
    operations,
    inputSchema: buildModuleInputSchema(operations, overrides.id),
  };
  const baseUrl = overrides.baseUrl ?? client.defaultBaseUrl;
  if (baseUrl !== undefined) metadata.baseUrl = baseUrl;
  if (overrides.description !== undefined) metadata.description = overrides.description;
  if (overrides.documentationUrl !== undefined) metadata.documentationUrl = overrides.documentationUrl;
  if (overrides.rateLimit !== undefined) metadata.rateLimit = overrides.rateLimit;
  return metadata;
}

function minimalOperation(id: string): OperationDefinition {
  return { kind: 'action', displayName: id, inputSchema: { type: 'object' } };
}

/** Runs a handler and turns every outcome into the result union; nothing rejects. */
export async function runOperation(
  client: Pick<BaseAPIClient, 'handler' | 'startCall' | 'secretValues'>,
  operations: OperationMap,
  input: ConnectorExecuteInput,
): Promise<ConnectorExecuteOutput> {
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
    if (result.nextCursor !== undefined) output.meta.nextCursor = result.nextCursor;
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
  const connectorError = error.toConnectorError();
  connectorError.message = redactText(connectorError.message, secrets);
  if (connectorError.details !== undefined) connectorError.details = redactValue(connectorError.details, secrets);
  return {
    ok: false,
    error: connectorError,
    meta: { operation, attempts, durationMs: started === 0 ? 0 : performance.now() - started },
  };
}

function sameConnection(a: ConnectionContext, b: ConnectionContext): boolean {
  return a.credentials === b.credentials && a.config === b.config;
}
