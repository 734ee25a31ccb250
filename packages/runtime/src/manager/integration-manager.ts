import {
  PatchbayError,
  type ConnectorCatalog,
  type ConnectorExecuteOutput,
  type ConnectorModule,
  type OperationTypes,
} from '@patchbay/contract';
import type { ClientOptions } from '../client/base-api-client.js';
import { failure, runOperation } from '../client/execute-operation.js';
import { sharedResource } from '../client/connector-module-from-client.js';
import type { Logger } from '../client/logger.js';
import type { OperationHandler } from '../client/operation-call.js';
import { concealFromInspect } from '../auth/conceal-credentials.js';
import type { ConnectionState, ConnectionStateChange, RefreshCoordinator } from '../auth/connection-state.js';
import type { ConnectionStore } from '../store/connection-store.js';
import { ConnectionRegistry, type ManagedConnection } from './connection-registry.js';
import type { OAuthClientConfig } from '../auth/authorization-code-flow.js';
import { AuthorizationFlows, type AuthorizationStart, type CompleteAuthorizationOptions, type CreateAuthorizationOptions } from './authorization-flows.js';
import { createRedisRefreshCoordinator, type RedisRefreshCoordinator } from '../auth/redis-refresh-coordinator.js';
import { ConnectorFramework, type ConnectorSummary, type HydratedConnection } from '../framework/connector-framework.js';
import type { DiscoveryProblem } from '../framework/discovery.js';
import { collectSecrets, redactText, redactValue } from '../http/redact.js';
import { createTransport, type HttpTransport } from '../http/transport.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import type { Dispatcher } from 'undici';
import type { RateLimiterFactory } from '../rate-limit/rate-limiter.js';
import { createRedisRateLimiterFactory, type RedisRateLimiterFactory } from '../rate-limit/redis-rate-limiter-factory.js';
import type { RedisRateLimitOptions } from '../rate-limit/shared-redis-connection.js';
import { executeGenericRequest, GENERIC_REQUEST_SCHEMA, type GenericRequestInput } from './generic-executor.js';
import { paginate, paginateItems, type PageOptions } from '../pagination/paginate.js';
import { ValidatorCache } from '../validation/validator-cache.js';
import { validationError } from '../validation/validation-error.js';
import { pollTrigger, type PollOptions, type PollResult } from './poll-trigger.js';
import { checkConnectorOutput } from './connector-output.js';
import { connectionHandle, type ConnectionHandle, type UntypedOperations } from './connection-handle.js';

export interface IntegrationManagerOptions {
  /** App root whose dependencies are searched for connector packages. Default: `process.cwd()`. */
  cwd?: string;
  /** Connector modules to use besides the discovered packages (in-house connectors, tests). */
  modules?: ConnectorModule[];
  /** Send operations a connector does not define as raw authenticated requests. Off by default. */
  genericExecutor?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Time allowed for one HTTP attempt, from sending to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
  /** Time allowed for a whole call, retries and waits included. Default `timeoutMs × (retries + 1)`. */
  deadlineMs?: number;
  /** Let redirects and generic requests reach private, loopback and link-local addresses. Off by default. */
  allowPrivateNetwork?: boolean;
  maxResponseBytes?: number;
  /** Builds rate limiters; the default keeps limits in this process. */
  rateLimiterFactory?: RateLimiterFactory;
  /**
   * Share rate limits across processes through Redis (`{ redis: { url } }`), keyed by connection
   * id. While Redis is unreachable each process enforces the limits on its own and a warning is
   * logged; see `RedisRateLimiter`. Ignored when `rateLimiterFactory` is given.
   */
  rateLimit?: { redis?: RedisRateLimitOptions };
  /** Shared HTTP transport; by default the manager creates one and closes it in `close()`. */
  transport?: HttpTransport;
  logger?: Logger;
  /**
   * Receives renewed OAuth2 credentials of any connection, to persist them; awaited before the new
   * access token is used. With a `store`, they are stored there first.
   */
  onCredentialsRefreshed?: (connectionId: string, credentials: Record<string, unknown>) => void | Promise<void>;
  /** Renew OAuth2 tokens this long before they expire (capped at half a token's lifetime). Default 30 s. */
  refreshSkewMs?: number;
  /** Told whenever a connection's state changes; see `connectionState`. */
  onConnectionStateChange?: (change: ConnectionStateChange) => void;
  /** Makes token refreshes exclusive across processes sharing connections; see `createRedisRefreshCoordinator`. */
  refreshCoordinator?: RefreshCoordinator;
  /**
   * One token refresh per connection across processes: a lease in Redis (`{ redis: { url } }`),
   * the other processes reading the winner's result from `store` (required). Closed with the
   * manager. Ignored when `refreshCoordinator` is given.
   */
  refreshLease?: { redis: { url: string; keyPrefix?: string } };
  /**
   * Keeps connections between runs and shares them between processes: `connect` stores,
   * `disconnect` deletes, renewed credentials are stored before use, and a connection this
   * process has not seen is loaded by id on its first call. See `FileConnectionStore`.
   */
  store?: ConnectionStore;
  /** The app's OAuth client per connector id, for `createAuthorizationUrl` / `completeAuthorization`. */
  oauthClients?: Record<string, OAuthClientConfig>;
}

