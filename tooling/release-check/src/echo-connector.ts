import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildModuleInputSchema, checkConnectorModule, toCatalog, type ConnectorModule, type OperationMap } from '@patchbay/contract';

export const ECHO_PACKAGE = '@patchbay/connector-echo';

const allOperations: OperationMap = {
  'messages.send': {
    kind: 'action',
    displayName: 'Send a message',
    description: 'POSTs the text to {baseUrl}/messages and returns what the server answered.',
    inputSchema: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string', minLength: 1 } } },
  },
  // A second operation, so a release can take one away (the contract-diff gate's case).
  'messages.ping': {
    kind: 'action',
    displayName: 'Ping the echo server',
    description: 'POSTs the text to {baseUrl}/messages, as a liveness check.',
    inputSchema: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string', minLength: 1 } } },
  },
};

/**
 * A connector written by hand as a plain module, with no dependency at all (not even the
 * runtime): proof that discovery needs only the package metadata and the contract, not our base
 * class. It is added to the workspace copy as `connectors/echo` and released with the others.
 */
const moduleSource = (version: string, operations: OperationMap) => `// A plain Patchbay connector module: metadata, schemas and an execute function.
const operations = ${JSON.stringify(operations, null, 2)};

export const EchoModule = {
  specificationVersion: 'patchbay.connector/v1',
  id: 'echo',
  displayName: 'Echo',
  version: ${JSON.stringify(version)},
  description: 'Sends a message to an echo server',
  auth: { strategy: 'none' },
  operations,
  inputSchema: ${JSON.stringify(buildModuleInputSchema(operations, 'echo'))},
  async execute({ operation, input, connection, signal }) {
    const started = Date.now();
    const meta = (status) => ({ operation, attempts: 1, durationMs: Date.now() - started, status });
    try {
      const response = await fetch(new URL('/messages', String(connection.config.baseUrl)), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: input.text }),
        signal,
      });
      const data = await response.json();
      if (response.ok) return { ok: true, data, meta: meta(response.status) };
      return { ok: false, error: { code: 'UPSTREAM_ERROR', message: 'The echo server answered ' + response.status, retryable: false, status: response.status }, meta: meta(response.status) };
    } catch (error) {
      return { ok: false, error: { code: 'NETWORK_ERROR', message: String(error && error.message), retryable: true }, meta: meta(undefined) };
    }
  },
};
`;

/**
 * Writes the echo connector package into `workspace/connectors/echo`, its catalog built from the
 * module; `leaveOut` names operations to drop, as a release that removes one would.
 */
export async function writeEchoConnector(workspace: string, version = '0.1.0', leaveOut: string[] = []): Promise<string> {
  const directory = path.join(workspace, 'connectors', 'echo');
  await mkdir(directory, { recursive: true });
  const modulePath = path.join(directory, 'index.js');
  const operations = Object.fromEntries(Object.entries(allOperations).filter(([id]) => !leaveOut.includes(id)));
  await writeFile(modulePath, moduleSource(version, operations));
  // A query string per content, so a rewritten module is imported afresh rather than from the cache.
  const { EchoModule } = (await import(`${pathToFileURL(modulePath).href}?${Object.keys(operations).join(',')}`)) as { EchoModule: ConnectorModule };
  const checked = checkConnectorModule(EchoModule);
  if (!checked.valid) throw new Error(`the echo module breaks the contract: ${JSON.stringify(checked.violations)}`);
  await writeFile(path.join(directory, 'catalog.json'), `${JSON.stringify(toCatalog(EchoModule), null, 2)}\n`);
  await writeFile(path.join(directory, 'README.md'), '# @patchbay/connector-echo\n\nA hand-written connector used by the release check.\n');
  const manifest = {
    name: ECHO_PACKAGE,
    version,
    description: 'A plain-module Patchbay connector made by the release check',
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    keywords: ['patchbay-connector'],
    engines: { node: '>=20.19' },
    exports: { '.': './index.js', './catalog.json': './catalog.json', './package.json': './package.json' },
    files: ['index.js', 'catalog.json'],
    patchbay: { connector: 'echo', module: './index.js', export: 'EchoModule', catalog: './catalog.json' },
    publishConfig: { access: 'public' },
  };
  await writeFile(path.join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return directory;
}
