import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectorModule } from '@patchbay/contract';
import { handledOperations } from '@patchbay/runtime';
import { expect } from 'vitest';

// Test-only: runs the BUILT `patchbay` binary the way a user does, and gives throwaway packages
// and apps a node_modules made of links into this workspace (no registry involved).

export const CLI_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));
export const BIN = path.join(CLI_DIRECTORY, 'bin', 'patchbay.js');
const WORKSPACE = path.resolve(CLI_DIRECTORY, '..', '..');
export const RUNTIME_DIRECTORY = path.join(WORKSPACE, 'packages', 'runtime');
const CONTRACT_DIRECTORY = path.join(WORKSPACE, 'packages', 'contract');
const CONNECTOR_KIT_DIRECTORY = path.join(WORKSPACE, 'packages', 'connector-kit');

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs a command to completion (bounded by `timeoutMs`); never rejects for a non-zero exit. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; inheritEnv?: boolean },
): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      // `inheritEnv: false` for a package manager that must not see the runner's npm_* settings.
      env: { ...(options.inheritEnv === false ? {} : process.env), CI: 'true', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, durationMs: performance.now() - started }));
  });
}

/** `node tooling/cli/bin/patchbay.js …`. */
export function patchbay(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran> {
  return runProcess(process.execPath, [BIN, ...args], options);
}

/** `npm run <script>` in a package, with its node_modules/.bin on the PATH as npm does. */
export function npmRun(directory: string, script: string, timeoutMs = 300_000): Promise<Ran> {
  return runProcess('npm', ['run', '--silent', script], { cwd: directory, timeoutMs });
}

export async function temporaryDirectory(prefix: string): Promise<string> {
  return realpath(await mkdtemp(path.join(os.tmpdir(), `patchbay-cli-${prefix}-`)));
}

/**
 * Gives a generated connector package the dependencies its package.json names, linked from this
 * workspace: the runtime, contract and connector kit (with its `patchbay-connector` build), and
 * the same vitest and TypeScript the CLI uses.
 */
export async function linkToolchain(directory: string): Promise<void> {
  const modules = path.join(directory, 'node_modules');
  await mkdir(path.join(modules, '@patchbay'), { recursive: true });
  await mkdir(path.join(modules, '@types'), { recursive: true });
  await mkdir(path.join(modules, '.bin'), { recursive: true });
  await symlink(RUNTIME_DIRECTORY, path.join(modules, '@patchbay', 'runtime'));
  await symlink(CONTRACT_DIRECTORY, path.join(modules, '@patchbay', 'contract'));
  await symlink(CONNECTOR_KIT_DIRECTORY, path.join(modules, '@patchbay', 'connector-kit'));
  for (const name of ['vitest', 'typescript', '@types/node']) {
    await symlink(await realpath(path.join(CLI_DIRECTORY, 'node_modules', name)), path.join(modules, name));
  }
  await symlink(path.join(CONNECTOR_KIT_DIRECTORY, 'bin', 'patchbay-connector.js'), path.join(modules, '.bin', 'patchbay-connector'));
  await symlink('../vitest/vitest.mjs', path.join(modules, '.bin', 'vitest'));
  await symlink('../typescript/bin/tsc', path.join(modules, '.bin', 'tsc'));
}

/**
 * Checks that a generated package needs no code: every operation of its built module carries its
 * `http` definition, no handler is registered, and none is written in its sources.
 */
export async function expectHandlerFree(directory: string, exportName: string): Promise<ConnectorModule> {
  const built = (await import(pathToFileURL(path.join(directory, 'dist', 'index.js')).href)) as Record<string, ConnectorModule>;
  const module = built[exportName]!;
  const withoutHttp = Object.entries(module.operations).filter(([, operation]) => operation.http === undefined);
  expect(withoutHttp.map(([id]) => id)).toEqual([]);
  expect(handledOperations(module)).toEqual([]);
  const sources = (await readdir(path.join(directory, 'src'), { recursive: true })).filter((file) => file.endsWith('.ts'));
  const registering = [];
  for (const file of sources) if (/register\(|requestParts/.test(await readFile(path.join(directory, 'src', file), 'utf8'))) registering.push(file);
  expect(registering).toEqual([]);
  return module;
}

/** An app depending on connector packages through `link:`, plus the workspace runtime. */
export async function createApp(directory: string, connectors: Record<string, string>): Promise<void> {
  const dependencies: Record<string, string> = { '@patchbay/runtime': `link:${RUNTIME_DIRECTORY}` };
  for (const [name, target] of Object.entries(connectors)) dependencies[name] = `link:${target}`;
  await mkdir(path.join(directory, 'node_modules', '@patchbay'), { recursive: true });
  await writeFile(path.join(directory, 'package.json'), `${JSON.stringify({ name: 'app', private: true, dependencies }, null, 2)}\n`);
  for (const [name, target] of Object.entries(dependencies)) {
    await symlink(target.slice('link:'.length), path.join(directory, 'node_modules', name));
  }
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandIn {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A loopback server that records requests and answers `answer(request)` as JSON. */
export async function startStandIn(answer: (request: RecordedRequest) => { status: number; body: unknown }): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const recorded = {
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const { status, body } = answer(recorded);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
