import { randomUUID } from 'node:crypto';
import {
  PatchbayError,
  type ConnectionContext,
  type ConnectorAuth,
  type ConnectorModule,
  type OperationDefinition,
  type OperationMap,
  type RateLimitState,
} from '@patchbay/contract';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { applyAuth, credentialCarriers } from '../auth/apply-auth.js';
import { concealCredentials, concealFromInspect } from '../auth/conceal-credentials.js';
import { OAuth2Session } from '../auth/oauth2-session.js';
import type { ConnectionState, RefreshCoordinator } from '../auth/connection-state.js';
import { readRateLimitState, parseRetryAfter, type RateLimitHeaderNames } from '../http/rate-limit-headers.js';
import { collectSecrets, containsSecret, redactRequest, redactText, redactValue } from '../http/redact.js';
import type { HttpResponse, RequestOptions } from '../http/request-options.js';
import { errorFromResponse, type VendorErrorInfo } from '../http/response-error.js';
import { retryAfterFailure } from '../http/retry.js';
import { attemptTimeoutMs, boundedWait, defaultDeadlineMs, startDeadline, type CallDeadline } from '../http/call-deadline.js';
import { isIdempotentRequest, resolveRetryPolicy, type RetryPolicy } from '../http/retry-policy.js';
import { sendRequest, type RawResponse, type WireRequest } from '../http/send-request.js';
import { prepareRequest, type PreparedRequest } from '../http/prepare-request.js';
import { followRedirect, isRedirectStatus, type RedirectHop } from '../http/redirect.js';
import type { HttpTransport } from '../http/transport.js';
import { ConnectionLimiters } from '../rate-limit/connection-limiters.js';
import { configuredRule, normalizeRateLimits, type NormalizedRateLimits } from '../rate-limit/rate-limit-rules.js';
import type { RateLimiterFactory } from '../rate-limit/rate-limiter.js';
import { readNextCursor } from '../pagination/next-cursor.js';
import { VERSION } from '../version.js';
import type { Logger } from './logger.js';
import { OperationCall, type OperationHandler } from './operation-call.js';
import { restHandler } from './rest-handler.js';
import { defaultVendorError } from './default-vendor-error.js';
import { CLIENT_CLASS, bindConnectorModule, defineConnectorModule, moduleOfClient, type ClientConnectorModule, type ModuleOverrides } from './connector-module-from-client.js';

/**
 * What a connector's client class declares about its API: where it is, how it authenticates, and
 * the vendor hooks that plug into the shared request path. Hooks are plain functions of the
 * response, kept each in its connector's own small file and tested alone; a subclass overrides
 * the protected method of the same name only when a hook needs the connection's state.
 */
export interface ClientDefinition {
  auth: ConnectorAuth;
  /** Default base URL; `{name}` placeholders are filled from the connection's config (e.g. `{site}`). */
  baseUrl?: string;
  /** Headers every request carries (API version, accept type). */
  headers?: Record<string, string>;
  /** Reads the vendor's error body; see `BaseAPIClient.vendorError`. */
  vendorError?: (response: HttpResponse) => VendorErrorInfo | undefined;
  /** The vendor's rate-limit budgets, by header name; the spent one (or the first) is reported. Default: `X-RateLimit-*`, `RateLimit-*`. */
  rateLimitHeaders?: readonly RateLimitHeaderNames[];
  /** Finds the next page's cursor where the operation's `pagination` cannot say it declaratively. */
  nextCursor?: (response: HttpResponse, operation: OperationDefinition | undefined) => string | undefined;
  /**
   * A header that carries one key per call on every request that is not idempotent (Stripe's
   * `Idempotency-Key`): the caller's `context.idempotencyKey`, or a random one made before the
   * first attempt, so every retry of the call carries the same key and the vendor applies it once.
   */
  idempotencyKeyHeader?: string;
  /** Input fields the connection fills, never the caller (Twilio's `{AccountSid}` in every path). */
  connectionParams?: (connection: ConnectionContext) => Record<string, unknown>;
}

