// The local npm registry both the release-check suite and `pnpm release:local` start: verdaccio
// on 127.0.0.1, no uplinks (nothing is proxied), `@patchbay/*` publishable by anyone, storage in a
// folder the caller owns. Plain JavaScript so `node` runs it without a build.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** This npm project, installed with npm for its `overrides` (see CONTRIBUTING.md, Supply chain). */
const registryProject = fileURLToPath(new URL('.', import.meta.url));
const verdaccioBin = path.join(registryProject, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Installs verdaccio from the committed lockfile when this machine has not done so yet. */
export async function ensureVerdaccio() {
  if (existsSync(verdaccioBin)) return;
  await new Promise((resolve, reject) => {
    execFile('npm', ['ci', '--no-audit', '--no-fund'], { cwd: registryProject, timeout: 300_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`npm ci in ${registryProject} failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

/** A port nothing listens on right now. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts verdaccio with its storage in `directory` on `port` (a free one when not given) and
 * resolves once it answers `/-/ping`.
 * @param {string} directory
 * @param {{ port?: number }} [options]
 */
export async function startLocalRegistry(directory, options = {}) {
  await ensureVerdaccio();
  const port = options.port ?? (await freePort());
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
  child.stdout.on('data', (chunk) => (output += chunk.toString()));
  child.stderr.on('data', (chunk) => (output += chunk.toString()));
  const exited = once(child, 'exit');

  const url = `http://${host}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}-/ping`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`verdaccio did not answer on ${url} within 30 s (is port ${port} taken?):\n${output}`);
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
