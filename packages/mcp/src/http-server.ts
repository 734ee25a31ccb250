import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { checkRequest, type HttpGuardOptions } from './http-guard.js';
import type { PatchbayMcpServer } from './mcp-server.js';

export interface McpHttpOptions {
  /** Bearer token clients must send; at least 16 characters. */
  token: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** Address to bind. Default `127.0.0.1`: only this machine can connect. */
  host?: string;
  /** Browser origins allowed besides the server's own (`http://127.0.0.1:<port>`, `http://localhost:<port>`). */
  allowedOrigins?: readonly string[];
  /** URL path of the endpoint. Default `/mcp`. */
  path?: string;
}

export interface McpHttpServer {
  /** The endpoint, e.g. `http://127.0.0.1:3333/mcp`. */
  readonly url: string;
  close(): Promise<void>;
}

const MIN_TOKEN_LENGTH = 16;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Serves a Patchbay MCP server over Streamable HTTP, one SDK transport per session. Every request
 * passes `checkRequest` first: bearer token, Origin, and (on loopback) Host.
 */
export async function startMcpHttpServer(mcp: PatchbayMcpServer, options: McpHttpOptions): Promise<McpHttpServer> {
  if (options.token.length < MIN_TOKEN_LENGTH) throw new TypeError(`The MCP HTTP token must be at least ${MIN_TOKEN_LENGTH} characters`);
  const host = options.host ?? '127.0.0.1';
  const endpoint = options.path ?? '/mcp';
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  // Filled once the port is known: the allowed origins and hosts name it.
  const access: { guard?: HttpGuardOptions } = {};

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const verdict = checkRequest(request.headers, access.guard!);
    if (!verdict.ok) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (verdict.status === 401) headers['www-authenticate'] = 'Bearer';
      response.writeHead(verdict.status, headers).end(JSON.stringify({ error: verdict.message }));
      return;
    }
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== endpoint) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `Not found; the MCP endpoint is ${endpoint}` }));
      return;
    }
    const sessionId = request.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const transport = sessions.get(sessionId);
      if (!transport) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Unknown or closed session' }));
        return;
      }
      await transport.handleRequest(request, response);
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await mcp.connect(transport);
    await transport.handleRequest(request, response);
    // A first request that was not an initialize started no session: nothing will reach it again.
    if (transport.sessionId === undefined) await transport.close();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: (error as Error).message }));
    });
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const ownOrigins = [`http://${hostInUrl}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`];
  access.guard = {
    token: options.token,
    allowedOrigins: [...ownOrigins, ...(options.allowedOrigins ?? [])],
    allowedHosts: loopbackHosts.has(host) ? [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] : undefined,
  };

  let closed: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${port}${endpoint}`,
    close() {
      closed ??= (async () => {
        await Promise.all([...sessions.values()].map((transport) => transport.close()));
        sessions.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
