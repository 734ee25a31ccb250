import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGithubStandIn, startStandIn, type GithubStandIn, type StandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConsumerProject } from './consumer-project.js';
import { ECHO_PACKAGE, writeEchoConnector } from './echo-connector.js';
import { startLocalRegistry, type LocalRegistry } from './local-registry.js';
import { publishablePackages, type PublishablePackage } from './publishable-packages.js';
import { cleanEnvironment, runCommand } from './run-command.js';
import { commitAll, copyWorkspace, git } from './workspace-copy.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * Package folders to leave out of the release, comma-separated (`connectors/hubspot,tooling/bench`):
 * a development aid for when a sibling package is half-written. CI sets nothing, so CI releases
 * every package.
 */
const leaveOut = (process.env.PATCHBAY_RELEASE_CHECK_LEAVE_OUT ?? '').split(',').map((folder) => folder.trim()).filter(Boolean);
const toolBin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

interface AppReport {
  connectors: { id: string; package: string; version: string; operations: string[] }[];
  problems: unknown[];
  github: { ok: boolean; data: { login: string }; meta: { attempts: number } };
  githubOperations: Record<string, { ok: boolean; status?: number; code?: string }>;
  echo: { ok: boolean; data: { echoed: string }; meta: { status: number } };
}

interface Packument {
  versions: Record<string, { dependencies?: Record<string, string>; dist: { tarball: string } }>;
  'dist-tags': Record<string, string>;
}

/**
 * The release path end to end, as a maintainer and a user meet it: `pnpm version-packages` and
 * `pnpm release` in a copy of the workspace publish to a real registry on 127.0.0.1; a project
 * outside the workspace installs with plain npm and runs; one connector's next release reaches it
 * through `npm update` while the rest stay put.
 */
