/** The outcome of checking a webhook's signature: a verdict, never an exception. */
export type WebhookVerification = { ok: true } | { ok: false; reason: string };

/** Anything with a case-insensitive `get`: a fetch `Headers` (Request.headers in Next.js, Hono, Workers). */
export interface HeadersLike {
  get(name: string): string | null;
}

/** Request headers as Node's `IncomingHttpHeaders`, a plain object, or a fetch `Headers`. */
export type WebhookHeaders = Record<string, string | string[] | undefined> | HeadersLike;

/**
 * Reads one header whatever the case of its name. A repeated header is refused (undefined): a
 * signature header sent twice is a sign of tampering, not something to pick from. (A fetch
 * `Headers` joins repeats with ", ", which no signature format accepts.)
 */
export function readWebhookHeader(headers: WebhookHeaders | undefined, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Partial<HeadersLike>).get === 'function') {
    try {
      return (headers as HeadersLike).get(name) ?? undefined;
    } catch {
      return undefined;
    }
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = record[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
    return undefined;
  }
  return undefined;
}

/** The raw body as bytes or text; a parsed object cannot be verified, since its bytes are gone. */
export function isRawBody(body: unknown): body is string | Uint8Array {
  return typeof body === 'string' || body instanceof Uint8Array;
}
