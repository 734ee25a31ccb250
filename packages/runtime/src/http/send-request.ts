import { PatchbayError, type RedactedRequest } from '@patchbay/contract';
import { errors as undiciErrors, util as undiciUtil, type Dispatcher, type FormData } from 'undici';

/** A request body as undici sends it; a FormData is encoded as multipart by undici itself. */
export type RequestBody = string | Uint8Array | FormData;

/** A request ready for the wire. */
export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: RequestBody | undefined;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface SendOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
  /** Built lazily: redaction costs work only when something fails. */
  describe: () => { label: string; request: RedactedRequest };
}

/**
 * One HTTP attempt through undici, bounded as a whole by `timeoutMs`: connecting, waiting for the
 * headers and reading the body all count, so a server that drips a byte at a time cannot hold an
 * attempt past its limit. Failures with no answer keep no status.
 *
 * It dispatches with a handler that gathers the body itself: the runtime always reads a response
 * whole, so the stream `Dispatcher.request` builds around each body would be pure overhead (about
 * a quarter of undici's CPU per request in `pnpm bench`).
 */
export function sendRequest(wire: WireRequest, options: SendOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(transportError(options.signal.reason, options, false));
      return;
    }
    const collector = new ResponseCollector(options, resolve, reject);
    options.dispatcher.dispatch(
      {
        origin: wire.url.origin,
        path: wire.url.pathname + wire.url.search,
        method: wire.method as Dispatcher.HttpMethod,
        headers: wire.headers,
        body: wire.body,
        // undici's own timers are per phase (a drip of one byte per gap resets them) and coarse;
        // the collector's single timer bounds the whole attempt instead.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      collector,
    );
  });
}

/** undici's (stable, callback-style) dispatch handler that buffers one response and settles a promise. */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason?: Error) => void) | undefined;
  private abortReason: Error | undefined;
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;
  private tooLarge: PatchbayError | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly options: SendOptions,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.abort(new undiciErrors.HeadersTimeoutError());
    }, options.timeoutMs);
    if (options.signal) {
      this.onAbort = () => this.abort(options.signal!.reason as Error);
      options.signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  onConnect(abort: (reason?: Error) => void): void {
    // An abort asked for before undici connected the request is carried out now.
    if (this.abortReason) abort(this.abortReason);
    else this.abortRequest = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[], _resume: () => void, _statusText: string): boolean {
    this.status = status;
    this.headers = flattenHeaders(rawHeaders);
    if (Number(this.headers['content-length']) > this.options.maxResponseBytes) this.refuseBody();
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > this.options.maxResponseBytes) {
      this.refuseBody();
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.finish();
    const { chunks } = this;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.size);
    this.resolve({ status: this.status, headers: this.headers, body });
  }

  onError(error: Error): void {
    this.finish();
    if (this.tooLarge) this.reject(this.tooLarge);
    else this.reject(PatchbayError.isInstance(error) ? error : transportError(error, this.options, this.timedOut));
  }

  private refuseBody(): void {
    const { label, request } = this.options.describe();
    this.tooLarge = new PatchbayError({
      code: 'UPSTREAM_ERROR',
      retryable: false,
      message: `${label}: response body exceeds the ${this.options.maxResponseBytes}-byte limit`,
      request,
    });
    this.abort(this.tooLarge);
  }

  private abort(reason: Error): void {
    if (this.abortRequest) this.abortRequest(reason);
    else this.abortReason ??= reason;
  }

  private finish(): void {
    clearTimeout(this.timer);
    if (this.onAbort) this.options.signal?.removeEventListener('abort', this.onAbort);
  }
}

function transportError(error: unknown, options: SendOptions, timedOut: boolean): PatchbayError {
  const { label, request } = options.describe();
  if (options.signal?.aborted) {
    return new PatchbayError({ code: 'ABORTED', message: `${label} was aborted`, cause: error, request });
  }
  if (timedOut || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new PatchbayError({
      code: 'TIMEOUT',
      retryable: true,
      message: `${label} timed out after ${options.timeoutMs} ms`,
      cause: error,
      request,
    });
  }
  const code = (error as { code?: string }).code;
  const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return new PatchbayError({
    code: 'NETWORK_ERROR',
    retryable: true,
    message: `${label} got no answer: ${code ?? (error as Error).message ?? 'network failure'}`,
    cause: error,
    request,
    // The request never left this machine, so repeating it cannot duplicate a write.
    details: refused ? { sent: false } : undefined,
  });
}

/** undici's raw header list as one lower-cased record; repeated headers are joined with ", ". */
function flattenHeaders(raw: Buffer[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (let index = 0; index < raw.length; index += 2) {
    const name = undiciUtil.headerNameToString(raw[index]!);
    const value = raw[index + 1]!.toString('latin1');
    if (Object.hasOwn(flat, name)) flat[name] = `${flat[name]}, ${value}`;
    // A header named `__proto__` must stay a plain key, not replace the record's prototype.
    else if (name === '__proto__') Object.defineProperty(flat, name, { value, enumerable: true, configurable: true, writable: true });
    else flat[name] = value;
  }
  return flat;
}
