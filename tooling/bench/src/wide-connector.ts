import type { OperationDefinition, OperationMap } from '@patchbay/contract';
import { BaseAPIClient } from '@patchbay/runtime';

const METHODS = ['GET', 'GET', 'POST', 'PATCH', 'DELETE', 'PUT'] as const;

/**
 * Operation `index` of a GitHub-sized connector: long kebab-case ids (some past MCP's 64-character
 * names once the connection id is added), shared definitions behind `$ref`s, array and object
 * outputs, and pagination on the list reads, so listing exercises every step a tool goes through.
 */
function operation(index: number): [string, OperationDefinition] {
  const method = METHODS[index % METHODS.length]!;
  const resource = `resource-${Math.floor(index / METHODS.length)}`;
  const verb = index % 12 === 0 ? 'list-everything-for-organization-and-enterprise-installations' : `${method.toLowerCase()}-${index}`;
  const list = method === 'GET' && index % 2 === 0;
  const definition: OperationDefinition = {
    kind: 'action',
    displayName: `${method} ${resource} ${index}`,
    description: `Operation ${index} of the wide bench connector: ${method} /orgs/{org}/${resource}.`,
    http: { method, path: `/orgs/{org}/${resource}/{id}` },
    inputSchema: {
      type: 'object',
      required: ['org', 'id'],
      additionalProperties: false,
      properties: {
        org: { $ref: '#/$defs/login' },
        id: { type: 'integer', minimum: 1 },
        labels: { type: 'array', items: { $ref: '#/$defs/label' } },
        ...(list ? { page: { type: ['integer', 'string'] }, per_page: { type: 'integer', minimum: 1, maximum: 100 } } : {}),
      },
      $defs: {
        login: { type: 'string', minLength: 1, maxLength: 100, description: 'An organization login' },
        label: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, color: { type: 'string', pattern: '^[0-9a-f]{6}$' } } },
      },
    },
    outputSchema: list
      ? { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } }
      : { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, updated_at: { type: 'string', format: 'date-time' } } },
  };
  if (list) definition.pagination = { style: 'link', cursorParam: 'page' };
  return [`${resource}.${verb}`, definition];
}

export function wideOperations(count: number): OperationMap {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => operation(index)));
}

/** An in-process connector with `count` operations, declared as data on `BaseAPIClient.define`, as the published ones are. */
export function wideModule(count: number) {
  class WideClient extends BaseAPIClient.define({
    auth: { strategy: 'bearer', credentialsSchema: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1 } } } },
    baseUrl: 'http://127.0.0.1:9',
  }) {}
  return WideClient.toConnectorModule({ id: 'wide', displayName: 'Wide', version: '0.0.0', operations: wideOperations(count) });
}
