import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SPECIFICATION_VERSION } from '@patchbay/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationManager } from '../manager/integration-manager.js';
import { ConnectorFramework } from './connector-framework.js';
import { createTempApp, markOnImport, type TempApp } from './temp-app.test-helper.js';

const definitions = {
  address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
  customer: { type: 'object', properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } } },
};
const operations = {
  'customers.create': {
    kind: 'action',
    displayName: 'Create a customer',
    http: { method: 'POST', path: '/customers' },
    inputSchema: { type: 'object', additionalProperties: false, required: ['customer'], properties: { customer: { $ref: '#/$defs/customer' } } },
    outputSchema: { $ref: '#/$defs/customer' },
  },
};
const catalog = {
  catalogVersion: 2,
  specificationVersion: SPECIFICATION_VERSION,
  id: 'shop',
  displayName: 'Shop',
  version: '3.0.0',
  auth: { strategy: 'none' },
  operations,
  $defs: definitions,
};
const index = {
  catalogVersion: 2,
  specificationVersion: SPECIFICATION_VERSION,
  id: 'shop',
  displayName: 'Shop',
  version: '3.0.0',
  operations: ['customers.create'],
};
const moduleSource = `${markOnImport('shop')}
import { BaseAPIClient } from '@patchbay/runtime';
export const ShopModule = BaseAPIClient.define({ auth: { strategy: 'none' } }).toConnectorModule({
  id: 'shop', displayName: 'Shop', version: '3.0.0',
  operations: ${JSON.stringify(operations)},
  $defs: ${JSON.stringify(definitions)},
});
`;

let app: TempApp;
let server: Server;
let baseUrl: string;
const bodies: unknown[] = [];

beforeAll(async () => {
  app = await createTempApp([
    {
      name: '@acme/connector-shop',
      version: '3.0.0',
      patchbay: { connector: 'shop', module: './dist/index.js', export: 'ShopModule', catalog: './dist/catalog.json', index: './dist/catalog-index.json' },
      // Unreadable until the test writes it: discovery must not need it.
      files: { 'dist/index.js': moduleSource, 'dist/catalog-index.json': JSON.stringify(index), 'dist/catalog.json': '{ not json' },
    },
  ]);
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(text) as unknown);
      response.setHeader('content-type', 'application/json');
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.remove();
});

const catalogFile = () => path.join(app.directory, 'node_modules', '@acme', 'connector-shop', 'dist', 'catalog.json');

describe('a connector with a catalog index', () => {
  it('is listed from its index alone; its catalog is read on first use, and a broken one is reported then', async () => {
    const framework = await ConnectorFramework.create({ cwd: app.directory });
    expect(framework.problems()).toEqual([]);
    expect(framework.connectors()).toEqual([
      { id: 'shop', package: '@acme/connector-shop', version: '3.0.0', displayName: 'Shop', operations: ['customers.create'] },
    ]);
    expect(framework.catalog('shop')).toBeUndefined();
    expect(framework.problems()).toEqual([
      { package: '@acme/connector-shop', reason: '@acme/connector-shop: catalog ./dist/catalog.json: is not a JSON object' },
    ]);
    expect(await app.importedMarkers()).toEqual([]);
  });

  it('validates input against the shared definitions before importing anything, then sends the call', async () => {
    await writeFile(catalogFile(), JSON.stringify(catalog));
    const manager = await IntegrationManager.create({ cwd: app.directory });
    try {
      await manager.connect({ id: 'shop', connector: 'shop', config: { baseUrl } });
      const refused = await manager.execute('shop', 'customers.create', { customer: { name: 'Ada', address: {} } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(refused.ok || (refused.error.details as { pointer: string }[]).map((issue) => issue.pointer)).toEqual(['/customer/address/city']);
      expect(await app.importedMarkers()).toEqual([]);

      const input = { customer: { name: 'Ada', address: { city: 'London' } } };
      const created = await manager.execute('shop', 'customers.create', input);
      expect(created).toMatchObject({ ok: true, data: input });
      expect(bodies).toEqual([input]);
      expect(await app.importedMarkers()).toEqual(['shop']);
    } finally {
      await manager.close();
    }
  });
});
