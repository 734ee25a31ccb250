import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

export interface LocalRegistry {
  /** Base URL with a trailing slash, as npm writes registry URLs. */
  url: string;
  /** Host and port, for `//127.0.0.1:PORT/:_authToken` lines. */
  host: string;
  /** Verdaccio's output so far, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

/** The npm project holding verdaccio; installed with npm for its `overrides` (see CONTRIBUTING.md, Supply chain). */
const registryProject = fileURLToPath(new URL('../registry/', import.meta.url));
const verdaccioBin = path.join(registryProject, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Installs verdaccio from the committed lockfile when this machine has not done so yet. */
export async function ensureVerdaccio(): Promise<void> {
  if (existsSync(verdaccioBin)) return;
  await runCommand('npm', ['ci', '--no-audit', '--no-fund'], { cwd: registryProject, timeoutMs: 300_000 });
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a real npm registry on 127.0.0.1 that holds only `@patchbay/*` packages (no uplinks:
 * nothing is proxied), with its storage in `directory`.
 */
export async function startLocalRegistry(directory: string): Promise<LocalRegistry> {
  await ensureVerdaccio();
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  await mkdir(path.join(directory, 'storage'), { recursive: true });
  const config = path.join(directory, 'config.yaml');
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(path.join(directory, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(path.join(directory, 'htpasswd'))}`,
      '    max_users: -1',
      'uplinks: {}',
      'packages:',
      "  '@patchbay/*':",
      '    access: $all',
      '    publish: $all',
      "  '**':",
      '    access: $all',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      `listen: ${host}`,
      '',
    ].join('\n'),
  );

  const child = spawn(process.execPath, [verdaccioBin, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');

  const url = `http://${host}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}-/ping`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`verdaccio did not answer on ${url} within 30 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    url,
    host,
    log: () => output,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
