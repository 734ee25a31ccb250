import { once } from 'node:events';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { PatchbayError } from '@patchbay/contract';
import { createMcpServer, parseMcpConfig, serveStdio, startMcpHttpServer, type McpConfig } from '@patchbay/mcp';
import { IntegrationManager } from '@patchbay/runtime';
import type { CliContext } from '../cli-context.js';
import { usageError } from '../terminal/cli-error.js';
import { readJsonFile } from '../terminal/json-input.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';

export const mcpHelp = `Usage: patchbay mcp [--config patchbay.config.json] [--http --port N]
       patchbay mcp --list [--json]

Serves the operations of the connections named in the config file as Model Context Protocol
tools: over stdio by default (for an MCP client that starts this command), or over Streamable HTTP
with --http. Credentials come from the environment: the file holds references such as
"token": "env:GITHUB_TOKEN", never the secrets themselves.

  { "connections": { "github": { "connector": "github", "credentials": { "token": "env:GITHUB_TOKEN" } } },
    "include": ["github.issues.*"], "exclude": [], "readOnly": false, "maxPages": 10 }

Options:
  --config <file>          the config file (default: patchbay.config.json)
  --http                   serve Streamable HTTP at http://<host>:<port>/mcp instead of stdio
  --port <n>               HTTP port (default: 0, a free one; the URL is printed on stderr)
  --host <address>         HTTP address to bind (default: 127.0.0.1, this machine only)
  --token <token>          bearer token HTTP clients must send (default: $PATCHBAY_MCP_TOKEN; required)
  --allowed-origin <url>   a browser origin allowed to call the HTTP endpoint (repeatable)
  --list                   print the tools the config serves, and exit
  --json                   with --list: print { tools: [{ name, connection, operation, description, annotations }] }`;

const DEFAULT_CONFIG = 'patchbay.config.json';

export async function mcpCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseFlags(
    'mcp',
    args,
    {
      config: { type: 'string' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      list: { type: 'boolean' },
      ...JSON_FLAG,
    },
    false,
  );
  if (values.json && !values.list) throw usageError('--json goes with --list: a running server speaks MCP on stdout');
  const token = values.token ?? context.env.PATCHBAY_MCP_TOKEN;
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.http && !values.list) {
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: '--port must be a port number' });
    if (token === undefined || token === '') {
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: 'HTTP needs a bearer token: set PATCHBAY_MCP_TOKEN (or pass --token), at least 16 characters' });
    }
  }
  const config = await readConfig(path.resolve(context.cwd, values.config ?? DEFAULT_CONFIG), context.env);
  const manager = await IntegrationManager.create({ cwd: context.cwd });
  try {
    await connectAll(manager, config, context.env);
    const server = createMcpServer({ manager, include: config.include, exclude: config.exclude, readOnly: config.readOnly, maxPages: config.maxPages });
    if (values.list) {
      const tools = server.tools().map(({ name, connection, operation, description, annotations }) => ({ name, connection, operation, description, annotations }));
      printResult(context.stdout, values.json, { tools }, () => {
        for (const tool of tools) context.stdout.write(`${tool.name}  ${tool.connection} ${tool.operation}${tool.annotations.readOnlyHint ? '  (read-only)' : ''}\n`);
      });
      await server.close();
      return 0;
    }
    if (values.http) {
      const http = await startMcpHttpServer(server, { token: token!, port, host: values.host, allowedOrigins: values['allowed-origin'] });
      context.stderr.write(`patchbay mcp: ${server.tools().length} tools at ${http.url}\n`);
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      await http.close();
    } else {
      // stdout is the protocol channel from here on: nothing else may be written to it.
      await Promise.race([serveStdio(server, { stdin: context.stdin as Readable, stdout: context.stdout as Writable }), once(process, 'SIGTERM')]);
    }
    await server.close();
    return 0;
  } finally {
    await manager.close();
  }
}

async function readConfig(file: string, env: NodeJS.ProcessEnv): Promise<McpConfig> {
  const parsed = await readJsonFile(file);
  if (parsed === undefined) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `cannot read ${file}: ENOENT` });
  return parseMcpConfig(parsed, env, path.basename(file));
}

/** Opens every connection; a connection without credentials in the file takes its connector's variables (`GITHUB_TOKEN`). */
async function connectAll(manager: IntegrationManager, config: McpConfig, env: NodeJS.ProcessEnv): Promise<void> {
  for (const connection of config.connections) {
    const field = `connections.${connection.id}`;
    const catalog = manager.catalog(connection.connector);
    if (!catalog) {
      const available = manager.connectors().map((connector) => connector.id).join(', ') || 'none installed here';
      throw new PatchbayError({ code: 'CONNECTOR_NOT_FOUND', message: `${field}.connector: no connector "${connection.connector}" (available: ${available})` });
    }
    let credentials = connection.credentials;
    if (credentials === undefined) {
      credentials = {};
      for (const [key, variable] of Object.entries(catalog.auth.environment ?? {})) {
        const value = env[variable];
        if (value !== undefined && value !== '') credentials[key] = value;
      }
    }
    try {
      await manager.connect({ ...connection, credentials });
    } catch (error) {
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${field}.credentials: ${(error as Error).message}`, cause: error });
    }
  }
}
