import type { OperationHttp } from '@patchbay/contract';
import { fillPathTemplate } from '../http/path-template.js';
import type { RequestOptions } from '../http/request-options.js';
import type { OperationHandler } from './operation-call.js';

// One handler per definition, shared by every connection: a memo of pure data, dropped with it.
const handlers = new WeakMap<OperationHttp, OperationHandler>();

/**
 * The handler of a plain REST operation, made from its `http` definition: the input fills the
 * path template, the fields `http.query` names go to the query string, the rest to the query
 * (GET, HEAD, DELETE, OPTIONS) or the body. Fields named in `headerParams` become headers, the
 * `bodyParam` field becomes the whole body (the rest then goes to the query), and `wireNames`
 * renames fields on the wire.
 */
export function restHandler(http: OperationHttp): OperationHandler {
  let handler = handlers.get(http);
  if (handler) return handler;
  const template: Omit<RequestOptions, 'operation' | 'params'> = { method: http.method, path: http.path };
  if (http.bodyType !== undefined) template.bodyType = http.bodyType;
  if (http.arrayFormat !== undefined) template.arrayFormat = http.arrayFormat;
  if (http.query !== undefined) template.queryParams = http.query.map((field) => http.wireNames?.[field] ?? field);
  if (http.headers !== undefined) template.headers = http.headers;
  const placed = http.headerParams !== undefined || http.bodyParam !== undefined || http.wireNames !== undefined;
  handler = placed
    ? (input, call) => call.request(placeInput(http, template, input))
    : (input, call) => call.request(Object.assign({ params: input }, template));
  handlers.set(http, handler);
  return handler;
}

function placeInput(
  http: OperationHttp,
  template: Omit<RequestOptions, 'operation' | 'params'>,
  input: Record<string, unknown>,
): Omit<RequestOptions, 'operation'> {
  // The path is filled first, by input field names: a renamed field may take the wire name of a
  // path parameter (OpenAPI's `{org}` in the path beside an `org` query parameter).
  const { path, rest } = fillPathTemplate(http.path, input);
  const params: Record<string, unknown> = {};
  const headers: Record<string, string> = { ...http.headers };
  let body: unknown;
  for (const field of Object.keys(rest)) {
    const value = rest[field];
    if (value === undefined) continue;
    const header = http.headerParams?.[field];
    if (header !== undefined) headers[header] = String(value);
    else if (field === http.bodyParam) body = value;
    // defineProperty: an own `__proto__` field stays a plain key instead of setting the prototype.
    else Object.defineProperty(params, http.wireNames?.[field] ?? field, { value, enumerable: true, configurable: true, writable: true });
  }
  const options: Omit<RequestOptions, 'operation'> = { ...template, path, params, headers };
  if (http.bodyParam !== undefined) {
    // With the body given whole, every field left after the path goes to the query string.
    options.queryParams = Object.keys(params);
    if (body !== undefined) options.body = body;
  }
  return options;
}
