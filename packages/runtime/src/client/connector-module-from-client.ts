import {
  PatchbayError,
  SPECIFICATION_VERSION,
  buildModuleInputSchema,
  sharedDefinitionsUri,
  type ConnectionContext,
  type ConnectorAuth,
  type ConnectorExecuteInput,
  type ConnectorExecuteOutput,
  type ConnectorModule,
  type OperationDefinition,
  type OperationMap,
  type RateLimitRule,
  type SharedDefinitions,
  type SharedSchemaResource,
} from '@patchbay/contract';
import { collectSecrets } from '../http/redact.js';
import { ValidatorCache } from '../validation/validator-cache.js';
import type { BaseAPIClient, ClientClass, ClientOptions } from './base-api-client.js';
import { executeOperation, failure } from './execute-operation.js';

/** Metadata `toConnectorModule` adds to what the client class itself declares. */
export interface ModuleOverrides {
  id: string;
  displayName: string;
  version: string;
  description?: string;
  documentationUrl?: string;
  /**
   * The operations, each with its `http` definition or a handler registered in code. Without
   * it (a bespoke client being migrated), each registered handler gets a minimal entry.
   */
  operations?: OperationMap;
  rateLimit?: RateLimitRule;
  /** Replaces the client's auth metadata (e.g. with OAuth2 URLs and scopes). */
  auth?: ConnectorAuth;
  baseUrl?: string;
  /** Schemas the operations share, referred to as `#/$defs/<name>` (a generated connector's components). */
  $defs?: SharedDefinitions;
}

/** Key under which a module built on BaseAPIClient carries the factory of its client. */
export const CLIENT_FACTORY = Symbol.for('patchbay.clientFactory');
/** Static marker of BaseAPIClient, inherited by every subclass. */
export const CLIENT_CLASS = Symbol.for('patchbay.clientClass');
const HANDLED_OPERATIONS = Symbol.for('patchbay.handledOperations');
const VALIDATORS = Symbol.for('patchbay.validators');

export type ClientFactory = (connection: ConnectionContext, options: ClientOptions) => BaseAPIClient;

/** A module made from a client class: the plain contract object plus what the runtime needs to bind it. */
export interface ClientConnectorModule extends ConnectorModule {
  readonly [CLIENT_FACTORY]: ClientFactory;
  readonly [HANDLED_OPERATIONS]: readonly string[];
  readonly [VALIDATORS]: ValidatorCache;
}

const TEMPLATE_CONNECTION: ConnectionContext = { id: 'patchbay:definition', credentials: {}, config: {} };

/**
 * The package-level module of a client class. Its `execute`, used on its own, runs each call on a
 * client made for that call and closed after it, so nothing outlives a call: validation, auth,
 * retries and the vendor hooks apply; limits shared across calls and persisted token refreshes
 * are the IntegrationManager's, which binds one client per connection (`bindConnectorModule`).
 * Both run the same `executeOperation`.
 */
export function defineConnectorModule(Client: ClientClass, overrides: ModuleOverrides): ClientConnectorModule {
  return moduleOfClient(new Client(TEMPLATE_CONNECTION), (connection, options) => new Client(connection, options), overrides);
}

/** A module whose metadata and handlers are read from one client, and whose connections get clients from `factory`. */
export function moduleOfClient(template: BaseAPIClient, factory: ClientFactory, overrides: ModuleOverrides): ClientConnectorModule {
  const defaults: Pick<ModuleOverrides, 'auth' | 'baseUrl'> = { auth: template.auth };
  if (template.defaultBaseUrl !== undefined) defaults.baseUrl = template.defaultBaseUrl;
  return clientModule(factory, template.handlerIds(), defaults, overrides, new ValidatorCache());
}

/**
 * The same client module described by other metadata: the package's catalog, merged with the
 * handlers of its client. Its handlers must still cover every operation without an `http` definition.
 */
export function withMetadata(module: ClientConnectorModule, overrides: ModuleOverrides, validators = new ValidatorCache()): ClientConnectorModule {
  const defaults: Pick<ModuleOverrides, 'auth' | 'baseUrl'> = { auth: module.auth };
  if (module.baseUrl !== undefined) defaults.baseUrl = module.baseUrl;
  return clientModule(module[CLIENT_FACTORY], module[HANDLED_OPERATIONS], defaults, overrides, validators);
}

/** One connection's module: the module's metadata, run on that connection's client. */
export function bindConnectorModule(module: ClientConnectorModule, client: BaseAPIClient): ConnectorModule {
  const validators = module[VALIDATORS];
  client.useOperations(module.operations, module.rateLimit);
  const shared = sharedResource(module);
  return { ...module, execute: (input) => executeOperation(client, module.operations, validators, input, shared) };
}

