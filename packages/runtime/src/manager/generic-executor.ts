import { PatchbayError, type JSONSchema } from '@patchbay/contract';
import type { OperationCall } from '../client/operation-call.js';
import { boundedWait } from '../http/call-deadline.js';
import { privateTargetReason, type NetworkGuardOptions } from '../http/network-guard.js';
import type { HttpMethod, QueryValue } from '../http/request-options.js';

/** Input of an operation the connector does not define, sent as a raw authenticated request. */
export interface GenericRequestInput {
  method: HttpMethod;
  /** Path relative to the connection's base URL. Absolute URLs and `//host` paths are refused. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
}

export const GENERIC_REQUEST_SCHEMA: JSONSchema = {
  type: 'object',
  required: ['method', 'path'],
  additionalProperties: false,
  properties: {
    method: { enum: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] },
    path: { type: 'string', pattern: '^/(?![/\\\\])[^\\\\{}]*$', maxLength: 2048 },
    query: { type: 'object' },
    body: {},
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      // Header names are case-insensitive: `HOST` and `hOsT` are the Host header too.
      propertyNames: { not: { pattern: `^(?:${['host', 'content-length', 'transfer-encoding', 'connection'].map(anyCase).join('|')})$` } },
    },
  },
};

function anyCase(name: string): string {
  return [...name].map((character) => (/[a-z]/.test(character) ? `[${character}${character.toUpperCase()}]` : character)).join('');
}

/**
 * Sends the generic request through the connection's own client, so auth, retries and limits apply.
 * A generic request's path comes from the caller (an app, an agent through MCP), so its target is
 * checked as a redirect's is: a base URL whose name resolves to a private, loopback or link-local
 * address is refused unless it is written as one or the app allows private networks.
 */
export async function executeGenericRequest(call: OperationCall, input: GenericRequestInput, guard: NetworkGuardOptions) {
  const label = `${input.method} ${input.path.slice(0, 100)}`;
  const reason = await boundedWait(privateTargetReason(guard.baseUrl, guard), call.signal, call.deadline, label);
  if (reason !== undefined) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${label} refused: ${reason} (nothing was sent; set allowPrivateNetwork to allow it)` });
  }
  const response = await call.request({
    method: input.method,
    path: input.path,
    query: input.query,
    body: input.body,
    headers: input.headers,
  });
  return { data: response.data };
}
