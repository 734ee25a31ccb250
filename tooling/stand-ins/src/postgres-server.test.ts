import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startTestPostgres } from './postgres-server.js';

describe('startTestPostgres', () => {
  it('starts a cluster that answers queries on loopback, and stops it', async () => {
    const postgres = await startTestPostgres();
    try {
      expect(postgres.url).toMatch(/^postgres:\/\/patchbay@127\.0\.0\.1:\d+\/postgres$/);
      const query = spawnSync('psql', [postgres.url, '-Atc', 'select 40 + 2'], { encoding: 'utf8' });
      expect(query.stdout.trim()).toBe('42');
    } finally {
      await postgres.stop();
    }
    expect(spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', String(postgres.port)]).status).not.toBe(0);
  });
});
