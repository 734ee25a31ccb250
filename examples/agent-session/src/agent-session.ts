import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, startMcpHttpServer } from '@patchbay/mcp';
import { IntegrationManager } from '@patchbay/runtime';
import { startGithubStandIn } from '@patchbay/stand-ins';

export interface SessionStep {
  step: string;
  detail: string;
}

export interface AgentSession {
  steps: SessionStep[];
  /** Requests the GitHub stand-in received, as `METHOD /path`. */
  vendorRequests: string[];
}

/**
 * What an agent does with Patchbay's MCP server, scripted instead of decided by a model: list the
 * tools, pick the one that fits a goal by its name and annotations, call it, then make a call the
 * server refuses and correct it from the error's pointers. Everything runs on 127.0.0.1: the GitHub
 * stand-in, the Streamable HTTP server (bearer token, Origin checked), and the SDK's own Client.
 */
export async function runAgentSession(options: { appDirectory: string; write?: (line: string) => void }): Promise<AgentSession> {
  const steps: SessionStep[] = [];
  const log = (step: string, detail: string) => {
    steps.push({ step, detail });
    options.write?.(`${step.padEnd(10)} ${detail}`);
  };
  const github = await startGithubStandIn();
  const manager = await IntegrationManager.create({ cwd: options.appDirectory });
  // GitHub's connector has every operation of the API; the agent gets the six it needs.
  const served = ['issues.list', 'issues.get', 'issues.create', 'issues.update', 'issues.createComment', 'repos.get'];
  const mcp = createMcpServer({ manager, include: served.map((operation) => `github.${operation}`) });
  const token = randomBytes(24).toString('base64url');
  const http = await startMcpHttpServer(mcp, { token });
  const client = new Client({ name: 'scripted-agent', version: '1.0.0' });
  try {
    await manager.connect({ id: 'github', connector: 'github', credentials: { token: github.token }, config: { baseUrl: github.url } });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));

    const tools: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const listed = await client.listTools(cursor === undefined ? {} : { cursor });
      tools.push(...listed.tools);
      cursor = listed.nextCursor;
      if (cursor === undefined) break;
    }
    log('list', `${tools.length} tools: ${tools.map((tool) => tool.name).join(', ')}`);

    // Goal: "how many open issues does octo-org/hello-world have?" A read that lists issues.
    const reader = tools.find((tool) => tool.annotations?.readOnlyHint === true && tool.name.endsWith('_issues_list'));
    if (!reader) throw new Error('no read-only tool lists issues');
    log('pick', `${reader.name} (read-only: ${reader.annotations?.readOnlyHint}, takes allPages: ${'allPages' in (reader.inputSchema.properties ?? {})})`);
    const listed = (await client.callTool({ name: reader.name, arguments: { owner: 'octo-org', repo: 'hello-world', state: 'open', per_page: 50, allPages: true } })) as CallToolResult;
    const items = (listed.structuredContent as { items?: unknown[] } | undefined)?.items ?? [];
    log('call', `${firstLine(listed)} → ${items.length} open issues`);

    // Goal: "file an issue about it". The first attempt forgets the title, as a model may.
    const writer = tools.find((tool) => tool.name.endsWith('_issues_create'))!;
    const attempt: Record<string, unknown> = { owner: 'octo-org', repo: 'hello-world', body: `There are ${items.length} open issues.` };
    const refused = (await client.callTool({ name: writer.name, arguments: attempt })) as CallToolResult;
    log('refused', textOf(refused).replace(/\n/g, ' | '));
    if (refused.isError && /- \/title: is required/.test(textOf(refused))) attempt.title = 'Triage the open issues';
    const created = (await client.callTool({ name: writer.name, arguments: attempt })) as CallToolResult;
    const issue = created.structuredContent as { number?: number; title?: string } | undefined;
    log('fixed', `${firstLine(created)} → issue #${issue?.number} "${issue?.title}"`);
    return { steps, vendorRequests: github.requests.map((request) => `${request.method} ${request.path}`) };
  } finally {
    await client.close();
    await http.close();
    await mcp.close();
    await manager.close();
    await github.close();
  }
}

function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

function firstLine(result: CallToolResult): string {
  return textOf(result).split('\n')[0] ?? '';
}
