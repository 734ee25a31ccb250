import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { IntegrationManager } from '@patchbay/runtime';
import type { ToolCallResult } from './tool-result.js';
import { toolsFor, type PatchbayTool, type ToolOptions } from './tools-for.js';
import { VERSION } from './version.js';

export interface McpServerOptions extends ToolOptions {
  manager: IntegrationManager;
  /** Server name announced to clients. Default `patchbay`. */
  name?: string;
  /** Tools per `tools/list` page. Default 100. */
  pageSize?: number;
}

/** The manager's connections as MCP tools, served to any number of sessions (one SDK `Server` each). */
export interface PatchbayMcpServer {
  /** Serves one session over an SDK transport (stdio, Streamable HTTP, in-memory). */
  connect(transport: Transport): Promise<void>;
  /**
   * Reads the manager's connections again. When the tool list changed (a connection was added or
   * removed), every session gets `notifications/tools/list_changed`. Resolves with whether it changed.
   */
  refresh(): Promise<boolean>;
  /** The tools as served now, sorted by name. */
  tools(): readonly PatchbayTool[];
  /** Closes every session. The manager stays open: it belongs to the caller. */
  close(): Promise<void>;
}

interface ToolSet {
  tools: PatchbayTool[];
  byName: Map<string, PatchbayTool>;
  signature: string;
}

const INSTRUCTIONS = 'Each tool runs one operation on one configured API connection. Arguments are checked against the tool\'s input schema before anything is sent; a failed call returns isError with a stable code (VALIDATION_FAILED lists every invalid argument by JSON pointer).';

/** Builds the MCP server of `@patchbay/mcp` on the official SDK's low-level `Server`. */
export function createMcpServer(options: McpServerOptions): PatchbayMcpServer {
  const { manager, name = 'patchbay', pageSize = 100 } = options;
  const sessions = new Set<Server>();
  let current: ToolSet | undefined;
  const toolSet = (): ToolSet => (current ??= buildToolSet(manager, options));

  const serveSession = (server: Server) => {
    server.setRequestHandler(ListToolsRequestSchema, (request) => {
      const { tools } = toolSet();
      const start = request.params?.cursor === undefined ? 0 : startAfter(tools, request.params.cursor);
      const page = tools.slice(start, start + pageSize);
      const next = start + pageSize < tools.length ? encodeCursor(page.at(-1)!.name) : undefined;
      return next === undefined ? { tools: page.map(toMcpTool) } : { tools: page.map(toMcpTool), nextCursor: next };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const tool = toolSet().byName.get(request.params.name);
      if (!tool) {
        return { isError: true, content: [{ type: 'text', text: `UNKNOWN_OPERATION: there is no tool "${request.params.name}"; list the tools again, the connections may have changed.` }] };
      }
      const progressToken = request.params._meta?.progressToken;
      const result = await tool.execute(request.params.arguments ?? {}, {
        signal: extra.signal,
        onProgress: progressToken === undefined ? undefined : ({ pages, items }) => {
          // A client gone mid-call must not fail the call itself.
          extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: pages, message: `${items} items from ${pages} pages` } }).catch(() => undefined);
        },
      });
      return toCallToolResult(result);
    });
  };

  return {
    async connect(transport) {
      const server = new Server({ name, version: VERSION }, { capabilities: { tools: { listChanged: true } }, instructions: INSTRUCTIONS });
      serveSession(server);
      server.onclose = () => sessions.delete(server);
      sessions.add(server);
      await server.connect(transport);
    },
    async refresh() {
      const next = buildToolSet(manager, options);
      if (current !== undefined && next.signature === current.signature) return false;
      const hadList = current !== undefined;
      current = next;
      if (hadList) await Promise.all([...sessions].map((server) => server.sendToolListChanged().catch(() => undefined)));
      return hadList;
    },
    tools: () => toolSet().tools,
    async close() {
      await Promise.all([...sessions].map((server) => server.close()));
      sessions.clear();
    },
  };
}

function buildToolSet(manager: IntegrationManager, options: ToolOptions): ToolSet {
  const tools = toolsFor(manager, options);
  return { tools, byName: new Map(tools.map((tool) => [tool.name, tool])), signature: tools.map((tool) => tool.name).join('\n') };
}

function toMcpTool(tool: PatchbayTool): Tool {
  const definition: Tool = {
    name: tool.name,
    title: tool.annotations.title,
    description: tool.description,
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    annotations: tool.annotations,
  };
  if (tool.outputSchema !== undefined) definition.outputSchema = tool.outputSchema as Tool['outputSchema'];
  return definition;
}

function toCallToolResult(result: ToolCallResult): CallToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text: result.text }];
  if (result.isError) return { isError: true, content, _meta: { 'patchbay/error': result.error } };
  return result.structuredContent === undefined ? { content } : { content, structuredContent: result.structuredContent };
}

// Cursors name the last tool of the page, so a list that changes between pages neither repeats
// nor skips the tools that stayed.
function encodeCursor(lastName: string): string {
  return Buffer.from(lastName, 'utf8').toString('base64url');
}

function startAfter(tools: PatchbayTool[], cursor: string): number {
  const lastName = Buffer.from(cursor, 'base64url').toString('utf8');
  if (lastName === '' || encodeCursor(lastName) !== cursor) throw new McpError(ErrorCode.InvalidParams, 'Invalid tools/list cursor');
  let low = 0;
  let high = tools.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tools[middle]!.name <= lastName) low = middle + 1;
    else high = middle;
  }
  return low;
}