describe('release through changesets to a local registry', () => {
  let temp: string;
  let workspace: string;
  let consumer: string;
  let registry: LocalRegistry;
  let github: GithubStandIn;
  let echo: StandIn;
  let publishEnvironment: NodeJS.ProcessEnv;
  let installEnvironment: NodeJS.ProcessEnv;
  let released: PublishablePackage[] = [];

  const pnpm = (args: string[]) => runCommand('pnpm', args, { cwd: workspace, env: publishEnvironment, timeoutMs: 420_000 });
  const npm = (args: string[]) => runCommand('npm', args, { cwd: consumer, env: installEnvironment, timeoutMs: 240_000 });
  const packument = async (name: string): Promise<Packument> => {
    const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
    expect(response.status, `${name} on the local registry`).toBe(200);
    return (await response.json()) as Packument;
  };
  /** Later steps build on the release; without it they would only repeat its failure in other words. */
  const requireRelease = () => {
    if (released.length === 0) throw new Error('nothing was released: see the first failure above');
  };
  const runApp = async (): Promise<AppReport> => {
    const { stdout } = await runCommand(process.execPath, ['app.mjs', github.url, github.token, echo.url], { cwd: consumer, env: installEnvironment });
    return JSON.parse(stdout) as AppReport;
  };

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'patchbay-release-check-'));
    workspace = path.join(temp, 'workspace');
    consumer = path.join(temp, 'consumer');
    await Promise.all([mkdir(workspace), mkdir(consumer)]);
    registry = await startLocalRegistry(path.join(temp, 'registry'));
    const userconfig = path.join(temp, 'publish.npmrc');
    await writeFile(userconfig, [`@patchbay:registry=${registry.url}`, `//${registry.host}/:_authToken=release-check-dummy-token`, ''].join('\n'));
    publishEnvironment = cleanEnvironment({ npm_config_userconfig: userconfig, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' });
    installEnvironment = cleanEnvironment({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
    github = await startGithubStandIn();
    echo = await startStandIn((request) => ({ status: 201, body: { echoed: (request.json as { text: string }).text } }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([registry?.close(), github?.close(), echo?.close()]);
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('publishes every publishable package with `pnpm version-packages` and `pnpm release`, tagging each', async () => {
    await copyWorkspace(workspaceRoot, workspace, leaveOut);
    await writeEchoConnector(workspace);
    await commitAll(workspace, 'Add a hand-written connector');
    const { stdout: store } = await runCommand('pnpm', ['store', 'path'], { cwd: workspaceRoot, env: publishEnvironment });
    // Offline from the store the workspace install filled; not frozen, because the echo connector is new.
    await pnpm(['install', '--offline', '--no-frozen-lockfile', '--store-dir', store.trim()]);
    await pnpm(['run', 'version-packages']);
    await commitAll(workspace, 'Version packages');
    const release = await pnpm(['run', 'release']);

    released = await publishablePackages(workspace);
    expect(released.map((entry) => entry.name)).toEqual(expect.arrayContaining(['@patchbay/contract', '@patchbay/runtime', '@patchbay/connector-github', ECHO_PACKAGE]));
    const tags = (await git(workspace, ['tag', '--list'])).split('\n');
    for (const entry of released) {
      expect(release.stdout + release.stderr).toContain(`${entry.name}@${entry.version}`);
      expect(tags).toContain(`${entry.name}@${entry.version}`);
      const published = await packument(entry.name);
      expect(Object.keys(published.versions)).toEqual([entry.version]);
      // `workspace:^` became a real range on publish, pointing at the version released with it.
      for (const [dependency, range] of Object.entries(published.versions[entry.version]!.dependencies ?? {})) {
        expect(range).not.toMatch(/^workspace:/);
        const sibling = released.find((other) => other.name === dependency);
        if (sibling) expect(range).toBe(`^${sibling.version}`);
      }
    }
  }, 540_000);

  it('installs the runtime and two connectors with plain npm outside the workspace, and runs an app', async () => {
    requireRelease();
    await writeConsumerProject(consumer, registry.url);
    await npm(['install', '@patchbay/runtime', '@patchbay/contract', '@patchbay/connector-github', ECHO_PACKAGE, '@types/node@20.19.8']);

    const report = await runApp();
    const version = (name: string) => released.find((entry) => entry.name === name)!.version;
    expect(report.problems).toEqual([]);
    expect(report.connectors.map(({ id, package: name, version }) => ({ id, package: name, version }))).toEqual([
      { id: 'echo', package: ECHO_PACKAGE, version: version(ECHO_PACKAGE) },
      { id: 'github', package: '@patchbay/connector-github', version: version('@patchbay/connector-github') },
    ]);
    expect(report.github).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { attempts: 1 } });
    expect(report.githubOperations).toEqual({
      'repos.get': { ok: true, status: 200 },
      'issues.list': { ok: true, status: 200 },
      'issues.create': { ok: true, status: 201 },
      'issues.get': { ok: true, status: 200 },
      'issues.update': { ok: true, status: 200 },
      'issues.createComment': { ok: true, status: 201 },
      'pulls.list': { ok: true, status: 200 },
    });
    expect(github.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /user',
      'GET /repos/octo-org/hello-world',
      'GET /repos/octo-org/hello-world/issues',
      'POST /repos/octo-org/hello-world/issues',
      expect.stringMatching(/^GET \/repos\/octo-org\/hello-world\/issues\/\d+$/),
      expect.stringMatching(/^PATCH \/repos\/octo-org\/hello-world\/issues\/\d+$/),
      expect.stringMatching(/^POST \/repos\/octo-org\/hello-world\/issues\/\d+\/comments$/),
      'GET /repos/octo-org/hello-world/pulls',
    ]);
    expect(report.echo).toMatchObject({ ok: true, data: { echoed: 'hello from an npm consumer' }, meta: { status: 201 } });

    const [userRequest] = github.requests;
    expect(userRequest).toMatchObject({ method: 'GET', path: '/user' });
    expect(userRequest!.headers.authorization).toBe(`Bearer ${github.token}`);
    expect(userRequest!.headers['user-agent']).toContain(`patchbay-connector-github/${version('@patchbay/connector-github')}`);
    expect(echo.requests.map(({ method, path, json }) => ({ method, path, json }))).toEqual([
      { method: 'POST', path: '/messages', json: { text: 'hello from an npm consumer' } },
    ]);
  }, 240_000);

  it('type-checks an ESM consumer against the published types under node16 and bundler resolution', async () => {
    requireRelease();
    for (const project of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
      const { stdout } = await runCommand(toolBin('tsc'), ['-p', project], { cwd: consumer });
      expect(stdout, project).toBe('');
    }
  }, 120_000);

  it('lets a CommonJS consumer require() the runtime and a connector on Node >= 20.19', async () => {
    requireRelease();
    const { stdout } = await runCommand(process.execPath, ['require-runtime.cjs'], { cwd: consumer, env: installEnvironment });
    expect(JSON.parse(stdout)).toEqual({
      manager: 'function',
      runtimeVersion: released.find((entry) => entry.name === '@patchbay/runtime')!.version,
      connector: 'github',
    });
  });

  it('passes publint and are-the-types-wrong (ESM-only profile) for every published tarball', async () => {
    requireRelease();
    const tarballs = path.join(temp, 'tarballs');
    await mkdir(tarballs);
    const checked = released.filter((entry) => entry.name !== ECHO_PACKAGE);
    expect(checked.map((entry) => entry.name)).toEqual(expect.arrayContaining(['@patchbay/contract', '@patchbay/runtime', '@patchbay/connector-github']));
    await Promise.all(
      checked.map(async (entry) => {
        const { stdout } = await runCommand('npm', ['pack', `${entry.name}@${entry.version}`, '--json', '--pack-destination', tarballs], { cwd: temp, env: publishEnvironment });
        const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
        const tarball = path.join(tarballs, filename);
        // Only built output and package metadata ship: no sources, tests or fixtures.
        for (const file of files) expect(file.path, entry.name).toMatch(/^(dist\/|bin\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE)/);
        expect(files.some((file) => /\.test\.|__fixtures__/.test(file.path)), entry.name).toBe(false);
        await runCommand(toolBin('publint'), ['run', tarball, '--strict'], { cwd: temp });
        await runCommand(toolBin('attw'), [tarball, '--profile', 'esm-only', '--no-emoji', '--no-color'], { cwd: temp });
      }),
    );
  }, 240_000);

  it('releases one connector on its own version line; `npm update` picks it up and leaves the other', async () => {
    requireRelease();
    await writeFile(
      path.join(workspace, '.changeset', 'release-check-github.md'),
      '---\n"@patchbay/connector-github": patch\n---\n\nRelease check: a patch of the GitHub connector alone.\n',
    );
    await pnpm(['run', 'version-packages']);
    const changed = (await git(workspace, ['status', '--porcelain'])).split('\n').filter(Boolean).map((line) => line.slice(3)).sort();
    // The changeset was consumed; only the connector's manifest and changelog changed.
    expect(changed).toEqual(['connectors/github/CHANGELOG.md', 'connectors/github/package.json']);
    await commitAll(workspace, 'Version packages');

    const before = new Map(released.map((entry) => [entry.name, entry.version]));
    const after = await publishablePackages(workspace);
    const bumped = after.filter((entry) => before.get(entry.name) !== entry.version);
    expect(bumped.map((entry) => entry.name)).toEqual(['@patchbay/connector-github']);
    const next = bumped[0]!.version;
    const changelog = await readFile(path.join(workspace, 'connectors', 'github', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`## ${next}`);
    expect(changelog).toContain('Release check: a patch of the GitHub connector alone.');

    const release = await pnpm(['run', 'release']);
    expect(release.stdout + release.stderr).toContain(`@patchbay/connector-github@${next}`);
    expect(await git(workspace, ['tag', '--list', '@patchbay/connector-github@*'])).toContain(`@patchbay/connector-github@${next}`);
    for (const entry of after) {
      const versions = Object.keys((await packument(entry.name)).versions);
      expect(versions, entry.name).toEqual(entry.name === '@patchbay/connector-github' ? [before.get(entry.name), next] : [entry.version]);
    }

    await npm(['update']);
    github.requests.length = 0;
    const report = await runApp();
    expect(report.connectors.map(({ id, version }) => ({ id, version }))).toEqual([
      { id: 'echo', version: before.get(ECHO_PACKAGE) },
      { id: 'github', version: next },
    ]);
    expect(report.github.ok).toBe(true);
    // The rebuilt connector reports its new version on the wire too.
    expect(github.requests[0]!.headers['user-agent']).toContain(`patchbay-connector-github/${next}`);
  }, 420_000);

  it('refuses a release whose changeset is smaller than its catalog changes need, before publishing anything, and publishes it with a major one', async () => {
    requireRelease();
    const echoVersions = async () => Object.keys((await packument(ECHO_PACKAGE)).versions);
    const changeset = (bump: string, summary: string) => writeFile(path.join(workspace, '.changeset', 'release-check-echo.md'), `---\n"${ECHO_PACKAGE}": ${bump}\n---\n\n${summary}\n`);

    await changeset('major', 'Release check: the echo connector reaches 1.0.0.');
    await pnpm(['run', 'version-packages']);
    await commitAll(workspace, 'Version packages');
    const first = await pnpm(['run', 'release']);
    expect(first.stdout + first.stderr).toContain(`${ECHO_PACKAGE}@1.0.0`);
    expect(await echoVersions()).toEqual(['0.1.0', '1.0.0']);

    // Removing an operation breaks every caller of it: a minor changeset is not enough.
    await writeEchoConnector(workspace, '1.0.0', ['messages.ping']);
    await changeset('minor', 'Release check: drop messages.ping.');
    await commitAll(workspace, 'Drop messages.ping with a minor changeset');
    await pnpm(['run', 'version-packages']);
    await commitAll(workspace, 'Version packages');
    const tags = await git(workspace, ['tag', '--list']);
    const refusal = await pnpm(['run', 'release']).then(
      () => 'released',
      (error: Error) => error.message,
    );
    expect(refusal).toContain(`${ECHO_PACKAGE}: 1.0.0 → 1.1.0 is a minor release, but its catalog changes need a major release:`);
    expect(refusal).toMatch(/major\s+messages\.ping: operation removed\s+\(\/operations\/messages\.ping\)/);
    expect(refusal).toContain('Release refused');
    expect(await echoVersions()).toEqual(['0.1.0', '1.0.0']);
    expect(await git(workspace, ['tag', '--list'])).toBe(tags);

    // The same change with a major changeset goes out as 2.0.0.
    await git(workspace, ['reset', '--hard', 'HEAD~1']);
    await changeset('major', 'Release check: drop messages.ping (breaking).');
    await commitAll(workspace, 'Make the changeset major');
    await pnpm(['run', 'version-packages']);
    await commitAll(workspace, 'Version packages');
    const release = await pnpm(['run', 'release']);
    expect(release.stdout).toContain(`${ECHO_PACKAGE}: 1.0.0 → 2.0.0 (major) covers its changes (major)`);
    expect(release.stdout + release.stderr).toContain(`${ECHO_PACKAGE}@2.0.0`);
    expect(await echoVersions()).toEqual(['0.1.0', '1.0.0', '2.0.0']);
    expect(await git(workspace, ['tag', '--list', `${ECHO_PACKAGE}@*`])).toContain(`${ECHO_PACKAGE}@2.0.0`);
  }, 540_000);
});
