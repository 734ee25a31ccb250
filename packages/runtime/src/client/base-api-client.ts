import {
  PatchbayError,
  type ConnectionContext,
  type ConnectorAuth,
  type OperationMap,
  type RateLimitState,
} from '@patchbay/contract';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { applyAuth, credentialCarriers } from '../auth/apply-auth.js';
import { concealCredentials, concealFromInspect } from '../auth/conceal-credentials.js';
import { OAuth2Session } from '../auth/oauth2-session.js';
import { parseLinkHeader } from '../http/link-header.js';
import { readRateLimitState, parseRetryAfter } from '../http/rate-limit-headers.js';
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
import { VERSION } from '../version.js';
import type { Logger } from './logger.js';
import { OperationCall, type OperationHandler } from './operation-call.js';
import { bindConnectorModule, defineConnectorModule, type ClientConnectorModule, type ModuleOverrides } from './connector-module-from-client.js';

/** What a connector's client class declares about its API. */
export interface ClientDefinition {
  auth: ConnectorAuth;
  /** Default base URL; `{name}` placeholders are filled from the connection's config (e.g. `{site}`). */
  baseUrl?: string;
  /** Headers every request carries (API version, accept type). */
  headers?: Record<string, string>;
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
  /** Receives refreshed OAuth2 credentials so the app can persist them. */
  onCredentialsRefreshed?: (credentials: Record<string, unknown>) => void | Promise<void>;
  logger?: Logger;
}

export type ClientClass<T extends BaseAPIClient = BaseAPIClient> = new (
  connection: ConnectionContext,
  options?: ClientOptions,
) => T;

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
    this.deadlineMs = this.options.deadlineMs ?? defaultDeadlineMs(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, this.retryPolicy.retries);
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
        auth: definition.auth,
        credentials: this.connection.credentials,
        tokenUrl: typeof this.connection.config.tokenUrl === 'string' ? this.connection.config.tokenUrl : undefined,
        dispatcher: () => this.dispatcher(),
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        onRefreshed: async (credentials) => {
          this.connection.credentials = credentials;
          this.secrets = [...new Set([...this.secrets, ...collectSecrets(credentials)])];
          this.options.logger?.info?.('OAuth2 access token refreshed', { connection: this.connection.id });
          await this.options.onCredentialsRefreshed?.(credentials);
        },
      });
    }
  }

  /** The package-level module of a client class: a client per connection, made on first use. */
  static toConnectorModule<T extends BaseAPIClient>(this: ClientClass<T>, overrides: ModuleOverrides): ClientConnectorModule {
    return defineConnectorModule(this, overrides);
  }

  /** This connection's module: the registered handlers wrapped in the contract. */
  toConnectorModule(overrides: ModuleOverrides) {
    return bindConnectorModule(this, overrides);
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

  /** Operation ids with a registered handler. */
  handlerIds(): string[] {
    return [...this.handlers.keys()];
  }

  handler(operation: string): OperationHandler | undefined {
    return this.handlers.get(operation);
  }

  /** Called by the module wrapper with the merged metadata; sets per-operation behaviour. */
  useOperations(operations: OperationMap, moduleRateLimit?: NormalizedRateLimits['connection']): void {
    this.operations = operations;
    this.rateLimits ??= normalizeRateLimits(moduleRateLimit, configuredRule(this.connection.config), operations);
  }

  /** Credential values to scrub from anything that leaves the runtime. */
  secretValues(): readonly string[] {
    return this.secrets;
  }

  /** Starts one execution of an operation, counting attempts and carrying the caller's signal. */
  startCall(operation: string, signal?: AbortSignal, context?: Record<string, unknown>): OperationCall {
    return new OperationCall(operation, this.operations[operation], signal, context, this.sender, startDeadline(this.deadlineMs));
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
    if (response.status < 400) return undefined;
    const body = response.data as Record<string, unknown> | string | null;
    if (typeof body === 'string') return body ? { message: body.slice(0, 300) } : undefined;
    if (!body || typeof body !== 'object') return undefined;
    const nested = body.error as Record<string, unknown> | string | undefined;
    const message =
      (typeof body.message === 'string' && body.message) ||
      (typeof nested === 'object' && typeof nested?.message === 'string' && nested.message) ||
      (typeof body.error_description === 'string' && body.error_description) ||
      (typeof nested === 'string' && nested) ||
      undefined;
    return message ? { message, details: body } : { details: body };
  }

  /** Rate-limit state from response headers; override for vendor header names. */
  protected rateLimitState(headers: Record<string, string>): RateLimitState | undefined {
    return readRateLimitState(headers);
  }

  /** The next page's cursor; by default the cursor parameter of a `Link: rel="next"` URL. */
  protected nextCursor(response: HttpResponse, call: OperationCall | undefined): string | undefined {
    const pagination = call?.definition?.pagination;
    if (pagination?.style !== 'link') return undefined;
    const next = parseLinkHeader(response.headers.link).next;
    if (!next) return undefined;
    try {
      return new URL(next).searchParams.get(pagination.cursorParam) ?? undefined;
    } catch {
      return undefined;
    }
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
    const prepared = prepareRequest(options, this.baseUrl, this.defaultHeaders);
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
        idempotent: isIdempotentRequest(options.method, options.idempotent, prepared.headers),
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
      if (isRedirectStatus(raw.status)) {
        hop = await boundedWait(followRedirect({
          ...hop,
          status: raw.status,
          location: raw.headers.location,
          followed: followed++,
          idempotent: isIdempotentRequest(prepared.method, options.idempotent, prepared.headers),
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

function lowercaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /[/+]json\b/i.test(contentType);
}
