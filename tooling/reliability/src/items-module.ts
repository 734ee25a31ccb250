import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions } from '@patchbay/runtime';

/** A minimal connector for the cross-cutting suites: an idempotent read and a non-idempotent write. */
class ItemsClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, { auth: { strategy: 'bearer' } });
    this.register('items.get', (input, call) => call.request({ method: 'GET', path: '/items/{id}', params: input }));
    this.register('items.create', (input, call) => call.request({ method: 'POST', path: '/items', body: input }));
  }
}

export const ItemsModule = ItemsClient.toConnectorModule({
  id: 'items',
  displayName: 'Items',
  version: '1.0.0',
  operations: {
    'items.get': {
      kind: 'action',
      displayName: 'Get an item',
      idempotent: true,
      inputSchema: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } }, additionalProperties: false },
    },
    'items.create': {
      kind: 'action',
      displayName: 'Create an item',
      inputSchema: { type: 'object', required: ['marker'], properties: { marker: { type: 'string' } }, additionalProperties: false },
    },
  },
});
