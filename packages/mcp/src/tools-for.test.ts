import type { OperationMap } from '@patchbay/contract';
import { BaseAPIClient, IntegrationManager } from '@patchbay/runtime';
import { startStandIn, type StandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsFor } from './tools-for.js';

const object = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'integer' } } } as const;
const operations = {
  'records.list': { kind: 'action', displayName: 'List records', http: { method: 'GET', path: '/records' }, inputSchema: { type: 'object', properties: {} }, outputSchema: { type: 'array', items: { type: 'object' } } },
  'records.get': { kind: 'action', displayName: 'Get a record', http: { method: 'GET', path: '/records/{id}' }, inputSchema: object, outputSchema: { type: 'object' } },
  'records.search': { kind: 'action', displayName: 'Search records', idempotent: true, http: { method: 'POST', path: '/records/search' }, inputSchema: { type: 'object', properties: {} } },
  'records.create': { kind: 'action', displayName: 'Create a record', http: { method: 'POST', path: '/records' }, inputSchema: { type: 'object', properties: {} } },
  'records.replace': { kind: 'action', displayName: 'Replace a record', http: { method: 'PUT', path: '/records/{id}' }, inputSchema: object },
  'records.delete': { kind: 'action', displayName: 'Delete a record', http: { method: 'DELETE', path: '/records/{id}' }, inputSchema: object },
} satisfies OperationMap;

class RecordsClient extends BaseAPIClient.define({ auth: { strategy: 'bearer' }, baseUrl: 'http://127.0.0.1:9' }) {}
const RecordsModule = RecordsClient.toConnectorModule({ id: 'records', displayName: 'Records', version: '1.0.0', operations });

let server: StandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  server = await startStandIn((request) => ({ status: 200, body: request.path === '/records' ? [{ id: 1 }, { id: 2 }] : { id: 1, path: request.path } }));
  manager = await IntegrationManager.create({ modules: [RecordsModule] });
  await manager.connect({ id: 'crm', connector: 'records', credentials: { token: 't0k3n-value' }, config: { baseUrl: server.url } });
});

afterAll(async () => {
  await manager?.close();
  await server?.close();
});

describe('toolsFor', () => {
  it('derives annotations from each definition', () => {
    const hints = Object.fromEntries(toolsFor(manager).map((tool) => [tool.operation, tool.annotations]));
    expect(hints['records.get']).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
    expect(hints['records.search']).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    expect(hints['records.create']).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(hints['records.replace']).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(hints['records.delete']).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
  });

  it('filters by include, exclude and readOnly on <connection>.<operation>', () => {
    expect(toolsFor(manager, { readOnly: true }).map((tool) => tool.operation)).toEqual(['records.get', 'records.list', 'records.search']);
    expect(toolsFor(manager, { include: ['crm.records.*'], exclude: ['*.delete', 'crm.records.re*'] }).map((tool) => tool.name))
      .toEqual(['crm_records_create', 'crm_records_get', 'crm_records_list', 'crm_records_search']);
    expect(toolsFor(manager, { include: ['other.*'] })).toEqual([]);
  });

  it('runs a tool for another agent SDK: structured content, wrapped arrays, errors as data', async () => {
    const tools = new Map(toolsFor(manager).map((tool) => [tool.operation, tool]));
    const list = await tools.get('records.list')!.execute({});
    expect(list).toMatchObject({ isError: false, structuredContent: { items: [{ id: 1 }, { id: 2 }] } });
    expect(tools.get('records.list')!.outputSchema).toEqual({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } }, required: ['items'] });
    const got = await tools.get('records.get')!.execute({ id: 7 });
    expect(got.structuredContent).toEqual({ id: 1, path: '/records/7' });
    const refused = await tools.get('records.get')!.execute({ id: 'seven' });
    expect(refused).toMatchObject({ isError: true, error: { code: 'VALIDATION_FAILED' } });
    expect(refused.text).toContain('- /id: must be integer');
    const notObject = await tools.get('records.get')!.execute([1]);
    expect(notObject.error?.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify([list, got, refused, notObject])).not.toContain('t0k3n-value');
  });

  it('inlines the connector\'s shared definitions, so each tool schema stands alone', async () => {
    const address = { type: 'object', required: ['city'], properties: { city: { type: 'string' } } } as const;
    const shared = {
      'customers.create': {
        kind: 'action',
        displayName: 'Create a customer',
        http: { method: 'POST', path: '/customers' },
        inputSchema: { type: 'object', properties: { address: { $ref: '#/$defs/Address' } } },
        outputSchema: { $ref: '#/$defs/Address' },
      },
    } satisfies OperationMap;
    class SharedClient extends BaseAPIClient.define({ auth: { strategy: 'bearer' }, baseUrl: 'http://127.0.0.1:9' }) {}
    const SharedModule = SharedClient.toConnectorModule({ id: 'shared', displayName: 'Shared', version: '1.0.0', operations: shared, $defs: { Address: address } });
    const sharedManager = await IntegrationManager.create({ modules: [SharedModule] });
    try {
      await sharedManager.connect({ id: 'crm', connector: 'shared', credentials: { token: 't0k3n-value' } });
      const [tool] = toolsFor(sharedManager);
      expect(JSON.stringify(tool!.inputSchema)).not.toContain('$ref');
      expect(tool!.inputSchema).toMatchObject({ properties: { address: { type: 'object', required: ['city'] } } });
      expect(tool!.outputSchema).toMatchObject({ type: 'object', properties: { city: { type: 'string' } } });
    } finally {
      await sharedManager.close();
    }
  });
});
