import {
  PatchbayError,
  type ConnectionContext,
  type ConnectorExecuteOutput,
  type ConnectorModule,
  type ValidationIssue,
} from '@patchbay/contract';
import type { ClientOptions } from '../client/base-api-client.js';
import { failure, runOperation } from '../client/connector-module-from-client.js';
import type { Logger } from '../client/logger.js';
import { ConnectorFramework, type ConnectorSummary, type HydratedConnection } from '../framework/connector-framework.js';
import type { DiscoveryProblem } from '../framework/discovery.js';
import { createTransport, type HttpTransport } from '../http/transport.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import type { RateLimiterFactory } from '../rate-limit/rate-limiter.js';
import { executeGenericRequest, GENERIC_REQUEST_SCHEMA, type GenericRequestInput } from './generic-executor.js';
import { ValidatorCache } from './validator-cache.js';

export interface IntegrationManagerOptions {
  /** App root whose dependencies are searched for connector packages. Default: `process.cwd()`. */
  cwd?: string;
  /** Connector modules to use besides the discovered packages (in-house connectors, tests). */
  modules?: ConnectorModule[];
  /** Send operations a connector does not define as raw authenticated requests. Off by default. */
  genericExecutor?: boolean;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Builds rate limiters; the default keeps limits in this process. */
  rateLimiterFactory?: RateLimiterFactory;
  /** Shared HTTP transport; by default the manager creates one and closes it in `close()`. */
  transport?: HttpTransport;
  logger?: Logger;
  /** Receives refreshed OAuth2 credentials of any connection, to persist them. */
  onCredentialsRefreshed?: (connectionId: string, credentials: Record<string, unknown>) => void | Promise<void>;
}

export interface ConnectOptions {
  id: string;
  connector: string;
  credentials?: Record<string, unknown>;
  /** Connection settings: `baseUrl`, `rateLimit`, `tokenUrl`, vendor-specific fields. */
  config?: Record<string, unknown>;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  context?: Record<string, unknown>;
}

interface Connection {
  connector: string;
  context: ConnectionContext;
  hydrated: Promise<HydratedConnection> | undefined;
}

/**
 * The app-facing API: connect, then execute operations by id. Every input is validated against the
 * operation's JSON Schema before any request; every call goes through the module's `execute` and
 * resolves with a result union.
 */
export class IntegrationManager {
  private readonly connections = new Map<string, Connection>();
  private readonly validators = new ValidatorCache();
  private readonly transport: HttpTransport;
  private readonly ownsTransport: boolean;

  private constructor(
    private readonly framework: ConnectorFramework,
    private readonly options: IntegrationManagerOptions,
  ) {
    this.ownsTransport = options.transport === undefined;
    this.transport = options.transport ?? createTransport();
  }

  static async create(options: IntegrationManagerOptions = {}): Promise<IntegrationManager> {
    const framework = await ConnectorFramework.create({ cwd: options.cwd ?? process.cwd(), modules: options.modules });
    return new IntegrationManager(framework, options);
  }

  /** Discovered connectors: id, package, version, display name and operation ids. */
  connectors(): ConnectorSummary[] {
    return this.framework.connectors();
  }

  /** Connector packages that could not be used, each with its reason. */
  problems(): DiscoveryProblem[] {
    return this.framework.problems();
  }

  /**
   * Registers a connection. Checks the connector exists and the credentials match its schema;
   * the module is imported and bound on the connection's first call.
   */
  async connect(options: ConnectOptions): Promise<{ id: string; connector: string }> {
    const catalog = this.framework.catalog(options.connector);
    if (!catalog) {
      throw new PatchbayError({
        code: 'CONNECTOR_NOT_FOUND',
        message: `No connector "${options.connector}"; available: ${this.connectors().map((c) => c.id).join(', ') || 'none'}`,
      });
    }
    const credentials = options.credentials ?? {};
    const credentialsSchema = catalog.auth.credentialsSchema;
    if (credentialsSchema) {
      const issues = this.validators.get(credentialsSchema)(credentials);
      if (issues) throw validationError(`Credentials for ${options.connector}`, issues);
    }
    await this.disconnect(options.id);
    this.connections.set(options.id, {
      connector: options.connector,
      context: { id: options.id, credentials, config: options.config ?? {} },
      hydrated: undefined,
    });
    return { id: options.id, connector: options.connector };
  }

