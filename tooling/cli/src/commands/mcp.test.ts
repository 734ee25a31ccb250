import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { startGithubStandIn, startTcpWatch, waitFor, type GithubStandIn, type TcpWatch } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_DIRECTORY, createApp, patchbay, temporaryDirectory } from '../cli-binary.test-helper.js';

// The built `patchbay` binary in a child process, driven by the MCP SDK's own Client: over stdio
// as an MCP client configured with `npx patchbay mcp --config patchbay.config.json` runs it, and
// over Streamable HTTP with `--http`. Every byte it writes is scanned for the credential.

const VENDOR_TOKEN = 'ghp_canary_cli_token_0123456789abcdef';
const MCP_TOKEN = 'mcp-cli-test-token-0123456789';
const GITHUB_DIRECTORY = path.resolve(CLI_DIRECTORY, '..', '..', 'connectors', 'github');
const repo = { owner: 'octo-org', repo: 'hello-world' };

let github: GithubStandIn;
let watch: TcpWatch;
let app: string;
const output: string[] = [];

function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

function record(transport: Transport): void {
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    output.push(JSON.stringify(message));
    deliver?.(message);
  };
}

async function writeConfig(name: string, config: unknown): Promise<void> {
  await writeFile(path.join(app, name), `${JSON.stringify(config, null, 2)}\n`);
}

async function startStdioClient(): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--config', 'patchbay.config.json'],
    cwd: app,
    env: { GITHUB_TOKEN: VENDOR_TOKEN, GITHUB_BASE_URL: github.url, SLOW_BASE_URL: watch.url, NO_COLOR: '1' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const client = new Client({ name: 'patchbay-cli-test', version: '1.0.0' });
  await client.connect(transport);
  record(transport);
  return { client, transport };
}

beforeAll(async () => {
  github = await startGithubStandIn({ token: VENDOR_TOKEN });
  watch = await startTcpWatch(github.url);
  app = await temporaryDirectory('mcp');
  await createApp(app, { '@patchbay/connector-github': GITHUB_DIRECTORY });
  await writeConfig('patchbay.config.json', {
    connections: {
      gh: { connector: 'github', credentials: { token: 'env:GITHUB_TOKEN' }, config: { baseUrl: 'env:GITHUB_BASE_URL' } },
      'gh-slow': { connector: 'github', config: { baseUrl: 'env:SLOW_BASE_URL' } },
    },
    // GitHub's connector has every operation of the API: the glob picks the five issue tools these tests call.
    include: ['gh.issues.create*t', 'gh.issues.create', 'gh.issues.get', 'gh.issues.list', 'gh.issues.update', 'gh.users.me', 'gh-slow.issues.get'],
  });
});

afterAll(async () => {
  await watch?.close();
  await github?.close();
  expect(output.length).toBeGreaterThan(0);
  expect(output.join('\n')).not.toContain(VENDOR_TOKEN);
  expect(output.join('\n')).not.toContain(MCP_TOKEN);
});

describe('patchbay mcp over stdio', () => {
  it('lists the tools the config selects, calls one, and answers bad arguments with a tool error', async () => {
    const { client } = await startStdioClient();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'gh-slow_issues_get',
      'gh_issues_create',
      'gh_issues_createComment',
      'gh_issues_get',
      'gh_issues_list',
      'gh_issues_update',
      'gh_users_me',
    ]);

    const me = (await client.callTool({ name: 'gh_users_me', arguments: {} })) as CallToolResult;
    expect(me.isError).toBeFalsy();
    expect(me.structuredContent).toMatchObject({ login: 'octocat' });

    const created = (await client.callTool({ name: 'gh_issues_create', arguments: { ...repo, title: 'Opened by an agent' } })) as CallToolResult;
    expect(created.isError).toBeFalsy();
    expect(github.requests.at(-1)).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues', json: { title: 'Opened by an agent' } });

    const before = github.requests.length;
    const invalid = (await client.callTool({ name: 'gh_issues_get', arguments: { ...repo, issue_number: 'one' } })) as CallToolResult;
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/^VALIDATION_FAILED: /);
    expect(textOf(invalid)).toContain('- /issue_number: must be integer');
    expect(github.requests.length).toBe(before);
    await client.close();
  });

  it('aborts the vendor request in flight when the client cancels the call', async () => {
    const { client } = await startStdioClient();
    github.injectFaults({ type: 'stall', ms: 600_000, match: '/repos/octo-org/hello-world/issues/3' });
    const before = github.requests.length;
    const controller = new AbortController();
    const call = client.callTool({ name: 'gh-slow_issues_get', arguments: { ...repo, issue_number: 3 } }, undefined, { signal: controller.signal });
    const outcome = call.then(() => 'resolved', () => 'rejected');
    await waitFor(() => github.requests.length > before);
    const closed = watch.nextClose();
    controller.abort('cancelled by the user');
    await closed;
    expect(await outcome).toBe('rejected');
    expect(github.requests.slice(before).map((request) => request.path)).toEqual(['/repos/octo-org/hello-world/issues/3']);
    await client.close();
  });
});

