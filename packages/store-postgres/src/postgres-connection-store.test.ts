import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { BaseAPIClient, CredentialCipher, IntegrationManager } from '@patchbay/runtime';
import { connectionStoreContract } from '@patchbay/runtime/store-contract';
import { startStandIn, startTestPostgres, type TestPostgres } from '@patchbay/stand-ins';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnectionStore } from './postgres-connection-store.js';

let postgres: TestPostgres;
let pool: pg.Pool;
let tables = 0;

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
  // pool.end() resolves before its sockets close; the server's goodbye on stop must not crash the run.
  pool.on('error', () => undefined);
});
afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

describe('PostgresConnectionStore: the connection store contract', () => {
  for (const contractCase of connectionStoreContract) {
    it(contractCase.name, async () => {
      const table = `connections_${++tables}`;
      const opened: PostgresConnectionStore[] = [];
      try {
        await contractCase.run({
          open: (cipher) => {
            const store = new PostgresConnectionStore({ connectionString: postgres.url, table, cipher });
            opened.push(store);
            return store;
          },
          raw: async () => JSON.stringify((await pool.query(`SELECT * FROM ${table}`)).rows),
        });
      } finally {
        await Promise.all(opened.map((store) => store.close()));
      }
    });
  }
});

describe('PostgresConnectionStore', () => {
  const cipher = new CredentialCipher([['k1', randomBytes(32)]]);

  it('refuses a table name that is not a plain identifier, before any query', () => {
    expect(() => new PostgresConnectionStore({ pool, table: 'x; DROP TABLE users' })).toThrow(/must be a lower-case SQL identifier/);
  });

  it('never prints its connection string', () => {
    const url = postgres.url.replace('patchbay@', 'patchbay:hunter2-password@');
    const store = new PostgresConnectionStore({ connectionString: url, cipher });
    expect(inspect(store)).not.toContain('hunter2');
    expect(JSON.stringify(store)).not.toContain('hunter2');
  });

  it('keeps an IntegrationManager\'s connections: stored on connect, loaded by id elsewhere, refreshed credentials stored', async () => {
    let issued = 0;
    const idp = await startStandIn((request) =>
      request.form?.refresh_token === 'rt_0'
        ? { status: 200, body: { access_token: `at_${++issued}`, refresh_token: `rt_${issued}`, expires_in: 3600 } }
        : { status: 400, body: { error: 'invalid_grant' } });
    const api = await startStandIn((request) => (request.headers.authorization === 'Bearer at_1' ? { status: 200, body: { ok: true } } : { status: 401, body: {} }));
    const module = BaseAPIClient.define({ auth: { strategy: 'oauth2', tokenUrl: 'https://idp.invalid/token' } }).toConnectorModule({
      id: 'oauthdemo',
      displayName: 'OAuth demo',
      version: '1.0.0',
      operations: { 'me.get': { kind: 'action', displayName: 'Me', inputSchema: { type: 'object', properties: {} }, http: { method: 'GET', path: '/me' } } },
    });
    const open = () => IntegrationManager.create({ cwd: process.cwd(), modules: [module], store: new PostgresConnectionStore({ connectionString: postgres.url, table: 'manager_connections', cipher }) });
    const first = await open();
    const second = await open();
    try {
      await first.connect({ id: 'team-a', connector: 'oauthdemo', credentials: { accessToken: 'at_0', refreshToken: 'rt_0', expiresAt: Date.now() - 1 }, config: { baseUrl: api.url, tokenUrl: `${idp.url}/token` } });
      expect(await second.execute('team-a', 'me.get')).toMatchObject({ ok: true, data: { ok: true } });
      const { rows } = await pool.query('SELECT version, key_id, credentials FROM manager_connections');
      expect(rows).toEqual([{ version: 2, key_id: 'k1', credentials: expect.stringMatching(/^pb1\.k1\./) }]);
      expect(JSON.stringify(rows)).not.toMatch(/rt_\d|at_\d/);
      await second.disconnect('team-a');
      expect((await pool.query('SELECT count(*)::int AS n FROM manager_connections')).rows).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all([first.close(), second.close(), idp.close(), api.close()]);
    }
  });
});