/** Per-connection settings the runtime (or an app using a client directly) passes in. */
export interface ClientOptions {
  /** Shared HTTP transport; see `createTransport`. Defaults to undici's global dispatcher. */
  transport?: HttpTransport;
  retry?: Partial<RetryPolicy>;
  /** Time allowed for one HTTP attempt, from sending to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
  /**
   * Time allowed for a whole call: every attempt, retry wait, rate-limit wait and OAuth2 refresh.
   * Default `timeoutMs × (retries + 1)`, two minutes with the defaults; `Infinity` for none.
   */
  deadlineMs?: number;
  /**
   * Let redirects (and generic requests) reach private, loopback and link-local addresses although
   * the connection's base URL is public. Off by default: such targets are refused, which stops a
   * redirect to a cloud metadata service. A base URL that is itself such an address is always allowed.
   */
  allowPrivateNetwork?: boolean;
  /** Larger responses are refused. Default 10 MB. */
  maxResponseBytes?: number;
  /** Normalized rules; defaults to the module's and the connection's `config.rateLimit`. */
  rateLimits?: NormalizedRateLimits;
  /** Builds limiters (local by default; a Redis-backed one to share limits across processes). */
  rateLimiterFactory?: RateLimiterFactory;
  /**
   * Receives renewed OAuth2 credentials so the app can persist them. Awaited before the new access
   * token is used: a rotated refresh token is stored before anything depends on it.
   */
  onCredentialsRefreshed?: (credentials: Record<string, unknown>) => void | Promise<void>;
  /** Renew an OAuth2 token this long before it expires (capped at half its lifetime). Default 30 s. */
  refreshSkewMs?: number;
  /** Told when the connection's OAuth2 state changes (`active`, `refreshing`, `needs_reauth`, `error`). */
  onConnectionStateChange?: (state: ConnectionState, previous: ConnectionState, error?: PatchbayError) => void;
  /** Makes token refreshes exclusive across processes (`createRedisRefreshCoordinator`). */
  refreshCoordinator?: RefreshCoordinator;
  /** The state a store recorded for the connection; `needs_reauth` keeps it from refreshing. */
  initialConnectionState?: ConnectionState;
  logger?: Logger;
}

export type ClientClass<T extends BaseAPIClient = BaseAPIClient> = new (
  connection: ConnectionContext,
  options?: ClientOptions,
) => T;

/** A client class made by `BaseAPIClient.define`: extend it, or call `toConnectorModule` on it. */
export interface DefinedClientClass {
  new (connection: ConnectionContext, options?: ClientOptions): BaseAPIClient;
  toConnectorModule(overrides: ModuleOverrides): ClientConnectorModule;
}

/** Handlers for the operations whose wire needs code, keyed by operation id. */
export type OperationHandlers = { [operation: string]: OperationHandler<never> };

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The base of every connector's API client, one instance per connection. Every request takes the
 * same path, in this order: prepare (URL, params, body) → retry → rate limit → authenticate →
 * send → read rate-limit headers → parse → classify. Subclasses register one handler per
 * operation and may refine the vendor-specific steps through the protected hooks.
 */
export abstract class BaseAPIClient {
  readonly connection: ConnectionContext;
  protected readonly options: ClientOptions;
  private readonly definition: ClientDefinition;
  private readonly handlers = new Map<string, OperationHandler>();
  private readonly retryPolicy: RetryPolicy;
  private readonly deadlineMs: number;
  private resolvedBaseUrl: URL | undefined;
  private readonly defaultHeaders: Record<string, string>;
  private secrets: string[];
  private readonly oauth: OAuth2Session | undefined;
  private operations: OperationMap = {};
  private rateLimits: NormalizedRateLimits | undefined;
  private readonly limiters: ConnectionLimiters;
  /** Bound once, not per call: every OperationCall of this connection sends through it. */
  private readonly sender = (options: RequestOptions, call: OperationCall) => this.send(options, call);

