import { PatchbayError, type RedactedRequest } from '@patchbay/contract';
import { errors as undiciErrors, type Dispatcher } from 'undici';

/** A request ready for the wire. */
export interface WireRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
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

// undici's header and body timeouts tick about once a second: fine for long limits, too coarse
// for short ones, which get a precise timer of their own (an AbortController per attempt, a cost
// measured on the hot path, so long limits do without it).
const PRECISE_TIMEOUT_BELOW_MS = 2000;

/**
 * One HTTP attempt through undici, bounded by `timeoutMs`: in total below two seconds, per phase
 * (headers, then each gap in the body) from two seconds up. Failures with no answer keep no status.
 */
export async function sendRequest(wire: WireRequest, options: SendOptions): Promise<RawResponse> {
  const precise = options.timeoutMs < PRECISE_TIMEOUT_BELOW_MS;
  let signal = options.signal;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  let forwardAbort: (() => void) | undefined;
  if (precise) {
    const attempt = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      attempt.abort();
    }, options.timeoutMs);
    forwardAbort = () => attempt.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', forwardAbort, { once: true });
    signal = attempt.signal;
  }
  try {
    const response = await options.dispatcher.request({
      origin: wire.url.origin,
      path: wire.url.pathname + wire.url.search,
      method: wire.method as Dispatcher.HttpMethod,
      headers: wire.headers,
      body: wire.body,
      signal,
      headersTimeout: precise ? undefined : options.timeoutMs,
      bodyTimeout: precise ? undefined : options.timeoutMs,
    });
    const headers = flattenHeaders(response.headers);
    const body = await readBody(response.body, headers, options);
    return { status: response.statusCode, headers, body };
  } catch (error) {
    if (PatchbayError.isInstance(error)) throw error;
    throw transportError(error, options, timedOut);
  } finally {
    if (precise) {
      clearTimeout(timer);
      if (forwardAbort) options.signal?.removeEventListener('abort', forwardAbort);
    }
  }
}

async function readBody(
  body: Dispatcher.ResponseData['body'],
  headers: Record<string, string>,
  options: SendOptions,
): Promise<Buffer> {
  const declared = Number(headers['content-length']);
  if (declared > options.maxResponseBytes) {
    // Destroying a body nobody reads emits RequestAbortedError on it; without a listener that
    // 'error' event is uncaught and takes the process down.
    body.on('error', () => undefined);
    body.destroy();
    throw tooLarge(options);
  }
  // A declared length within the limit needs no per-chunk counting: undici gathers the body in one
  // step, measurably cheaper than iterating the stream.
  if (declared >= 0 && headers['content-length'] !== undefined) return Buffer.from(await body.arrayBuffer());
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > options.maxResponseBytes) {
      body.destroy();
      throw tooLarge(options);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

function tooLarge(options: SendOptions): PatchbayError {
  const { label, request } = options.describe();
  return new PatchbayError({
    code: 'UPSTREAM_ERROR',
    retryable: false,
    message: `${label}: response body exceeds the ${options.maxResponseBytes}-byte limit`,
    request,
  });
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

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