function clientModule(
  factory: ClientFactory,
  handled: readonly string[],
  defaults: Pick<ModuleOverrides, 'auth' | 'baseUrl'>,
  overrides: ModuleOverrides,
  validators: ValidatorCache,
): ClientConnectorModule {
  const metadata = moduleMetadata(handled, { ...defaults, ...overrides });
  const shared = sharedResource(metadata);
  const execute = async (input: ConnectorExecuteInput): Promise<ConnectorExecuteOutput> => {
    let client: BaseAPIClient;
    try {
      client = factory(input.connection, {});
      client.useOperations(metadata.operations, metadata.rateLimit);
    } catch (error) {
      const cause = PatchbayError.isInstance(error)
        ? error
        : new PatchbayError({ code: 'CONNECTOR_ERROR', message: `The ${metadata.id} client could not be created: ${(error as Error)?.message}`, cause: error });
      return failure(input.operation, 0, 0, cause, collectSecrets(input.connection.credentials));
    }
    try {
      return await executeOperation(client, metadata.operations, validators, input, shared);
    } finally {
      await client.close();
    }
  };
  return { ...metadata, execute, [CLIENT_FACTORY]: factory, [HANDLED_OPERATIONS]: handled, [VALIDATORS]: validators };
}

/** Whether a value is a client class (a BaseAPIClient subclass, from any copy of the runtime). */
export function isClientClass(value: unknown): value is ClientClass {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[CLIENT_CLASS] === true;
}

/** Whether a value is a module built by `toConnectorModule` (from any copy of the runtime). */
export function isClientConnectorModule(value: unknown): value is ClientConnectorModule {
  return typeof value === 'object' && value !== null && typeof (value as Partial<ClientConnectorModule>)[CLIENT_FACTORY] === 'function';
}

/** Operation ids a module built on BaseAPIClient handles in code; `undefined` for a plain module. */
export function handledOperations(module: ConnectorModule): readonly string[] | undefined {
  return isClientConnectorModule(module) ? module[HANDLED_OPERATIONS] : undefined;
}

function moduleMetadata(handled: readonly string[], overrides: ModuleOverrides): Omit<ConnectorModule, 'execute'> {
  const operations: OperationMap = overrides.operations ? { ...overrides.operations } : minimalOperations(handled);
  checkWiring(overrides.id, operations, handled);
  if (overrides.auth === undefined) throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Connector "${overrides.id}" declares no auth` });
  const metadata: Omit<ConnectorModule, 'execute'> = {
    specificationVersion: SPECIFICATION_VERSION,
    id: overrides.id,
    displayName: overrides.displayName,
    version: overrides.version,
    auth: overrides.auth,
    operations,
    inputSchema: buildModuleInputSchema(operations, overrides.id, overrides.$defs),
  };
  if (overrides.$defs !== undefined) metadata.$defs = overrides.$defs;
  if (overrides.baseUrl !== undefined) metadata.baseUrl = overrides.baseUrl;
  if (overrides.description !== undefined) metadata.description = overrides.description;
  if (overrides.documentationUrl !== undefined) metadata.documentationUrl = overrides.documentationUrl;
  if (overrides.rateLimit !== undefined) metadata.rateLimit = overrides.rateLimit;
  return metadata;
}

/** Where a module's operation schemas find the definitions they share, if it has any. */
export function sharedResource(module: { id: string; $defs?: SharedDefinitions }): SharedSchemaResource | undefined {
  return module.$defs === undefined ? undefined : { uri: sharedDefinitionsUri(module.id), definitions: module.$defs };
}

function minimalOperations(handled: readonly string[]): OperationMap {
  const operations: OperationMap = {};
  for (const id of handled) operations[id] = { kind: 'action', displayName: id, inputSchema: { type: 'object' } } satisfies OperationDefinition;
  return operations;
}

/**
 * Every operation is sent from its `http` definition or by a handler, and every handler runs a
 * declared operation: a mistake here fails when the module is defined (at import and at build),
 * not on some later call.
 */
function checkWiring(id: string, operations: OperationMap, handled: readonly string[]): void {
  const problems = [
    ...Object.keys(operations)
      .filter((operation) => operations[operation]!.http === undefined && !handled.includes(operation))
      .map((operation) => `operation "${operation}" has neither an http definition nor a handler`),
    ...handled.filter((operation) => !Object.hasOwn(operations, operation)).map((operation) => `handler "${operation}" has no operation definition`),
  ];
  if (problems.length > 0) {
    throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Connector "${id}" is inconsistent: ${problems.join('; ')}` });
  }
}
