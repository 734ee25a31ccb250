import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema, type CallToolResult, type JSONRPCMessage, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { startGithubStandIn, startTcpWatch, waitFor, type GithubStandIn, type TcpWatch } from '@patchbay/stand-ins';
import { IntegrationManager } from '@patchbay/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpHttpServer, type McpHttpServer } from './http-server.js';
import { createMcpServer, type PatchbayMcpServer } from './mcp-server.js';

// The real server on 127.0.0.1, driven by the SDK's own Client over Streamable HTTP, against the
// GitHub stand-in. Every message the client receives is kept, to scan it for credentials.

const VENDOR_TOKEN = 'ghp_canary_vendor_token_0123456789';
const WRONG_TOKEN = 'ghp_canary_wrong_token_9876543210';
const MCP_TOKEN = 'mcp-test-token-abcdefghijklmnop';
const PACKAGE_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));
const repo = { owner: 'octo-org', repo: 'hello-world' };

let github: GithubStandIn;
let watch: TcpWatch;
let manager: IntegrationManager;
let mcp: PatchbayMcpServer;
let http: McpHttpServer;
const received: string[] = [];

async function connectClient(): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${MCP_TOKEN}` } } });
  const client = new Client({ name: 'patchbay-test', version: '1.0.0' });
  await client.connect(transport);
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    received.push(JSON.stringify(message));
    deliver?.(message);
  };
  return client;
}

// GitHub's connector has every operation of the API; these tests serve the few they call.
const OPERATIONS = ['users.me', 'repos.get', 'issues.list', 'issues.get', 'issues.create', 'issues.update', 'issues.createComment', 'pulls.list'];

async function listAll(client: Client): Promise<{ tools: Tool[]; pages: number }> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    tools.push(...page.tools);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== undefined && pages < 100);
  return { tools, pages };
}

function statusOf(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

beforeAll(async () => {
  github = await startGithubStandIn({ token: VENDOR_TOKEN });
  watch = await startTcpWatch(github.url);
  manager = await IntegrationManager.create({ cwd: PACKAGE_DIRECTORY, retry: { retries: 0 } });
  await manager.connect({ id: 'gh-main', connector: 'github', credentials: { token: VENDOR_TOKEN }, config: { baseUrl: github.url } });
  await manager.connect({ id: 'gh-slow', connector: 'github', credentials: { token: VENDOR_TOKEN }, config: { baseUrl: watch.url } });
  await manager.connect({ id: 'gh-bad', connector: 'github', credentials: { token: WRONG_TOKEN }, config: { baseUrl: github.url } });
  mcp = createMcpServer({ manager, pageSize: 5, include: OPERATIONS.map((operation) => `gh-*.${operation}`) });
  http = await startMcpHttpServer(mcp, { token: MCP_TOKEN });
});

afterAll(async () => {
  await http?.close();
  await mcp?.close();
  await manager?.close();
  await watch?.close();
  await github?.close();
  // Nothing any session received held a credential, whatever the test.
  const everything = received.join('\n');
  expect(received.length).toBeGreaterThan(0);
  expect(everything).not.toContain(VENDOR_TOKEN);
  expect(everything).not.toContain(WRONG_TOKEN);
  expect(everything).not.toContain(MCP_TOKEN);
});

describe('MCP over Streamable HTTP', () => {
  it('lists every (connection, operation) pair as a tool, a page at a time', async () => {
    const client = await connectClient();
    const { tools, pages } = await listAll(client);
    expect(tools).toHaveLength(3 * OPERATIONS.length);
    expect(pages).toBe(Math.ceil(tools.length / 5));
    expect(new Set(tools.map((tool) => tool.name)).size).toBe(tools.length);

    const list = tools.find((tool) => tool.name === 'gh-main_issues_list')!;
    expect(list.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
    expect(list.inputSchema.properties).toHaveProperty('allPages');
    expect(list.inputSchema.required).toEqual(['owner', 'repo']);
    expect(list.outputSchema).toMatchObject({ type: 'object', required: ['items'], properties: { items: { type: 'array' } } });
    expect(list.description).toContain('gh-main');

    const create = tools.find((tool) => tool.name === 'gh-main_issues_create')!;
    expect(create.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    await client.close();
  });

  it('calls a tool: structured content and a short text, sent as the operation defines', async () => {
    const client = await connectClient();
    await listAll(client);
    const before = github.requests.length;
    const result = (await client.callTool({ name: 'gh-main_issues_get', arguments: { ...repo, issue_number: 1 } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ number: 1 });
    expect(textOf(result).split('\n')[0]).toBe('gh-main issues.get: ok, HTTP 200');
    const sent = github.requests.slice(before);
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/octo-org/hello-world/issues/1']);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${VENDOR_TOKEN}`);

    const page = (await client.callTool({ name: 'gh-main_issues_list', arguments: { ...repo, per_page: 5 } })) as CallToolResult;
    expect((page.structuredContent as { items: unknown[] }).items).toHaveLength(5);
    expect(textOf(page)).toContain('More results: call again with "page": "2"');
    await client.close();
  });

  it('answers invalid arguments with a tool error listing every problem by pointer, sending nothing', async () => {
    const client = await connectClient();
    const before = github.requests.length;
    const result = (await client.callTool({ name: 'gh-main_issues_create', arguments: { owner: 'octo-org', title: '', labels: 'bug' } })) as CallToolResult;
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^VALIDATION_FAILED: /);
    expect(text).toContain('- /title: ');
    expect(text).toContain('- /labels: ');
    expect(text).toContain('- /repo: is required');
    expect(result._meta?.['patchbay/error']).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });
    expect(github.requests.length).toBe(before);
    await client.close();
  });

  it('turns a vendor failure into a tool error with its stable code, never the credential', async () => {
    const client = await connectClient();
    const result = (await client.callTool({ name: 'gh-bad_users_me', arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^AUTH_FAILED \(HTTP 401\): /);
    expect(JSON.stringify(result)).not.toContain(WRONG_TOKEN);
    await client.close();
  });

  it('reads every page for allPages, with a progress notification per page', async () => {
    const client = await connectClient();
    await listAll(client);
    const progress: number[] = [];
    const result = (await client.callTool({ name: 'gh-main_issues_list', arguments: { ...repo, per_page: 20, state: 'all', allPages: true } }, undefined, {
      onprogress: (notification) => progress.push(notification.progress),
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const items = (result.structuredContent as { items: unknown[] }).items;
    expect(items.length).toBeGreaterThan(40);
    expect(progress).toEqual(Array.from({ length: Math.ceil(items.length / 20) }, (_, index) => index + 1));
    expect(textOf(result).split('\n')[0]).toBe(`gh-main issues.list: ok, ${items.length} items from ${progress.length} pages`);
    await client.close();
  });

  it('aborts the vendor request in flight when the client cancels the call', async () => {
    const client = await connectClient();
    github.injectFaults({ type: 'stall', ms: 600_000, match: '/repos/octo-org/hello-world/issues/2' });
    const before = github.requests.length;
    const controller = new AbortController();
    const call = client.callTool({ name: 'gh-slow_issues_get', arguments: { ...repo, issue_number: 2 } }, undefined, { signal: controller.signal });
    const outcome = call.then(() => 'resolved', () => 'rejected');
    await waitFor(() => github.requests.length > before);
    const closed = watch.nextClose();
    controller.abort('the user changed their mind');
    await closed;
    expect(await outcome).toBe('rejected');
    expect(github.requests.slice(before).map((request) => request.path)).toEqual(['/repos/octo-org/hello-world/issues/2']);
    await client.close();
  });

  it('tells every session when connections are added or removed', async () => {
    const client = await connectClient();
    await listAll(client);
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changes += 1));
    expect(await mcp.refresh()).toBe(false);
    await manager.connect({ id: 'gh-extra', connector: 'github', credentials: { token: VENDOR_TOKEN }, config: { baseUrl: github.url } });
    expect(await mcp.refresh()).toBe(true);
    await waitFor(() => changes === 1);
    expect((await listAll(client)).tools.some((tool) => tool.name === 'gh-extra_users_me')).toBe(true);
    await manager.disconnect('gh-extra');
    expect(await mcp.refresh()).toBe(true);
    await waitFor(() => changes === 2);
    expect((await listAll(client)).tools.some((tool) => tool.name.startsWith('gh-extra_'))).toBe(false);
    await client.close();
  });

  it('refuses a request without the bearer token (401) and one from another origin (403)', async () => {
    const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const anonymous = await fetch(http.url, { method: 'POST', headers, body: initialize });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(http.url, { method: 'POST', headers: { ...headers, authorization: 'Bearer not-the-token-at-all' }, body: initialize });
    expect(wrong.status).toBe(401);
    const foreign = await fetch(http.url, { method: 'POST', headers: { ...headers, authorization: `Bearer ${MCP_TOKEN}`, origin: 'https://evil.example' }, body: initialize });
    expect(foreign.status).toBe(403);
    // fetch will not set Host; a name re-bound to 127.0.0.1 arrives with its own Host header.
    expect(await statusOf(http.url, { ...headers, authorization: `Bearer ${MCP_TOKEN}`, host: 'evil.example' }, initialize)).toBe(403);
    const own = await fetch(http.url, { method: 'POST', headers: { ...headers, authorization: `Bearer ${MCP_TOKEN}`, origin: new URL(http.url).origin }, body: initialize });
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });
});
