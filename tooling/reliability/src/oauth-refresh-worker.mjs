// One app process of the cross-process OAuth2 tests. It shares connection "shared" with its
// siblings through a FileConnectionStore folder (STORE_DIR) and, in `race` mode, a Redis lease.
// race: after the parent's "go", runs CALLS concurrent calls and reports their outcomes.
// crash: runs one call; when the refreshed credentials reach the store it tells the parent
//        ("persisting") and stops there, to be killed with SIGKILL at exactly that point.
import process from 'node:process';
import { BaseAPIClient, FileConnectionStore, IntegrationManager } from '@patchbay/runtime';

const { STORE_DIR, REDIS_URL, CALLS, MODE } = process.env;

const OAuthModule = BaseAPIClient.define({ auth: { strategy: 'oauth2', tokenUrl: 'https://idp.vendor.invalid/token' } }).toConnectorModule({
  id: 'oauthdemo',
  displayName: 'OAuth demo',
  version: '1.0.0',
  operations: { 'me.get': { kind: 'action', displayName: 'Me', inputSchema: { type: 'object', properties: {} }, http: { method: 'GET', path: '/me' } } },
});

const files = new FileConnectionStore({ directory: STORE_DIR });
const store =
  MODE === 'crash'
    ? {
        get: (id) => files.get(id),
        delete: (id) => files.delete(id),
        list: () => files.list(),
        rotateKeys: () => files.rotateKeys(),
        close: () => files.close(),
        async put(record, options) {
          process.send?.({ persisting: record.credentials.refreshToken });
          await new Promise(() => {});
          return files.put(record, options);
        },
      }
    : files;

const manager = await IntegrationManager.create({
  modules: [OAuthModule],
  store,
  ...(REDIS_URL ? { refreshLease: { redis: { url: REDIS_URL } } } : {}),
});
await manager.load('shared');
process.send?.({ ready: true });
await new Promise((resolve) => process.once('message', resolve));
const results = await Promise.all(Array.from({ length: Number(CALLS ?? 1) }, () => manager.execute('shared', 'me.get')));
await manager.close();
process.send?.({
  ok: results.filter((result) => result.ok).length,
  errors: results.filter((result) => !result.ok).map((result) => `${result.error.code}: ${result.error.message}`),
});
process.disconnect?.();
