import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { PatchbayMcpServer } from './mcp-server.js';

/**
 * Serves one session over stdin/stdout (how an MCP client runs a local server) and resolves when
 * the client closes stdin. Nothing else may write to `stdout` meanwhile: it is the protocol channel.
 */
export async function serveStdio(server: PatchbayMcpServer, streams: { stdin?: Readable; stdout?: Writable } = {}): Promise<void> {
  const stdin = streams.stdin ?? process.stdin;
  // The SDK transport stops on errors but not at end of input, which is how a client says goodbye.
  const ended = Promise.race([once(stdin, 'end'), once(stdin, 'close')]);
  await server.connect(new StdioServerTransport(stdin, streams.stdout ?? process.stdout));
  await ended;
}
