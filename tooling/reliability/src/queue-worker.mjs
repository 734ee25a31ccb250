// One worker process of the queue test and the bench: it runs jobs from the queue on Redis with an
// IntegrationManager holding the "ledger" connector, until it is told to stop (SIGTERM) or killed.
import process from 'node:process';
import { BaseAPIClient, IntegrationManager } from '@patchbay/runtime';
import { PatchbayWorker } from '@patchbay/worker';

const { REDIS_URL, PREFIX, LEDGER_URL, CONCURRENCY, LOCK_MS } = process.env;

class LedgerClient extends BaseAPIClient {
  constructor(connection, options) {
    super(connection, options, { auth: { strategy: 'bearer' }, idempotencyKeyHeader: 'Idempotency-Key' });
    this.register('entries.create', (input, call) => call.request({ method: 'POST', path: '/entries', body: input }));
    this.register('feed.new', async (input, call) => {
      const after = input.state?.after ?? 0;
      const response = await call.request({ method: 'GET', path: '/feeds/{feed}', params: { feed: input.feed }, query: { after } });
      const items = response.data.items;
      return { data: { items, state: { after: items.reduce((last, item) => Math.max(last, item.seq), after) } } };
    });
  }
}

const LedgerModule = LedgerClient.toConnectorModule({
  id: 'ledger',
  displayName: 'Ledger',
  version: '1.0.0',
  operations: {
    'entries.create': {
      kind: 'action',
      displayName: 'Write an entry',
      inputSchema: { type: 'object', required: ['note'], properties: { note: { type: 'string' } }, additionalProperties: false },
    },
    'feed.new': {
      kind: 'trigger',
      displayName: 'New feed item',
      trigger: { type: 'polling', dedupeKey: 'id' },
      inputSchema: { type: 'object', required: ['feed'], properties: { feed: { type: 'string' }, state: { type: 'object' } } },
    },
  },
});

const manager = await IntegrationManager.create({ modules: [LedgerModule] });
const worker = new PatchbayWorker({
  redis: { url: REDIS_URL, prefix: PREFIX },
  manager,
  connections: (id) => (id === 'ledger' ? { id, connector: 'ledger', credentials: { token: 'ledger-token' }, config: { baseUrl: LEDGER_URL } } : undefined),
  concurrency: Number(CONCURRENCY ?? 16),
  // Short locks so the jobs of a killed worker are taken over within a few seconds, not 30.
  lockDurationMs: Number(LOCK_MS ?? 2_000),
  stalledIntervalMs: Number(LOCK_MS ?? 2_000) / 2,
});
await worker.ready();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker.close().then(() => manager.close()).then(() => process.exit(0));
});