  constructor(connection: ConnectionContext, options: ClientOptions | undefined, definition: ClientDefinition) {
    this.connection = concealCredentials({ id: connection.id, credentials: { ...connection.credentials }, config: connection.config ?? {} });
    concealFromInspect(this, this.constructor.name, () => ({ connection: this.connection }));
    this.options = options ?? {};
    this.definition = definition;
    this.retryPolicy = resolveRetryPolicy(this.options.retry);
    this.deadlineMs = this.options.deadlineMs ?? defaultDeadlineMs(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, this.retryPolicy.retries, this.retryPolicy.maxRetryAfterMs);
    this.defaultHeaders = {
      'user-agent': `patchbay-runtime/${VERSION}`,
      accept: 'application/json',
      ...lowercaseKeys(definition.headers ?? {}),
    };
    this.secrets = collectSecrets(this.connection.credentials);
    this.rateLimits = this.options.rateLimits;
    this.limiters = new ConnectionLimiters(connection.id, () => this.rateLimits, this.options.rateLimiterFactory);
    if (definition.auth.strategy === 'oauth2') {
      this.oauth = new OAuth2Session({
        connectionId: connection.id,
        auth: definition.auth,
        credentials: this.connection.credentials,
        tokenUrl: typeof this.connection.config.tokenUrl === 'string' ? this.connection.config.tokenUrl : undefined,
        dispatcher: () => this.dispatcher(),
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        refreshSkewMs: this.options.refreshSkewMs,
        coordinator: this.options.refreshCoordinator,
        initialState: this.options.initialConnectionState,
        onRefreshed: async (credentials) => {
          // Known as secrets before they are stored, so no failure while storing can print them.
          this.secrets = [...new Set([...this.secrets, ...collectSecrets(credentials)])];
          await this.options.onCredentialsRefreshed?.(credentials);
          this.connection.credentials = credentials;
          this.options.logger?.info?.('OAuth2 access token refreshed', { connection: this.connection.id });
        },
        onAdopted: (credentials) => {
          this.secrets = [...new Set([...this.secrets, ...collectSecrets(credentials)])];
          this.connection.credentials = credentials;
        },
        onStateChange: (state, previous, error) => this.options.onConnectionStateChange?.(state, previous, error),
      });
    }
  }

  /**
   * The client class of a connector that is all definition: its API's place, auth and vendor
   * hooks (or a function choosing them from the connection's credentials and config), plus
   * handlers for the few operations whose wire needs code. Every other operation is sent from
   * its `http` definition. `class GithubClient extends BaseAPIClient.define({ … }) {}`
   */
  static define(definition: ClientDefinition | ((connection: ConnectionContext) => ClientDefinition), handlers: OperationHandlers = {}): DefinedClientClass {
    return class DefinedClient extends BaseAPIClient {
      constructor(connection: ConnectionContext, options?: ClientOptions) {
        super(connection, options, typeof definition === 'function' ? definition(connection) : definition);
        for (const [operation, handler] of Object.entries(handlers)) this.register(operation, handler as OperationHandler);
      }
    };
  }

  /** Lets the runtime recognise a client class exported instead of a module, from any copy of it. */
  static readonly [CLIENT_CLASS] = true;

  /**
   * The package-level module of a client class: its operations (sent from their `http`
   * definitions, or by the handlers registered in the constructor) wrapped in the contract.
   */
  static toConnectorModule<T extends BaseAPIClient>(this: ClientClass<T>, overrides: ModuleOverrides): ClientConnectorModule {
    return defineConnectorModule(this, overrides);
  }

  /** This connection's module: the same module, bound to this client. */
  toConnectorModule(overrides: ModuleOverrides): ConnectorModule {
    const Client = this.constructor as ClientClass;
    return bindConnectorModule(moduleOfClient(this, (connection, options) => new Client(connection, options), overrides), this);
  }

  get auth(): ConnectorAuth {
    return this.definition.auth;
  }

  get defaultBaseUrl(): string | undefined {
    return this.definition.baseUrl;
  }

  /** The URL this connection sends to: `config.baseUrl`, or the default with placeholders filled. */
  get baseUrl(): URL {
    this.resolvedBaseUrl ??= resolveBaseUrl(this.definition.baseUrl, this.connection.config);
    return this.resolvedBaseUrl;
  }

  /** Operation ids with a handler registered in code. */
  handlerIds(): string[] {
    return [...this.handlers.keys()];
  }

  /** The registered handler, or else the request the operation's `http` definition describes. */
  handler(operation: string): OperationHandler | undefined {
    const registered = this.handlers.get(operation);
    if (registered) return registered;
    const http = this.operations[operation]?.http;
    if (http === undefined) return undefined;
    const rest = restHandler(http);
    const owned = this.definition.connectionParams;
    // A definition that places fields (headers, a whole body) fills the path from the input first,
    // so the connection's fields must be in that input already.
    return owned ? (input, call) => rest({ ...input, ...owned(this.connection) }, call) : rest;
  }

  /** Called by the module wrapper with the merged metadata; sets per-operation behaviour. */
  useOperations(operations: OperationMap, moduleRateLimit?: NormalizedRateLimits['connection']): void {
    this.operations = operations;
    this.rateLimits ??= normalizeRateLimits(moduleRateLimit, configuredRule(this.connection.config), operations);
  }

