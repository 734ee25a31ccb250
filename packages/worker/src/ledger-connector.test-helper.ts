import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions } from '@patchbay/runtime';
import { startStandIn, type StandIn } from '@patchbay/stand-ins';

// Test-only: a ledger API whose writes are counted by idempotency key, and its connector.

export interface LedgerStandIn extends StandIn {
  /** Entries in write order; `/entries?after=` serves those with a larger sequence number. */
  entries: { id: string; seq: number; key: string }[];
}

export async function startLedgerStandIn(): Promise<LedgerStandIn> {
  const entries: LedgerStandIn['entries'] = [];
  const standIn = await startStandIn((request) => {
    if (request.method === 'POST' && request.path === '/entries') {
      const entry = { id: `e${entries.length + 1}`, seq: entries.length + 1, key: request.headers['idempotency-key'] ?? '' };
      entries.push(entry);
      return { status: 201, body: entry };
    }
    if (request.method === 'GET' && request.path === '/entries') {
      const after = Number(request.query.after ?? 0);
      return { status: 200, body: { entries: entries.filter((entry) => entry.seq > after) } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  });
  return Object.assign(standIn, { entries });
}

class LedgerClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, { auth: { strategy: 'bearer' }, idempotencyKeyHeader: 'Idempotency-Key' });
    this.register('entries.create', (input, call) => call.request({ method: 'POST', path: '/entries', body: input }));
    this.register('entries.list', (_input, call) => call.request({ method: 'GET', path: '/entries' }));
    this.register<{ state?: { after?: number } }>('entries.new', async (input, call) => {
      const after = input.state?.after ?? 0;
      const response = await call.request<{ entries: { id: string; seq: number }[] }>({ method: 'GET', path: '/entries', query: { after } });
      const items = response.data.entries;
      return { data: { items, state: { after: items.reduce((last, entry) => Math.max(last, entry.seq), after) } } };
    });
  }
}

export const LedgerModule = LedgerClient.toConnectorModule({
  id: 'ledger',
  displayName: 'Ledger',
  version: '1.0.0',
  operations: {
    'entries.create': {
      kind: 'action',
      displayName: 'Write an entry',
      inputSchema: { type: 'object', properties: { note: { type: 'string' } }, additionalProperties: false },
    },
    'entries.list': {
      kind: 'action',
      displayName: 'List entries',
      idempotent: true,
      inputSchema: { type: 'object', additionalProperties: false },
    },
    'entries.new': {
      kind: 'trigger',
      displayName: 'New entry',
      trigger: { type: 'polling', dedupeKey: 'id' },
      inputSchema: { type: 'object', properties: { state: { type: 'object' } } },
    },
  },
});
