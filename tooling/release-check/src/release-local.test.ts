import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGithubStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './local-registry.js';
import { cleanEnvironment, runCommand } from './run-command.js';

// `pnpm release:local` as the README tells an app developer to use it: start it, add the line it
// prints to the app's .npmrc, install with the connector README's own install line, make a call.
const WORKSPACE = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../bin/release-local.mjs', import.meta.url));

const appSource = `import { IntegrationManager } from '@patchbay/runtime';

const [baseUrl, token] = process.argv.slice(2);
const manager = await IntegrationManager.create({ cwd: process.cwd() });
await manager.connect({ id: 'gh', connector: 'github', credentials: { token }, config: { baseUrl } });
const result = await manager.execute('gh', 'issues.list', { owner: 'octo-org', repo: 'hello-world', state: 'open' });
await manager.close();
console.log(JSON.stringify({ connectors: manager.connectors().map(({ id, version }) => ({ id, version })), ok: result.ok, status: result.meta.status, titles: result.ok ? result.data.map((issue) => issue.title) : result.error }));
`;

let releaseLocal: ChildProcess;
let output = '';
let app: string;
let standIn: GithubStandIn;

beforeAll(async () => {
  standIn = await startGithubStandIn();
  app = await mkdtemp(path.join(tmpdir(), 'patchbay-release-local-app-'));
  releaseLocal = spawn(process.execPath, [SCRIPT, '--port', String(await freePort())], { cwd: WORKSPACE, env: cleanEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'] });
  releaseLocal.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  releaseLocal.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Ready when it says it serves; an early exit ends the wait with its output.
  await new Promise<void>((resolve, reject) => {
    const check = () => output.includes('Serving until Ctrl-C.') && resolve();
    releaseLocal.stdout!.on('data', check);
    releaseLocal.once('exit', (code) => reject(new Error(`release-local exited with ${code}:\n${output}`)));
  });
});

afterAll(async () => {
  if (releaseLocal.exitCode === null) {
    releaseLocal.kill('SIGTERM');
    await once(releaseLocal, 'exit');
  }
  await standIn.close();
  await rm(app, { recursive: true, force: true });
});

describe('pnpm release:local', () => {
  it('publishes every publishable package and prints the .npmrc line and the README install line', async () => {
    for (const name of ['@patchbay/runtime', '@patchbay/contract', '@patchbay/connector-github', '@patchbay/connector-stripe', '@patchbay/cli', '@patchbay/mcp']) {
      expect(output).toMatch(new RegExp(`^  ${name.replace('/', '\\/')}@\\d+\\.\\d+\\.\\d+$`, 'm'));
    }
    expect(output).not.toMatch(/@patchbay\/(stand-ins|bench|release-check|reliability)@/);
    const readme = await readFile(path.join(WORKSPACE, 'connectors', 'github', 'README.md'), 'utf8');
    const installLine = /^npm install .*$/m.exec(readme)![0];
    expect(output).toContain(`  ${installLine}\n`);
  });

  it('lets a fresh app outside the workspace install runtime and connector with that line, and call a loopback stand-in', async () => {
    const npmrcLine = /^ {2}echo '(@patchbay:registry=http:\/\/127\.0\.0\.1:\d+\/)' >> \.npmrc$/m.exec(output)?.[1];
    expect(npmrcLine, output).toBeDefined();
    await writeFile(path.join(app, 'package.json'), `${JSON.stringify({ name: 'release-local-app', private: true, type: 'module' }, null, 2)}\n`);
    await writeFile(path.join(app, '.npmrc'), `${npmrcLine}\n`);
    await writeFile(path.join(app, 'app.mjs'), appSource);
    const readme = await readFile(path.join(WORKSPACE, 'connectors', 'github', 'README.md'), 'utf8');
    const [command, ...args] = /^npm install .*$/m.exec(readme)![0].split(' ');
    const env = cleanEnvironment({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
    await runCommand(command!, args, { cwd: app, env, timeoutMs: 300_000 });

    const installed = JSON.parse(await readFile(path.join(app, 'node_modules', '@patchbay', 'connector-github', 'package.json'), 'utf8')) as { version: string };
    const workspaceVersion = (JSON.parse(await readFile(path.join(WORKSPACE, 'connectors', 'github', 'package.json'), 'utf8')) as { version: string }).version;
    expect(installed.version).toBe(workspaceVersion);

    const ran = await runCommand(process.execPath, ['app.mjs', standIn.url, standIn.token], { cwd: app, env });
    const result = JSON.parse(ran.stdout) as { connectors: { id: string }[]; ok: boolean; status: number; titles: string[] };
    expect(result.connectors.map((connector) => connector.id)).toEqual(['github']);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.titles.length).toBeGreaterThan(0);
    expect(standIn.requests.at(-1)).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/issues', query: { state: 'open' } });
  });
});
