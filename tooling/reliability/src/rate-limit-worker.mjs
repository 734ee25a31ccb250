// One app process of the shared rate-limit test: it runs CALLS requests on the connection
// "shared-conn" through an IntegrationManager whose limits live in Redis, and prints a summary.
import process from 'node:process';
import { BaseAPIClient, IntegrationManager } from '@patchbay/runtime';

const { REDIS_URL, BASE_URL, CALLS, WORKER, LIMIT, INTERVAL_MS } = process.env;

class PingClient extends BaseAPIClient {
  constructor(connection, options) {
    super(connection, options, { auth: { strategy: 'bearer' } });
    this.register('ping', (input, call) => call.request({ method: 'GET', path: '/ping/{worker}', params: input }));
  }
}

const PingModule = PingClient.toConnectorModule({
  id: 'ping',
  displayName: 'Ping',
  version: '1.0.0',
  operations: {
    ping: {
      kind: 'action',
      displayName: 'Ping',
      inputSchema: { type: 'object', required: ['worker'], properties: { worker: { type: 'string' } } },
    },
  },
});

const logged = [];
const logger = {
  info: (message) => logged.push({ level: 'info', message }),
  warn: (message) => logged.push({ level: 'warn', message }),
};
const manager = await IntegrationManager.create({
  modules: [PingModule],
  rateLimit: { redis: { url: REDIS_URL, connectTimeoutMs: 500 } },
  logger,
});
await manager.connect({
  id: 'shared-conn',
  connector: 'ping',
  credentials: { token: 'worker-token' },
  config: { baseUrl: BASE_URL, rateLimit: { limit: Number(LIMIT), intervalMs: Number(INTERVAL_MS) } },
});
const results = await Promise.all(
  Array.from({ length: Number(CALLS) }, () => manager.execute('shared-conn', 'ping', { worker: WORKER })),
);
await manager.close();
process.stdout.write(
  JSON.stringify({
    ok: results.filter((result) => result.ok).length,
    errors: results.filter((result) => !result.ok).map((result) => result.error.code),
    logged,
  }),
);
