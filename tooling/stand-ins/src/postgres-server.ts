import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';

/** A throwaway PostgreSQL cluster on a free loopback port, trusting local connections. */
export interface TestPostgres {
  /** `postgres://patchbay@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs `initdb` into a temporary folder and starts `postgres` on a free loopback port, with fsync
 * off (a test cluster need not survive a power cut). PostgreSQL refuses to run as root, so as root
 * it runs as the `postgres` user Debian's package creates. Fails with a clear message when
 * PostgreSQL is not installed (`scripts/ensure-services.mjs` installs it).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinaries();
  const owner = processOwner();
  const directory = mkdtempSync(join(tmpdir(), 'patchbay-pg-'));
  const data = join(directory, 'data');
  if (owner) chownSync(directory, owner.uid, owner.gid);
  const initdb = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'patchbay', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { ...owner, encoding: 'utf8' });
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr || initdb.error?.message}`);
  const port = await freePort();
  const child: ChildProcess = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', directory, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'], {
    ...owner,
    stdio: 'ignore',
  });
  // A test that fails before its cleanup must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (let attempt = 0; ; attempt++) {
    if (spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'patchbay']).status === 0) break;
    if (attempt > 200 || child.exitCode !== null) throw new Error(`postgres did not start on port ${port}`);
    await sleep(50);
  }
  return {
    url: `postgres://patchbay@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing is left running.
        child.kill('SIGINT');
        await once(child, 'exit');
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Debian puts the server in /usr/lib/postgresql/<version>/bin; elsewhere `pg_config` says where. */
function postgresBinaries(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(debian, version, 'bin', 'postgres'))) return join(debian, version, 'bin');
  }
  const configured = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (configured.status === 0 && existsSync(join(configured.stdout.trim(), 'postgres'))) return configured.stdout.trim();
  throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql` (the PostgreSQL store tests need it)');
}

function processOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('Running as root needs the `postgres` user to run PostgreSQL as (Debian\'s postgresql package creates it)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