  /** Runs one operation on a connection. Resolves with `{ ok, data | error, meta }`; never rejects. */
  async execute(connectionId: string, operation: string, input: unknown = {}, options: ExecuteOptions = {}): Promise<ConnectorExecuteOutput> {
    const connection = this.connections.get(connectionId);
    if (!connection) {
      return failure(operation, 0, 0, new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `No connection "${connectionId}"` }), []);
    }
    const definition = this.framework.catalog(connection.connector)?.operations[operation];
    const generic = definition === undefined && this.options.genericExecutor === true;
    if (definition === undefined && !generic) {
      return failure(operation, 0, 0, new PatchbayError({
        code: 'UNKNOWN_OPERATION',
        message: `Connector "${connection.connector}" has no operation "${operation}"`,
      }), []);
    }
    const issues = this.validators.get(generic ? GENERIC_REQUEST_SCHEMA : definition!.inputSchema)(input);
    if (issues) return failure(operation, 0, 0, validationError(`Input of ${operation}`, issues), []);

    let hydrated: HydratedConnection;
    try {
      connection.hydrated ??= this.hydrate(connection);
      hydrated = await connection.hydrated;
    } catch (error) {
      connection.hydrated = undefined;
      return failure(operation, 0, 0, asPatchbayError(error), []);
    }
    const request = {
      operation,
      input: input as Record<string, unknown>,
      connection: connection.context,
      signal: options.signal,
      context: options.context,
    };
    if (generic) return this.executeGeneric(hydrated, request.operation, input as GenericRequestInput, options);
    try {
      return await hydrated.module.execute(request);
    } catch (error) {
      return failure(operation, 0, 0, asPatchbayError(error), hydrated.client?.secretValues() ?? []);
    }
  }

  /** Forgets a connection and releases its limiters. */
  async disconnect(connectionId: string): Promise<void> {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    this.connections.delete(connectionId);
    const hydrated = await connection.hydrated?.catch(() => undefined);
    await hydrated?.client?.close();
  }

  /** Releases every connection, and the transport when the manager created it. */
  async close(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((id) => this.disconnect(id)));
    if (this.ownsTransport) await this.transport.close();
  }

  private hydrate(connection: Connection): Promise<HydratedConnection> {
    const { onCredentialsRefreshed } = this.options;
    const clientOptions: ClientOptions = {
      transport: this.transport,
      retry: this.options.retry,
      timeoutMs: this.options.timeoutMs,
      maxResponseBytes: this.options.maxResponseBytes,
      rateLimiterFactory: this.options.rateLimiterFactory,
      logger: this.options.logger,
      onCredentialsRefreshed: async (credentials) => {
        connection.context.credentials = credentials;
        await onCredentialsRefreshed?.(connection.context.id, credentials);
      },
    };
    return this.framework.hydrate(connection.connector, connection.context, clientOptions);
  }

  private async executeGeneric(
    hydrated: HydratedConnection,
    operation: string,
    input: GenericRequestInput,
    options: ExecuteOptions,
  ): Promise<ConnectorExecuteOutput> {
    const client = hydrated.client;
    if (!client) {
      return failure(operation, 0, 0, new PatchbayError({
        code: 'UNKNOWN_OPERATION',
        message: `"${operation}" is not an operation of ${hydrated.module.id}, and its module has no client for generic requests`,
      }), []);
    }
    const operations = { [operation]: { kind: 'action' as const, displayName: operation, inputSchema: GENERIC_REQUEST_SCHEMA } };
    const genericClient = Object.create(client, {
      handler: { value: () => (call: Parameters<typeof executeGenericRequest>[0]) => executeGenericRequest(call, input) },
    }) as typeof client;
    return runOperation(genericClient, operations, {
      operation,
      input: input as unknown as Record<string, unknown>,
      connection: client.connection,
      signal: options.signal,
      context: options.context,
    });
  }
}

function validationError(subject: string, issues: ValidationIssue[]): PatchbayError {
  const summary = issues
    .slice(0, 5)
    .map((issue) => `${issue.pointer || '/'} ${issue.message}`)
    .join('; ');
  return new PatchbayError({
    code: 'VALIDATION_FAILED',
    message: `${subject} is invalid (nothing was sent): ${summary}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`,
    details: issues,
  });
}

function asPatchbayError(error: unknown): PatchbayError {
  if (PatchbayError.isInstance(error)) return error;
  return new PatchbayError({ code: 'CONNECTOR_ERROR', message: (error as Error)?.message ?? String(error), cause: error });
}
