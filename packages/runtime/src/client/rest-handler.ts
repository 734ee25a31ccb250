import type { OperationHttp } from '@patchbay/contract';
import type { RequestOptions } from '../http/request-options.js';
import type { OperationHandler } from './operation-call.js';

// One handler per definition, shared by every connection: a memo of pure data, dropped with it.
const handlers = new WeakMap<OperationHttp, OperationHandler>();

/**
 * The handler of a plain REST operation, made from its `http` definition: the input fills the
 * path template, the fields `http.query` names go to the query string, the rest to the query
 * (GET, HEAD, DELETE, OPTIONS) or the body.
 */
export function restHandler(http: OperationHttp): OperationHandler {
  let handler = handlers.get(http);
  if (handler) return handler;
  const template: Omit<RequestOptions, 'operation' | 'params'> = { method: http.method, path: http.path };
  if (http.bodyType !== undefined) template.bodyType = http.bodyType;
  if (http.arrayFormat !== undefined) template.arrayFormat = http.arrayFormat;
  if (http.query !== undefined) template.queryParams = http.query;
  if (http.headers !== undefined) template.headers = http.headers;
  handler = (input, call) => call.request(Object.assign({ params: input }, template));
  handlers.set(http, handler);
  return handler;
}
