import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IntegrationManager, type Logger } from '@patchbay/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemsModule } from './items-module.js';

const CANARY = 'canary-7f3a9c1e-never-leak';

interface Seen {
  path: string;
  authorization: string | undefined;
}

async function listen(handler: (request: IncomingMessage, response: ServerResponse, seen: Seen[]) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', authorization: request.headers.authorization });
    request.resume();
    request.on('end', () => handler(request, response, seen));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

describe('credential containment', () => {
  let elsewhere: Awaited<ReturnType<typeof listen>>;
  let api: Awaited<ReturnType<typeof listen>>;
  let manager: IntegrationManager;
  const logged: unknown[] = [];
  const logger: Logger = {
    debug: (message, fields) => void logged.push({ message, fields }),
    info: (message, fields) => void logged.push({ message, fields }),
    warn: (message, fields) => void logged.push({ message, fields }),
    error: (message, fields) => void logged.push({ message, fields }),
  };

  beforeAll(async () => {
    elsewhere = await listen((request, response) => json(response, 200, { landed: true, authorization: request.headers.authorization ?? null }));
    let limitedOnce = false;
    api = await listen((request, response) => {
      const auth = request.headers.authorization ?? '';
      const path = (request.url ?? '').split('?')[0];
      switch (path) {
        case '/ok': return json(response, 200, { echo: auth });
        case '/text': response.writeHead(200, { 'content-type': 'text/plain' }); return response.end(`you sent ${auth}`);
        case '/unauthorized': return json(response, 401, { message: `Bad credentials: ${auth}` });
        case '/forbidden': return json(response, 403, { error: { message: `token ${auth} lacks scope` } });
        case '/missing': return json(response, 404, { message: `nothing for ${auth}` });
        case '/limited':
          limitedOnce = !limitedOnce;
          return limitedOnce ? json(response, 429, { message: `slow down ${auth}` }, { 'retry-after': '0' }) : json(response, 200, { echo: auth });
        case '/broken': return json(response, 500, { error: auth });
        case '/invalid': response.writeHead(200, { 'content-type': 'application/json' }); return response.end(`{"token": "${auth}`);
        case '/reset': request.socket.resetAndDestroy(); return;
        case '/slow': setTimeout(() => !response.destroyed && json(response, 200, { late: auth }), 400); return;
        case '/away': response.writeHead(302, { location: `${elsewhere.url}/landing?from=${encodeURIComponent(auth)}` }); return response.end();
        case '/post-away': response.writeHead(307, { location: `${elsewhere.url}/landing` }); return response.end();
        case '/large': response.writeHead(200, { 'content-type': 'application/json' }); return response.end(JSON.stringify({ pad: 'x'.repeat(5_000), auth }));
        case '/large-chunked':
          response.writeHead(200, { 'content-type': 'application/json' });
          for (let index = 0; index < 10; index++) response.write(`${'y'.repeat(1_000)}`);
          return response.end(auth);
        default: return json(response, 200, {});
      }
    });
    manager = await IntegrationManager.create({
      modules: [ItemsModule],
      genericExecutor: true,
      logger,
      timeoutMs: 150,
      maxResponseBytes: 4_096,
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 },
    });
    await manager.connect({ id: 'canary', connector: 'items', credentials: { token: CANARY }, config: { baseUrl: api.url } });
  });
  afterAll(async () => {
    await manager?.close();
    await api?.close();
    await elsewhere?.close();
  });

  const raw = (path: string, method = 'GET', extra: Record<string, unknown> = {}) => manager.execute('canary', 'raw', { method, path, ...extra });

  it.each([
    ['an absolute URL', 'http://127.0.0.1:1/steal'],
    ['a protocol-relative path', '//127.0.0.1:1/steal'],
    ['a backslash path', '/\\127.0.0.1/steal'],
    ['a scheme without slashes', 'javascript:alert(1)'],
    ['a relative path without a slash', 'steal'],
  ])('the generic executor refuses %s and sends nothing', async (_label, path) => {
    const before = api.seen.length + elsewhere.seen.length;
    const result = await raw(path);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(api.seen.length + elsewhere.seen.length).toBe(before);
  });

  it('the generic executor sends a relative path to the connection host only, with its credentials', async () => {
    const result = await raw('/ok', 'GET', { query: { q: 'x' } });
    expect(result.ok).toBe(true);
    expect(api.seen.at(-1)).toEqual({ path: '/ok?q=x', authorization: `Bearer ${CANARY}` });
  });

  it('follows a GET redirect to another origin without the credentials', async () => {
    const result = await raw('/away');
    expect(result).toMatchObject({ ok: true, data: { landed: true, authorization: null } });
    expect(elsewhere.seen.at(-1)!.authorization).toBeUndefined();
    expect(api.seen.at(-1)).toEqual({ path: '/away', authorization: `Bearer ${CANARY}` });
  });

  it('does not follow a redirect of a POST, and reports it as an upstream error', async () => {
    const before = elsewhere.seen.length;
    const result = await raw('/post-away', 'POST', { body: { a: 1 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 307 } });
    expect(elsewhere.seen.length).toBe(before);
  });

  it.each(['/large', '/large-chunked'])('refuses a response body over maxResponseBytes (%s)', async (path) => {
    const result = await raw(path);
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR' } });
    expect(!result.ok && result.error.message).toMatch(/4096-byte limit/);
  });

  it('never shows the canary credential in any result, error or log line', async () => {
    const outcomes: unknown[] = [];
    const paths = ['/ok', '/text', '/unauthorized', '/forbidden', '/missing', '/limited', '/broken', '/invalid', '/reset', '/slow', '/away', '/post-away', '/large', '/large-chunked', '//evil.example/x'];
    for (const path of paths) {
      outcomes.push(await raw(path));
      outcomes.push(await raw(path, 'POST', { body: { note: 'plain' } }));
    }
    outcomes.push(await manager.execute('canary', 'items.get', { id: 1 }));
    outcomes.push(await manager.execute('canary', 'items.get', { id: 'not-a-number' }));
    outcomes.push(await manager.execute('canary', 'items.create', { marker: 'm', extra: true }));
    outcomes.push(await manager.execute('missing-connection', 'items.get', { id: 1 }));
    const text = JSON.stringify({ outcomes, logged }, (_key, value: unknown) => (value instanceof Error ? { message: value.message, stack: value.stack } : value));
    // The scenarios ran for real: failures of every kind and some retries were logged.
    const codes = new Set(outcomes.map((outcome) => (outcome as { error?: { code: string } }).error?.code ?? 'ok'));
    expect([...codes].sort()).toEqual(expect.arrayContaining(['AUTH_FAILED', 'NETWORK_ERROR', 'NOT_FOUND', 'TIMEOUT', 'UPSTREAM_ERROR', 'VALIDATION_FAILED', 'ok']));
    expect(logged.length).toBeGreaterThan(0);
    expect(api.seen.some((request) => request.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(text).not.toContain(CANARY);
  });
});
