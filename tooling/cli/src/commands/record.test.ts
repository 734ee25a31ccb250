import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureFile } from '@patchbay/connector-kit';
import { replayFixtureCase, startReplayServer, type ReplayServer } from '@patchbay/connector-kit/testing';
import { GithubModule } from '@patchbay/connector-github';
import { startGithubStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';

const GITHUB_DIRECTORY = fileURLToPath(new URL('../../../../connectors/github', import.meta.url));
// The operations connectors/github had before it covered GitHub's whole API, which the stand-in serves.
const STAND_IN_OPERATIONS = ['users.me', 'repos.get', 'issues.list', 'issues.get', 'issues.create', 'issues.update', 'issues.createComment', 'pulls.list'];
const TOKEN = 'ghp_recordTestSecret0123456789abcdef';

let standIn: GithubStandIn;
let replay: ReplayServer;
let directory: string;

beforeAll(async () => {
  standIn = await startGithubStandIn({ token: TOKEN });
  replay = await startReplayServer();
  directory = await mkdtemp(path.join(tmpdir(), 'patchbay-record-'));
});
afterAll(async () => {
  await standIn.close();
  await replay.close();
  await rm(directory, { recursive: true, force: true });
});

async function run(args: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN }) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: directory,
    env,
    stdout: { write: (text: string) => ((stdout += text), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream,
  });
  return { code, stdout, stderr };
}

const readFixture = async (operation: string) => JSON.parse(await readFile(path.join(directory, 'out', `${operation}.json`), 'utf8')) as FixtureFile;

describe('patchbay record', () => {
  it('records a call with the token from GITHUB_TOKEN, writes no credential, and the fixture replays green', async () => {
    const input = JSON.stringify({ owner: 'octo-org', repo: 'hello-world', state: 'open' });
    const ran = await run(['record', GITHUB_DIRECTORY, 'issues.list', '--input', input, '--base-url', standIn.url, '--out', 'out']);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('out/issues.list.json: case "default", 1 exchange, ok\n');
    expect(ran.code).toBe(0);
    expect(standIn.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const text = await readFile(path.join(directory, 'out', 'issues.list.json'), 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(4));
    expect(text).not.toContain(Buffer.from(TOKEN).toString('base64'));
    const fixture = JSON.parse(text) as FixtureFile;
    expect(fixture.cases[0]?.exchanges[0]?.request).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/issues', query: { state: 'open' }, headers: { authorization: '[REDACTED]' } });
    const { problems } = await replayFixtureCase(GithubModule, 'issues.list', fixture.cases[0]!, replay);
    expect(problems).toEqual([]);
  });

  it('adds a named case beside the first, and --all records every case again from its own input', async () => {
    const input = JSON.stringify({ owner: 'octo-org', repo: 'hello-world', state: 'closed' });
    expect((await run(['record', GITHUB_DIRECTORY, 'issues.list', '--input', input, '--case', 'closed', '--base-url', standIn.url, '--out', 'out'])).code).toBe(0);
    expect((await readFixture('issues.list')).cases.map((fixtureCase) => fixtureCase.name)).toEqual(['default', 'closed']);

    standIn.requests.length = 0;
    const again = await run(['record', GITHUB_DIRECTORY, '--all', '--base-url', standIn.url, '--out', 'out', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([
      { file: 'out/issues.list.json', operation: 'issues.list', case: 'default', exchanges: 1, result: { ok: true } },
      { file: 'out/issues.list.json', operation: 'issues.list', case: 'closed', exchanges: 1, result: { ok: true } },
    ]);
    expect(standIn.requests.map((request) => request.query.state)).toEqual(['open', 'closed']);
  });

  it('--missing records a sampled case for every operation without a fixture, each of which replays green', async () => {
    // The package's own fixtures, less those of the operations the GitHub stand-in serves: --missing
    // records exactly those.
    await cp(path.join(GITHUB_DIRECTORY, 'fixtures'), path.join(directory, 'bulk'), { recursive: true });
    for (const operation of STAND_IN_OPERATIONS) await rm(path.join(directory, 'bulk', `${operation}.json`));
    const ran = await run(['record', GITHUB_DIRECTORY, '--missing', '--base-url', standIn.url, '--out', 'bulk', '--json']);
    // issues.update needs a field to change beside its required ones, which sampling leaves out:
    // reported, and the run exits 1, so a bulk recording never hides an operation left behind.
    expect(ran.stderr).toMatch(/^patchbay record: not recorded: issues\.update: github issues\.update sent no request, so there is nothing to record \(VALIDATION_FAILED: .*must NOT have fewer than 4 properties\)\n$/);
    expect(ran.code).toBe(1);
    const written = JSON.parse(ran.stdout) as { operation: string; case: string }[];
    expect(written.map((entry) => entry.operation).sort()).toEqual(STAND_IN_OPERATIONS.filter((id) => id !== 'issues.update').sort());
    expect(new Set(written.map((entry) => entry.case))).toEqual(new Set(['sampled']));
    for (const { operation } of written) {
      const fixture = JSON.parse(await readFile(path.join(directory, 'bulk', `${operation}.json`), 'utf8')) as FixtureFile;
      const { problems } = await replayFixtureCase(GithubModule, operation, fixture.cases[0]!, replay);
      expect(problems, operation).toEqual([]);
    }
    const update = JSON.stringify({ owner: 'octo-org', repo: 'hello-world', issue_number: 1, state: 'closed' });
    expect((await run(['record', GITHUB_DIRECTORY, 'issues.update', '--input', update, '--base-url', standIn.url, '--out', 'bulk'])).code).toBe(0);
    const again = await run(['record', GITHUB_DIRECTORY, '--missing', '--base-url', standIn.url, '--out', 'bulk', '--json']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(again.stdout)).toEqual([]);
  });

  it('refuses a call that would send nothing, naming the problem', async () => {
    const ran = await run(['record', GITHUB_DIRECTORY, 'issues.get', '--input', '{"owner":"octo-org"}', '--base-url', standIn.url, '--out', 'out']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^patchbay record: github issues\.get sent no request, so there is nothing to record \(VALIDATION_FAILED/);
  });

  it('asks for an input when none is given', async () => {
    const ran = await run(['record', GITHUB_DIRECTORY, 'issues.get']);
    expect(ran).toMatchObject({ code: 1, stderr: "patchbay record: --input is required (the operation's input as JSON or @file)\n" });
  });
});
