import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startGithubStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIRECTORY, runProcess, temporaryDirectory, type Ran } from './cli-binary.test-helper.js';

// `npx patchbay` in an app outside the workspace, installed by plain npm from the tarballs
// `pnpm pack` makes (workspace ranges turned into versions, only the `files` each package ships),
// as a user gets it from a registry. Third-party dependencies come from npm's configured registry.

const WORKSPACE = path.resolve(CLI_DIRECTORY, '..', '..');
const PACKED = ['packages/contract', 'packages/runtime', 'packages/mcp', 'packages/connector-kit', 'tooling/cli', 'connectors/github'];
const TOKEN = 'ghp_installed_cli_token_0123456789';

let root: string;
let app: string;
let github: GithubStandIn;

/** The child's environment without the `npm_*` and `pnpm_*` settings the test runner inherited. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|pnpm_|turbo_)/i.test(key)) environment[key] = value;
  return { ...environment, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

function npx(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return runProcess('npx', ['--no-install', 'patchbay', ...args], { cwd: app, env: cleanEnvironment(env), inheritEnv: false, timeoutMs: 300_000 });
}

beforeAll(async () => {
  root = await temporaryDirectory('installed');
  const tarballs = path.join(root, 'tarballs');
  app = path.join(root, 'app');
  await mkdir(tarballs);
  await mkdir(app);
  for (const folder of PACKED) {
    const packed = await runProcess('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path.join(WORKSPACE, folder), env: cleanEnvironment(), inheritEnv: false, timeoutMs: 300_000 });
    expect(packed.code, `pnpm pack in ${folder}: ${packed.stderr}`).toBe(0);
  }
  await writeFile(path.join(app, 'package.json'), `${JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2)}\n`);
  const files = (await readdir(tarballs)).map((file) => path.join(tarballs, file));
  expect(files).toHaveLength(PACKED.length);
  const installed = await runProcess('npm', ['install', '--no-audit', '--no-fund', ...files], { cwd: app, env: cleanEnvironment(), inheritEnv: false, timeoutMs: 900_000 });
  expect(installed.code, installed.stdout + installed.stderr).toBe(0);
  github = await startGithubStandIn({ token: TOKEN });
});

afterAll(async () => {
  await github?.close();
  await rm(root, { recursive: true, force: true });
});

describe('npx patchbay in an app that installed it with npm', () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(path.join(CLI_DIRECTORY, 'package.json'), 'utf8')) as { version: string };
    expect(await npx(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists the installed connector and runs one of its operations', async () => {
    const listed = await npx(['list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ connectors: [{ id: 'github', package: '@patchbay/connector-github' }], problems: [] });

    const ran = await npx(['run', 'github', 'users.me', '--base-url', github.url, '--json'], { GITHUB_TOKEN: TOKEN });
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { operation: 'users.me', attempts: 1 } });
    expect(ran.stdout).not.toContain(TOKEN);
  });

  it('scaffolds a connector package with npm ranges, outside any monorepo', async () => {
    const created = await npx(['new', 'acme', '--yes', '--auth', 'bearer', '--operation', 'ping=GET /ping', '--dir', 'acme', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ package: '@patchbay/connector-acme', directory: 'acme', operations: 1, auth: 'bearer' });
    const manifest = JSON.parse(await readFile(path.join(app, 'acme', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@patchbay/runtime']).toMatch(/^\^\d+\.\d+\.\d+$/);
  });
});