  /** The OAuth2 state of this connection; `active` for the other strategies. */
  get connectionState(): ConnectionState {
    return this.oauth?.state ?? 'active';
  }

  /** Credential values to scrub from anything that leaves the runtime. */
  secretValues(): readonly string[] {
    return this.secrets;
  }

  /** Starts one execution of an operation, counting attempts and carrying the caller's signal. */
  startCall(operation: string, signal?: AbortSignal, context?: Record<string, unknown>): OperationCall {
    return new OperationCall(operation, this.operations[operation], signal, context, this.connection, this.sender, startDeadline(this.deadlineMs));
  }

  /** Sends one request on this connection, without an operation's bookkeeping. */
  request<TData = unknown>(options: RequestOptions): Promise<HttpResponse<TData>> {
    return this.send(options, undefined) as Promise<HttpResponse<TData>>;
  }

  /** Releases limiters. The transport belongs to whoever created it. */
  async close(): Promise<void> {
    await this.limiters.close();
  }

  protected register<TInput = Record<string, unknown>>(operation: string, handler: OperationHandler<TInput>): void {
    if (this.handlers.has(operation)) throw new Error(`Operation "${operation}" already has a handler`);
    this.handlers.set(operation, handler as OperationHandler);
  }

  /**
   * Reads the vendor's error out of a response. Called for every response: returning a value for
   * a 2xx marks it as an error (APIs that answer 200 with an error body). The default reads the
   * common `message`, `error.message`, `error_description` and `error` fields of error statuses.
   */
  protected vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return (this.definition.vendorError ?? defaultVendorError)(response);
  }

  /** Rate-limit state from response headers, read with the definition's `rateLimitHeaders`. */
  protected rateLimitState(headers: Record<string, string>): RateLimitState | undefined {
    return readRateLimitState(headers, this.definition.rateLimitHeaders);
  }

  /** The next page's cursor: the definition's hook, or where the operation's `pagination` says. */
  protected nextCursor(response: HttpResponse, call: OperationCall | undefined): string | undefined {
    const definition = call?.definition;
    if (this.definition.nextCursor) return this.definition.nextCursor(response, definition);
    return readNextCursor(response, definition?.pagination);
  }

  /** Applies credentials; override for `custom` strategies (signatures, vendor schemes). */
  protected authenticate(request: WireRequest): void | Promise<void> {
    // Only OAuth2 may have to wait (for a refresh); the other strategies stay synchronous, which
    // spares every request a promise on the hot path.
    if (!this.oauth) return applyAuth(this.definition.auth, this.connection.credentials, request.headers, request.url, undefined);
    return this.oauth.accessToken().then((accessToken) => {
      applyAuth(this.definition.auth, this.connection.credentials, request.headers, request.url, accessToken);
    });
  }

  /**
   * The first attempt runs here and most calls end with it; only a failure builds the retry
   * options and hands over to p-retry.
   */
  private async send(options: RequestOptions, call: OperationCall | undefined): Promise<HttpResponse> {
    const signal = options.signal ?? call?.signal;
    const deadline = call?.deadline ?? startDeadline(this.deadlineMs);
    const owned = this.definition.connectionParams;
    // Spread, not Object.assign: an own `__proto__` key of the input stays a plain key.
    if (owned && options.params) options = { ...options, params: { ...options.params, ...owned(this.connection) } };
    const prepared = prepareRequest(options, this.baseUrl, this.defaultHeaders);
    let idempotent = options.idempotent ?? call?.definition?.idempotent;
    const keyHeader = this.definition.idempotencyKeyHeader;
    // The key goes on every write whose method is not idempotent by itself, marked or not: the key
    // is what makes repeating it safe.
    if (keyHeader !== undefined && call && !isIdempotentRequest(prepared.method, undefined, prepared.headers)) {
      prepared.headers[keyHeader.toLowerCase()] = (call.idempotencyKey ??= idempotencyKeyOf(call.context));
      idempotent = true;
    }
    const limiter = this.limiters.for(call ? call.operation : options.operation);
    const attempt = limiter
      ? () => limiter.schedule(() => this.attempt(prepared, options, call, signal, deadline), signal, deadline)
      : () => this.attempt(prepared, options, call, signal, deadline);
    try {
      signal?.throwIfAborted();
      // A limiter that admits the request at once hands over its slot without a promise of its own.
      const release = limiter?.tryAcquire?.();
      if (!release) return await attempt();
      try {
        return await this.attempt(prepared, options, call, signal, deadline);
      } finally {
        release();
      }
    } catch (error) {
      return retryAfterFailure(error, attempt, this.retryPolicy, {
        idempotent: isIdempotentRequest(options.method, idempotent, prepared.headers),
        signal,
        deadline,
        onRetry: (failure, attemptNumber, delayMs) =>
          this.options.logger?.warn?.(`${prepared.label} failed (${failure.code}), retrying`, {
            connection: this.connection.id,
            attempt: attemptNumber,
            delayMs: Math.round(delayMs),
            status: failure.status,
          }),
      });
    }
  }

  private async attempt(
    prepared: PreparedRequest,
    options: RequestOptions,
    call: OperationCall | undefined,
    signal: AbortSignal | undefined,
    deadline: CallDeadline,
  ): Promise<HttpResponse> {
    let hop: RedirectHop = { url: prepared.url, method: prepared.method, headers: prepared.headers, body: prepared.body, withCredentials: true };
    for (let refreshed = false, followed = 0; ; ) {
      const url = this.authenticationWritesUrl() ? new URL(hop.url) : hop.url;
      // Object.assign, not spread: V8 turns a spread copy into a slow dictionary object when a
      // property is then added (authentication adds one), about half a microsecond per request.
      const wire: WireRequest = { url, method: hop.method, headers: Object.assign({}, hop.headers), body: hop.body };
      if (!options.anonymous && hop.withCredentials) {
        const authenticating = this.authenticate(wire);
        if (authenticating) await boundedWait(authenticating, signal, deadline, prepared.label);
      }
      if (call && followed === 0) call.attempts++;
      const raw = await sendRequest(wire, {
        dispatcher: this.dispatcher(),
        timeoutMs: attemptTimeoutMs(options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, deadline, prepared.label),
        maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        signal,
        describe: () => this.describe(wire, prepared.label),
      });
      if (raw.status === 401 && this.oauth && !refreshed && hop.withCredentials && this.oauth.canRefresh()) {
        const rejected = wire.headers.authorization?.replace(/^Bearer /, '');
        refreshed = true;
        if (await boundedWait(this.oauth.refreshAfterRejection(rejected), signal, deadline, prepared.label)) continue;
      }
      if (raw.status === 403 && this.oauth && hop.withCredentials && /\binsufficient_scope\b/.test(raw.headers['www-authenticate'] ?? '')) {
        this.oauth.requireReauth('the API answered 403 insufficient_scope');
        const error = this.interpretFailure(raw, wire, prepared, options, call);
        throw new PatchbayError({ code: 'AUTH_FAILED', status: 403, message: error.message, request: error.request, reauthRequired: true });
      }
      if (isRedirectStatus(raw.status)) {
        hop = await boundedWait(followRedirect({
          ...hop,
          status: raw.status,
          location: raw.headers.location,
          followed: followed++,
          idempotent: isIdempotentRequest(prepared.method, options.idempotent ?? call?.definition?.idempotent, prepared.headers),
          baseUrl: this.baseUrl,
          credentialNames: credentialCarriers(this.definition.auth),
          label: redactText(prepared.label, this.secrets),
          request: () => this.describe(wire, prepared.label).request,
          allowPrivateNetwork: this.options.allowPrivateNetwork,
        }), signal, deadline, prepared.label);
        continue;
      }
      return this.interpret(raw, wire, prepared, options, call);
    }
  }

  /** Whether applying credentials may change the URL, so each attempt needs its own copy. */
  private authenticationWritesUrl(): boolean {
    const auth = this.definition.auth;
    return (auth.strategy === 'api_key' && auth.in === 'query') || this.authenticate !== BaseAPIClient.prototype.authenticate;
  }

  private interpretFailure(raw: RawResponse, wire: WireRequest, prepared: PreparedRequest, options: RequestOptions, call: OperationCall | undefined): PatchbayError {
    try {
      this.interpret(raw, wire, prepared, options, call);
    } catch (error) {
      if (PatchbayError.isInstance(error)) return error;
    }
    return new PatchbayError({ code: 'AUTH_FAILED', status: raw.status, message: `${prepared.label} answered ${raw.status}` });
  }

  private interpret(
    raw: RawResponse,
    wire: WireRequest,
    prepared: PreparedRequest,
    options: RequestOptions,
    call: OperationCall | undefined,
  ): HttpResponse {
    const rateLimit = this.rateLimitState(raw.headers);
    if (call) {
      call.status = raw.status;
      if (rateLimit) call.rateLimit = rateLimit;
    }
    const response: HttpResponse = { status: raw.status, headers: raw.headers, data: this.parseBody(raw, options, wire, prepared) };
    if (rateLimit) response.rateLimit = rateLimit;
    const vendor = this.vendorError(response);
    if (raw.status >= 400 || vendor !== undefined) {
      const error = errorFromResponse({
        status: raw.status,
        headers: raw.headers,
        rateLimit,
        retryAfterMs: parseRetryAfter(raw.headers['retry-after']),
        vendor: vendor && { ...vendor, message: vendor.message && redactText(vendor.message, this.secrets) },
        ...this.describe(wire, prepared.label),
      });
      if (error.code === 'RATE_LIMITED' && error.retryAfterMs !== undefined) this.pause(Date.now() + error.retryAfterMs);
      throw error;
    }
    if (rateLimit?.remaining === 0 && rateLimit.resetAt !== undefined) this.pause(rateLimit.resetAt);
    const cursor = this.nextCursor(response, call);
    if (cursor !== undefined) response.nextCursor = cursor;
    return response;
  }

  private parseBody(raw: RawResponse, options: RequestOptions, wire: WireRequest, prepared: PreparedRequest): unknown {
    if (options.responseType === 'buffer') return raw.body;
    if (raw.body.length === 0) return null;
    let text = raw.body.toString('utf8');
    const leaked = containsSecret(text, this.secrets);
    if (leaked) text = redactText(text, this.secrets);
    const json = options.responseType === 'json' || (options.responseType !== 'text' && isJsonContentType(raw.headers['content-type']));
    if (!json) return text;
    try {
      const data: unknown = JSON.parse(text);
      return leaked ? redactValue(data, this.secrets) : data;
    } catch (cause) {
      if (raw.status >= 400) return text.slice(0, 300);
      throw new PatchbayError({
        code: 'UPSTREAM_ERROR',
        retryable: true,
        status: raw.status,
        message: `${prepared.label} answered ${raw.status} with a body that is not valid JSON`,
        cause,
        request: this.describe(wire, prepared.label).request,
      });
    }
  }

  /**
   * Holds the connection's requests until the server's reset. A wait longer than the retry
   * policy's `maxRetryAfterMs` is not held: those calls fail fast with the server's answer
   * instead of queueing silently for hours.
   */
  private pause(untilEpochMs: number): void {
    if (untilEpochMs - Date.now() > this.retryPolicy.maxRetryAfterMs) return;
    this.limiters.pauseUntil(untilEpochMs);
    this.options.logger?.warn?.('Rate limit reached; holding requests', {
      connection: this.connection.id,
      untilMs: Math.max(0, untilEpochMs - Date.now()),
    });
  }

  private dispatcher(): Dispatcher {
    return (this.options.transport as Dispatcher | undefined) ?? getGlobalDispatcher();
  }

  private describe(wire: WireRequest, label: string) {
    return {
      label: redactText(label, this.secrets),
      request: redactRequest(wire.method, wire.url.toString(), wire.headers, this.secrets, credentialCarriers(this.definition.auth)),
    };
  }
}

function resolveBaseUrl(template: string | undefined, config: Record<string, unknown>): URL {
  const configured = typeof config.baseUrl === 'string' ? config.baseUrl : template;
  if (!configured) {
    throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'The connector has no base URL; set config.baseUrl' });
  }
  const filled = configured.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = config[name];
    if (typeof value !== 'string' || !/^[\w.-]+$/.test(value)) {
      throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `The base URL needs config.${name} (letters, digits, dots, dashes)` });
    }
    return value;
  });
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Base URL ${JSON.stringify(filled)} is not a URL` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Base URL must be http(s), got ${url.protocol}` });
  }
  return url;
}

/** The caller's key (`execute(…, { context: { idempotencyKey } })`) or a fresh random one. */
function idempotencyKeyOf(context: Record<string, unknown> | undefined): string {
  const given = context?.idempotencyKey;
  return typeof given === 'string' && given !== '' ? given : randomUUID();
}

function lowercaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /[/+]json\b/i.test(contentType);
}