export interface ConnectOptions {
  id: string;
  connector: string;
  credentials?: Record<string, unknown>;
  /** Connection settings: `baseUrl`, `rateLimit`, `tokenUrl`, vendor-specific fields. */
  config?: Record<string, unknown>;
}

export interface ExecuteOptions {
  signal?: AbortSignal | undefined;
  context?: Record<string, unknown> | undefined;
}


/**
 * The app-facing API: connect, then execute operations by id. Every input is validated against the
 * operation's JSON Schema before any request; every call goes through the module's `execute` and
 * resolves with a result union.
 */
export class IntegrationManager {
  private readonly connections: ConnectionRegistry;
  private readonly unknownPagingWarned = new Set<string>();
  private readonly validators: ValidatorCache;
  private readonly transport: HttpTransport;
  private readonly ownsTransport: boolean;
  private closing: Promise<void> | undefined;
  private readonly rateLimiterFactory: RateLimiterFactory | undefined;
  private readonly redisLimiters: RedisRateLimiterFactory | undefined;
  private readonly refreshLease: RedisRefreshCoordinator | undefined;
  private readonly refreshCoordinator: RefreshCoordinator | undefined;
  private readonly authorizations: AuthorizationFlows;

  private constructor(
    private readonly framework: ConnectorFramework,
    private readonly options: IntegrationManagerOptions,
  ) {
    this.validators = framework.validators;
    this.connections = new ConnectionRegistry(options.store);
    this.ownsTransport = options.transport === undefined;
    this.transport = options.transport ?? createTransport();
    const redis = options.rateLimiterFactory === undefined ? options.rateLimit?.redis : undefined;
    this.redisLimiters = redis ? createRedisRateLimiterFactory(redis, options.logger) : undefined;
    this.rateLimiterFactory = options.rateLimiterFactory ?? this.redisLimiters;
    const lease = options.refreshCoordinator === undefined ? options.refreshLease?.redis : undefined;
    if (lease && !options.store) throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'refreshLease needs a store: the processes read the refreshed credentials from it' });
    this.refreshLease = lease && options.store ? createRedisRefreshCoordinator({ ...lease, store: options.store, logger: options.logger }) : undefined;
    this.refreshCoordinator = options.refreshCoordinator ?? this.refreshLease;
    this.authorizations = new AuthorizationFlows({
      catalog: (connector) => this.framework.catalog(connector),
      clients: options.oauthClients,
      dispatcher: () => this.transport as unknown as Dispatcher,
      timeoutMs: options.timeoutMs ?? 30_000,
      connect: (connection) => this.connect(connection),
    });
    concealFromInspect(this, 'IntegrationManager', () => ({ connectors: this.connectors().map((connector) => connector.id), connections: this.connections.entries().map(([, connection]) => connection.context) }));
  }

  static async create(options: IntegrationManagerOptions = {}): Promise<IntegrationManager> {
    const framework = await ConnectorFramework.create({ cwd: options.cwd ?? process.cwd(), modules: options.modules });
    return new IntegrationManager(framework, options);
  }

  /** Discovered connectors: id, package, version, display name and operation ids. */
  connectors(): ConnectorSummary[] {
    return this.framework.connectors();
  }

  /** A connector's metadata as data (auth, operations with their schemas), read without importing its code. */
  catalog(connectorId: string): ConnectorCatalog | undefined {
    return this.framework.catalog(connectorId);
  }

  /** The registered connections, by id and connector, in the order they were connected. */
  listConnections(): { id: string; connector: string }[] {
    return this.connections.entries().map(([id, connection]) => ({ id, connector: connection.connector }));
  }

  /** Connector packages that could not be used, each with its reason. */
  problems(): DiscoveryProblem[] {
    return this.framework.problems();
  }

  /**
   * Registers a connection. Checks the connector exists and the credentials match its schema;
   * the module is imported and bound on the connection's first call. Resolves with a handle
   * typed by the connector's operation types when given (`connect<GithubOperations>(…)`).
   */
  async connect<TOperations extends OperationTypes = UntypedOperations>(options: ConnectOptions): Promise<ConnectionHandle<TOperations>> {
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
      const issues = this.validators.get(credentialsSchema, `The credentials schema of ${options.connector}`)(credentials);
      if (issues) throw validationError(`Credentials for ${options.connector}`, issues);
    }
    const config = options.config ?? {};
    const stored = await this.options.store?.put({ id: options.id, connector: options.connector, credentials, config, state: 'active' });
    await this.connections.release(options.id);
    this.connections.register(options.id, options.connector, credentials, config, 'active', stored?.version);
    return connectionHandle<TOperations>(this, options.id, options.connector);
  }

  /**
   * Starts an OAuth2 authorization-code flow ("connect your account"): the provider URL to send
   * the user to, with `state` and a PKCE challenge where the provider takes one. The manager
   * remembers the attempt for 10 minutes; see `completeAuthorization`.
   */
  createAuthorizationUrl(options: CreateAuthorizationOptions): AuthorizationStart {
    return this.authorizations.create(options);
  }

  /**
   * Finishes the flow on the app's callback: checks `state` (one use), exchanges `code` for tokens,
   * and connects (with a store: stores) the connection. Rejects with `AUTH_FAILED` for an unknown
   * state or a refused code.
   */
  completeAuthorization(options: CompleteAuthorizationOptions): Promise<{ id: string; connector: string }> {
    return this.authorizations.complete(options);
  }

  /**
   * Replaces a connection's credentials (after the user authorized again), keeping its connector
   * and config. A connection in `needs_reauth` is `active` again.
   */
  async updateCredentials(connectionId: string, credentials: Record<string, unknown>): Promise<void> {
    const connection = this.connections.get(connectionId);
    if (!connection) throw new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `No connection "${connectionId}"` });
    await this.connect({ id: connectionId, connector: connection.connector, credentials, config: connection.context.config });
  }

  /**
   * Where a connection stands: `active`, `refreshing`, `needs_reauth` (its user must authorize
   * again; calls fail fast with `AUTH_FAILED` and `reauthRequired`) or `error` (the last refresh
   * failed; the next call tries again). `undefined` for an unknown connection.
   */
  connectionState(connectionId: string): ConnectionState | undefined {
    return this.connections.get(connectionId)?.state;
  }

  /**
   * A handle on an existing connection, typed by its connector's operation types: operation
   * names, inputs and results are checked at compile time. A type-only import of the types
   * (`import type { GithubOperations } from '@patchbay/connector-github'`) loads no connector code.
   */
  connection<TOperations extends OperationTypes = UntypedOperations>(connectionId: string): ConnectionHandle<TOperations> {
    const connection = this.connections.get(connectionId);
    if (!connection) throw new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `No connection "${connectionId}"` });
    return connectionHandle<TOperations>(this, connectionId, connection.connector);
  }

  /** Runs one operation on a connection. Resolves with `{ ok, data | error, meta }`; never rejects. */
  async execute(connectionId: string, operation: string, input: unknown = {}, options: ExecuteOptions = {}): Promise<ConnectorExecuteOutput> {
    let connection = this.connections.get(connectionId);
    if (!connection && this.options.store) {
      try {
        connection = await this.connections.load(connectionId);
      } catch (error) {
        return failure(operation, 0, 0, asPatchbayError(error), []);
      }
    }
    if (!connection) {
      return failure(operation, 0, 0, new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `No connection "${connectionId}"` }), []);
    }
    const catalog = this.framework.catalog(connection.connector);
    const definition = catalog?.operations[operation];
    const generic = definition === undefined && this.options.genericExecutor === true;
    if (definition === undefined && !generic) {
      return failure(operation, 0, 0, new PatchbayError({
        code: 'UNKNOWN_OPERATION',
        message: `Connector "${connection.connector}" has no operation "${operation}"`,
      }), []);
    }
    // Checked against the catalog before anything is imported or sent. A module built on
    // BaseAPIClient checks again in its own execute (the one path a module used on its own takes
    // too), with the same compiled validator: the schemas are the same objects.
    try {
      const schema = generic ? GENERIC_REQUEST_SCHEMA : definition!.inputSchema;
      const shared = generic || catalog === undefined ? undefined : sharedResource(catalog);
      const issues = this.validators.get(schema, `The input schema of ${connection.connector} ${operation}`, shared)(input);
      if (issues) return failure(operation, 0, 0, validationError(`Input of ${operation}`, issues), []);
    } catch (error) {
      // A broken catalog (a schema ajv refuses) is the connector's fault, reported like any other.
      return failure(operation, 0, 0, asPatchbayError(error), []);
    }

    let hydrated: HydratedConnection;
    try {
      if (connection.ready) hydrated = connection.ready;
      else {
        connection.hydrated ??= this.hydrate(connection);
        hydrated = connection.ready = await connection.hydrated;
      }
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
    if (generic) {
      // A failure while turning the answer into a result must still resolve as one.
      return this.executeGeneric(hydrated, request.operation, input as GenericRequestInput, options).catch((error: unknown) =>
        failure(operation, 0, 0, asPatchbayError(error), hydrated.client?.secretValues() ?? []));
    }
    try {
      const result = checkConnectorOutput(await hydrated.module.execute(request), hydrated.module.id);
      // A module built on BaseAPIClient scrubs its own failures; a plain module may not.
      if (!result.ok && !hydrated.client) {
        const secrets = collectSecrets(connection.context.credentials);
        result.error.message = redactText(result.error.message, secrets);
        if (result.error.details !== undefined) result.error.details = redactValue(result.error.details, secrets);
      }
      return result;
    } catch (error) {
      // A module without a client has no list of secrets: scrub the connection's credentials.
      return failure(operation, 0, 0, asPatchbayError(error), hydrated.client?.secretValues() ?? collectSecrets(connection.context.credentials));
    }
  }

  /**
   * Every page of a list operation, as results: each page's `meta.nextCursor` goes into the input
   * field named by the operation's `pagination.cursorParam`. Ends after the last page, at
   * `maxPages` / `maxItems`, or with a failed result (yielded last, never thrown).
   */
  pages(connectionId: string, operation: string, input: Record<string, unknown> = {}, options: PageOptions = {}): AsyncGenerator<ConnectorExecuteOutput, void, undefined> {
    const execute = (pageInput: Record<string, unknown>) => this.execute(connectionId, operation, pageInput, options);
    return paginate(execute, this.definitionOf(connectionId, operation), input, options, this.warnUnknownPaging);
  }

  /**
   * Every item of every page (read at `pagination.itemsPath`, or `data` itself), at most `maxItems`.
   * A failed page is thrown as a PatchbayError with the result's code, ending the loop.
   */
  items(connectionId: string, operation: string, input: Record<string, unknown> = {}, options: PageOptions = {}): AsyncGenerator<unknown, void, undefined> {
    const execute = (pageInput: Record<string, unknown>) => this.execute(connectionId, operation, pageInput, options);
    return paginateItems(execute, this.definitionOf(connectionId, operation), input, options, this.warnUnknownPaging);
  }

  /**
   * One poll of a polling trigger: the items no earlier poll delivered, and the state to store and
   * pass next time. Resolves with `{ ok: false, error, state }` (the state passed in) on failure.
   */
  async poll(connectionId: string, operation: string, options: PollOptions = {}): Promise<PollResult> {
    if (!(await this.connections.load(connectionId).catch(() => undefined))) {
      const error = new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `No connection "${connectionId}"` });
      return { ok: false, items: [], state: options.state ?? { seen: [] }, error: error.toConnectorError() };
    }
    const execute = (input: Record<string, unknown>) => this.execute(connectionId, operation, input, options);
    return pollTrigger(execute, operation, this.definitionOf(connectionId, operation), options);
  }

  /** Forgets a connection, deletes it from the store, and releases its limiters. */
  async disconnect(connectionId: string): Promise<void> {
    await this.options.store?.delete(connectionId);
    await this.connections.release(connectionId);
  }

  /**
   * Loads a stored connection this process has not seen (calls do this on their own). Resolves
   * `undefined` when there is no store or no such connection.
   */
  async load(connectionId: string): Promise<{ id: string; connector: string } | undefined> {
    const connection = await this.connections.load(connectionId);
    return connection && { id: connectionId, connector: connection.connector };
  }

  /** Releases every connection, the Redis connection of shared limits, and the transport when the manager created it. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all(this.connections.ids().map((id) => this.connections.release(id)));
      await this.options.store?.close();
      await this.redisLimiters?.close();
      await this.refreshLease?.close();
      if (this.ownsTransport) await this.transport.close();
    })();
    return this.closing;
  }

  /** Once per operation: a list whose paging is unknown may hold more than the page read. */
  private readonly warnUnknownPaging = (operation: string): void => {
    if (this.unknownPagingWarned.has(operation)) return;
    this.unknownPagingWarned.add(operation);
    const message = `${operation} declares no pagination: pages() and items() read its first page only, and there may be more`;
    // Without a logger the warning still reaches the developer, on stderr through Node.
    if (this.options.logger?.warn) this.options.logger.warn(message, { operation });
    else process.emitWarning(message, 'PatchbayWarning');
  };

  private definitionOf(connectionId: string, operation: string) {
    const connector = this.connections.get(connectionId)?.connector;
    return connector === undefined ? undefined : this.framework.catalog(connector)?.operations[operation];
  }

  private hydrate(connection: ManagedConnection): Promise<HydratedConnection> {
    const { onCredentialsRefreshed } = this.options;
    const clientOptions: ClientOptions = {
      transport: this.transport,
      retry: this.options.retry,
      timeoutMs: this.options.timeoutMs,
      deadlineMs: this.options.deadlineMs,
      allowPrivateNetwork: this.options.allowPrivateNetwork,
      maxResponseBytes: this.options.maxResponseBytes,
      rateLimiterFactory: this.rateLimiterFactory,
      logger: this.options.logger,
      onCredentialsRefreshed: async (credentials) => {
        await this.connections.persist(connection, credentials, 'active');
        await onCredentialsRefreshed?.(connection.context.id, credentials);
        connection.context.credentials = credentials;
      },
      refreshSkewMs: this.options.refreshSkewMs,
      refreshCoordinator: this.refreshCoordinator,
      initialConnectionState: connection.state,
      onConnectionStateChange: (state, previous, error) => {
        // A replaced connection's old client may still finish a refresh: it no longer speaks for the id.
        if (!this.connections.isCurrent(connection)) return;
        connection.state = state;
        if (state === 'needs_reauth') {
          // Recorded so other processes and later runs fail fast too; a failure to record it only costs them one refused refresh.
          this.connections.persist(connection, connection.context.credentials, state).catch((cause: unknown) =>
            this.options.logger?.warn?.('Could not record needs_reauth in the connection store', { connection: connection.context.id, reason: (cause as Error)?.message }));
        }
        this.options.onConnectionStateChange?.({ connectionId: connection.context.id, state, previous, ...(error ? { error } : {}) });
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
    // The connection's own client runs the call (its limiters, auth and retries apply); only the
    // handler is the generic one.
    const genericClient = {
      handler: (): OperationHandler => (_input, call) =>
        executeGenericRequest(call, input, { baseUrl: client.baseUrl, allowPrivateNetwork: this.options.allowPrivateNetwork }),
      startCall: client.startCall.bind(client),
      secretValues: client.secretValues.bind(client),
    };
    return runOperation(genericClient, operations, {
      operation,
      input: input as unknown as Record<string, unknown>,
      connection: client.connection,
      signal: options.signal,
      context: options.context,
    });
  }
}

function asPatchbayError(error: unknown): PatchbayError {
  if (PatchbayError.isInstance(error)) return error;
  return new PatchbayError({ code: 'CONNECTOR_ERROR', message: (error as Error)?.message ?? String(error), cause: error });
}
