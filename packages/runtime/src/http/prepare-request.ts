import { PatchbayError } from '@patchbay/contract';
import { fillPathTemplate } from './path-template.js';
import type { QueryValue, RequestOptions } from './request-options.js';
import { assertNoFragment, assertWithinBasePath, assignRequestHeaders } from './request-target.js';
import { encodeMultipart } from './multipart.js';
import type { RequestBody } from './send-request.js';
import { encodeUrlParameters } from './url-encoding.js';

/** A request resolved against the connection's base URL, before credentials are applied. */
export interface PreparedRequest {
  /** Parsed once here; an attempt copies it only when authentication writes to it. */
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: RequestBody | undefined;
  /** `METHOD /path` for messages and logs; never carries the query string. */
  label: string;
}

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
// A scheme (`https:`, `javascript:`), a protocol-relative `//host`, or a backslash that some URL
// parsers read as a slash: each could send the connection's credentials to another host.
const NOT_A_RELATIVE_PATH = /^(?:[a-z][a-z0-9+.-]*:|[/\\]{2})|\\/i;

export function prepareRequest(options: RequestOptions, baseUrl: URL, defaultHeaders: Record<string, string>): PreparedRequest {
  const { path, rest } = fillPathTemplate(options.path, options.params);
  if (!path.startsWith('/') || NOT_A_RELATIVE_PATH.test(path)) {
    throw new PatchbayError({
      code: 'VALIDATION_FAILED',
      message: `Request path must be relative to the connection's base URL, got ${JSON.stringify(path.slice(0, 100))}`,
    });
  }
  assertNoFragment(path);
  const usesQuery = QUERY_METHODS.has(options.method);
  let bodyParams = rest;
  let query = options.query ?? (usesQuery ? rest : undefined);
  if (!usesQuery && options.queryParams !== undefined && options.query === undefined) {
    ({ query, body: bodyParams } = splitQuery(rest, options.queryParams));
  }
  const search = query ? encodeUrlParameters(query, options.arrayFormat) : '';
  const basePath = baseUrl.pathname.endsWith('/') ? baseUrl.pathname.slice(0, -1) : baseUrl.pathname;
  const url = new URL(`${baseUrl.origin}${basePath}${path}${search ? (path.includes('?') ? '&' : '?') + search : ''}`);
  if (url.origin !== baseUrl.origin) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: 'Request path resolves to another host' });
  }
  assertWithinBasePath(url, basePath, path);

  const headers: Record<string, string> = Object.assign({}, defaultHeaders);
  if (options.headers) assignRequestHeaders(headers, options.headers);

  let payload = options.body;
  if (payload === undefined && !usesQuery && Object.keys(bodyParams).length > 0 && options.query === undefined) payload = bodyParams;
  let body: RequestBody | undefined;
  if (payload !== undefined) {
    const bodyType = options.bodyType ?? 'json';
    if (bodyType === 'json') {
      body = JSON.stringify(payload);
      headers['content-type'] ??= 'application/json';
    } else if (bodyType === 'form') {
      body = encodeUrlParameters(payload as Record<string, unknown>, options.arrayFormat ?? 'indices');
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (bodyType === 'multipart') {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'A multipart body must be an object of fields' });
      }
      body = encodeMultipart(payload as Record<string, unknown>);
      // undici writes the content type with the boundary it chose; any other would not match.
      delete headers['content-type'];
    } else if (typeof payload === 'string' || payload instanceof Uint8Array) {
      body = payload;
    } else {
      throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'A raw body must be a string or bytes' });
    }
  }
  return { url, method: options.method, headers, body, label: `${options.method} ${basePath}${options.path}` };
}

/** The params a body method sends in its query string, and the rest for its body. */
function splitQuery(params: Record<string, unknown>, names: readonly string[]): { query: Record<string, QueryValue>; body: Record<string, unknown> } {
  const query: Record<string, QueryValue> = {};
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(params)) {
    // An own `__proto__` key stays a plain key; assigning it would set the prototype.
    const target: Record<string, unknown> = names.includes(key) ? query : body;
    Object.defineProperty(target, key, { value: params[key], enumerable: true, configurable: true, writable: true });
  }
  return { query, body };
}
