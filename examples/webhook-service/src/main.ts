import { fileURLToPath } from 'node:url';
import { IntegrationManager } from '@patchbay/runtime';
import { startWebhookService } from './webhook-service.js';

const { GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET, GITHUB_API_URL, PORT, HOST } = process.env;
if (!GITHUB_TOKEN || !GITHUB_WEBHOOK_SECRET) {
  process.stderr.write('Set GITHUB_TOKEN and GITHUB_WEBHOOK_SECRET (and optionally GITHUB_API_URL, HOST, PORT).\n');
  process.exit(2);
}

const manager = await IntegrationManager.create({ cwd: fileURLToPath(new URL('..', import.meta.url)) });
await manager.connect({
  id: 'github',
  connector: 'github',
  credentials: { token: GITHUB_TOKEN },
  config: GITHUB_API_URL ? { baseUrl: GITHUB_API_URL } : {},
});
const service = await startWebhookService({
  manager,
  connectionId: 'github',
  secret: GITHUB_WEBHOOK_SECRET,
  onRejected: (reason) => process.stderr.write(`Refused a delivery: ${reason}\n`),
  host: HOST ?? '127.0.0.1',
  port: PORT ? Number(PORT) : 3000,
});
process.stdout.write(`Listening for GitHub webhooks on ${service.url}/webhooks/github\n`);

// Finish in-flight deliveries, then release the connector's sockets.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void service.close().then(() => manager.close());
  });
}
