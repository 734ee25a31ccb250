import { BaseAPIClient } from '@patchbay/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../cli-binary.test-helper.js';
import type { ConnectorPlan, PlannedOperation } from '../scaffold/connector-plan.js';
import { expectedRequest } from '../scaffold/example-call.js';
import { operationMap } from '../scaffold/write-connector.js';
import { operationsFromOpenApi } from './operations-from-openapi.js';
import { SchemaConverter } from './schema-converter.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const item = { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' } } };

// One operation per way a field can reach the wire, as an already dereferenced document.
const document = {
  openapi: '3.0.3',
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'items.get',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'id', in: 'query', schema: { type: 'string' }, description: 'Version id' },
          { name: 'X-Request-Id', in: 'header', schema: { type: 'string' } },
        ],
      },
      delete: { operationId: 'items.delete', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: json(item) },
      patch: {
        operationId: 'items.patch',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/merge-patch+json': { schema: item } } },
      },
      put: {
        operationId: 'items.upload',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
      },
    },
    '/items': {
      post: {
        operationId: 'items.create',
        parameters: [{ name: 'dry_run', in: 'query', schema: { type: 'boolean' } }],
        requestBody: { required: true, ...json({ ...item, required: ['name'] }) },
      },
      put: {
        operationId: 'items.replaceAll',
        parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }],
        requestBody: { required: true, ...json({ type: 'array', items: item }) },
      },
    },
    '/forms': {
      post: {
        operationId: 'forms.submit',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { email: { type: 'string' } } } } } },
      },
    },
  },
};

/** An input for each operation that puts a value in every place its fields can go. */
const inputs: Record<string, Record<string, unknown>> = {
  'items.get': { id: 'a b', query_id: 'v2', 'X-Request-Id': 'request-1' },
  'items.delete': { id: 'a', body: { name: 'gone' } },
  'items.patch': { id: 'a', name: 'renamed' },
  'items.upload': { id: 'a', body: 'raw bytes' },
  'items.create': { dry_run: true, name: 'new', size: 3 },
  'items.replaceAll': { page: 2, body: [{ name: 'one' }] },
  'forms.submit': { email: 'someone@example.com' },
};

let operations: PlannedOperation[];
let standIn: StandIn;

beforeAll(async () => {
  operations = operationsFromOpenApi(document, 'openapi-3.0', new SchemaConverter({}, 'openapi-3.0'), { include: [], exclude: [] }, () => undefined);
  standIn = await startStandIn(() => ({ status: 200, body: {} }));
});

afterAll(async () => {
  await standIn.close();
});

function http(id: string) {
  return operations.find((operation) => operation.id === id)?.http;
}

describe('operationsFromOpenApi', () => {
  it('writes where each field goes into the http definition, so no operation needs a handler', () => {
    expect(http('items.get')).toEqual({
      method: 'GET',
      path: '/items/{id}',
      headerParams: { 'X-Request-Id': 'X-Request-Id' },
      wireNames: { query_id: 'id' },
    });
    expect(operations.find((operation) => operation.id === 'items.get')?.inputSchema).toMatchObject({
      required: ['id'],
      properties: { id: { type: 'string' }, query_id: { type: 'string', description: 'Version id' } },
    });
    expect(http('items.create')).toEqual({ method: 'POST', path: '/items', query: ['dry_run'] });
    expect(http('items.replaceAll')).toEqual({ method: 'PUT', path: '/items', bodyParam: 'body' });
    // A DELETE sends what is left after the path in the query, so its body is taken whole.
    expect(http('items.delete')).toEqual({ method: 'DELETE', path: '/items/{id}', bodyParam: 'body' });
    expect(http('items.patch')).toEqual({ method: 'PATCH', path: '/items/{id}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(http('items.upload')).toEqual({
      method: 'PUT',
      path: '/items/{id}',
      bodyType: 'raw',
      bodyParam: 'body',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(http('forms.submit')).toEqual({ method: 'POST', path: '/forms', bodyType: 'form' });
  });

  it('is sent by the runtime from http alone, as the generated tests expect it', async () => {
    const plan: ConnectorPlan = {
      name: 'items',
      displayName: 'Items',
      description: 'Items',
      auth: { strategy: 'none' },
      baseUrl: `${standIn.url}/v1`,
      operations,
      definitions: {},
    };
    const module = BaseAPIClient.define({ auth: plan.auth, baseUrl: plan.baseUrl }).toConnectorModule({
      id: plan.name,
      displayName: plan.displayName,
      version: '1.0.0',
      operations: operationMap(plan),
    });
    for (const operation of operations) {
      const input = inputs[operation.id]!;
      standIn.requests.length = 0;
      const result = await module.execute({ operation: operation.id, input, connection: { id: 'items', credentials: {}, config: {} } });
      expect(result, operation.id).toMatchObject({ ok: true });
      const expected = expectedRequest(operation.http, input, plan.baseUrl);
      const request = standIn.requests[0]!;
      expect({ method: request.method, path: request.path }, operation.id).toEqual({ method: expected.method, path: expected.path });
      expect(request.query, operation.id).toEqual(expected.query);
      for (const [name, value] of Object.entries(expected.headers)) expect(request.headers[name], `${operation.id} ${name}`).toBe(value);
      const body = expected.body;
      if (body === undefined) expect(request.body, operation.id).toBe('');
      else if ('json' in body) expect(JSON.parse(request.body), operation.id).toEqual(body.json);
      else if ('form' in body) expect(Object.fromEntries(new URLSearchParams(request.body)), operation.id).toEqual(body.form);
      else expect(request.body, operation.id).toBe(body.text);
    }
    expect(Object.keys(inputs).sort()).toEqual(operations.map((operation) => operation.id).sort());
  });
});
