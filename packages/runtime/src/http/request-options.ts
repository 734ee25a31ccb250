import type { ArrayFormat, BodyType, HttpMethod, RateLimitState } from '@patchbay/contract';

export type { ArrayFormat, BodyType, HttpMethod };

export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };

export interface RequestOptions {
  method: HttpMethod;
  /** Path relative to the connection's base URL; `{name}` segments are filled from `params`. */
  path: string;
  /**
   * Operation input. Keys named in the path template fill it and are kept out of the rest; the
   * remainder becomes the query string (GET, HEAD, DELETE, OPTIONS) or the body (others), unless
   * `query` or `body` is given explicitly.
   */
  params?: Record<string, unknown>;
  /** Names of `params` sent in the query string although the method carries a body. */
  queryParams?: readonly string[];
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: unknown;
  /** `json` by default; `form` for application/x-www-form-urlencoded with bracketed nesting; `multipart` for files. */
  bodyType?: BodyType;
  arrayFormat?: ArrayFormat;
  /** Marks a request as safe to repeat although its method is not idempotent. */
  idempotent?: boolean;
  /**
   * Time allowed for one attempt in milliseconds, from sending to the last byte of the body. The
   * client's `deadlineMs` still bounds the call as a whole.
   */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How to read the response; `auto` parses JSON by content type and returns text otherwise. */
  responseType?: 'auto' | 'json' | 'text' | 'buffer';
  /** Operation id, for per-operation rate limits and logs. */
  operation?: string;
  /** Skip credentials (e.g. for public endpoints or token exchanges). */
  anonymous?: boolean;
}

/** A response as handlers see it. Satisfies a handler's return shape, so handlers may return it. */
export interface HttpResponse<TData = unknown> {
  status: number;
  headers: Record<string, string>;
  data: TData;
  /** The next page's cursor, when the API names one in a standard place (the `Link` header). */
  nextCursor?: string;
  rateLimit?: RateLimitState;
}
