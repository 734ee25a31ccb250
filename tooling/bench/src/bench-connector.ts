import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions } from '@patchbay/runtime';

/** Input of the one operation: small, but validated like a real connector's (types, bounds, no extras). */
const ITEM_INPUT = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', minimum: 1 },
    expand: { type: 'array', items: { type: 'string', enum: ['tags', 'owner'] }, uniqueItems: true },
  },
} as const;

/**
 * An in-process connector built the way every published one is (a BaseAPIClient subclass wrapped
 * by `toConnectorModule`), so the bench measures the runtime's own request path and nothing else.
 */
export class BenchClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: {
        strategy: 'bearer',
        credentialsSchema: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1 } } },
      },
    });
    this.register('item.get', (input, call) => call.request({ method: 'GET', path: '/items/{id}', params: input }));
  }
}

export const BenchModule = BenchClient.toConnectorModule({
  id: 'bench',
  displayName: 'Bench',
  version: '0.0.0',
  operations: {
    'item.get': { kind: 'action', displayName: 'Get an item', idempotent: true, inputSchema: ITEM_INPUT },
  },
});