describe('patchbay mcp over Streamable HTTP', () => {
  let child: ChildProcess | undefined;
  afterAll(() => void child?.kill('SIGTERM'));

  it('serves the same tools on 127.0.0.1 behind a bearer token', async () => {
    child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
      cwd: app,
      env: { ...process.env, GITHUB_TOKEN: VENDOR_TOKEN, GITHUB_BASE_URL: github.url, SLOW_BASE_URL: watch.url, PATCHBAY_MCP_TOKEN: MCP_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\/mcp/.test(stderr));
    output.push(stderr);
    const url = /http:\/\/127\.0\.0\.1:\d+\/mcp/.exec(stderr)![0];
    expect(stderr).toContain('7 tools at');

    const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);

    const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${MCP_TOKEN}` } } });
    const client = new Client({ name: 'patchbay-cli-test', version: '1.0.0' });
    await client.connect(transport);
    record(transport);
    expect((await client.listTools()).tools).toHaveLength(7);
    const result = (await client.callTool({ name: 'gh_issues_get', arguments: { ...repo, issue_number: 1 } })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ number: 1 });
    await client.close();
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to serve HTTP without a token', async () => {
    const ran = await patchbay(['mcp', '--http'], { cwd: app, env: { PATCHBAY_MCP_TOKEN: '' } });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('patchbay mcp: HTTP needs a bearer token: set PATCHBAY_MCP_TOKEN');
  });
});

describe('patchbay mcp --list', () => {
  it('prints the tools the config serves, as text or as JSON, and exits', async () => {
    const env = { GITHUB_TOKEN: VENDOR_TOKEN, GITHUB_BASE_URL: github.url, SLOW_BASE_URL: watch.url };
    const json = await patchbay(['mcp', '--list', '--json'], { cwd: app, env });
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const { tools } = JSON.parse(json.stdout) as { tools: { name: string; connection: string; operation: string; annotations: { readOnlyHint?: boolean } }[] };
    expect(tools).toContainEqual(expect.objectContaining({ name: 'gh_issues_create', connection: 'gh', operation: 'issues.create' }));
    expect(tools).toContainEqual(expect.objectContaining({ connection: 'gh-slow', operation: 'issues.get', annotations: expect.objectContaining({ readOnlyHint: true }) }));
    const text = await patchbay(['mcp', '--list'], { cwd: app, env });
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toHaveLength(tools.length);
    expect(text.stdout).toMatch(/^gh_issues_create {2}gh issues\.create$/m);
    expect(json.stdout + text.stdout).not.toContain(VENDOR_TOKEN);
    const alone = await patchbay(['mcp', '--json'], { cwd: app, env });
    expect(alone.code).toBe(2);
    expect(JSON.parse(alone.stdout)).toEqual({ error: { code: 'USAGE', message: '--json goes with --list: a running server speaks MCP on stdout' } });
  });
});

describe('patchbay mcp configuration errors', () => {
  it('refuses a secret written into the file, naming the field and never echoing it', async () => {
    await writeConfig('literal.json', { connections: { gh: { connector: 'github', credentials: { token: VENDOR_TOKEN } } } });
    const ran = await patchbay(['mcp', '--config', 'literal.json'], { cwd: app });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('literal.json: connections.gh.credentials.token holds a value written into the file');
    expect(ran.stderr + ran.stdout).not.toContain(VENDOR_TOKEN);
  });

  it('names the missing variable, the unknown connector and the unknown field', async () => {
    await writeConfig('unset.json', { connections: { gh: { connector: 'github', credentials: { token: 'env:PATCHBAY_TEST_UNSET' } } } });
    const unset = await patchbay(['mcp', '--config', 'unset.json'], { cwd: app });
    expect(unset.stderr).toContain('unset.json: connections.gh.credentials.token needs the environment variable PATCHBAY_TEST_UNSET, which is not set');

    await writeConfig('unknown.json', { connections: { crm: { connector: 'salesforce' } } });
    const unknown = await patchbay(['mcp', '--config', 'unknown.json'], { cwd: app });
    expect(unknown.stderr).toContain('connections.crm.connector: no connector "salesforce" (available: github)');

    await writeConfig('typo.json', { connections: { gh: { connector: 'github' } }, readonly: true });
    const typo = await patchbay(['mcp', '--config', 'typo.json'], { cwd: app });
    expect(typo.stderr).toContain('typo.json: readonly is not a known field');
    expect([unset.code, unknown.code, typo.code]).toEqual([1, 1, 1]);
  });
});
