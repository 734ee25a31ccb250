import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTransport, IntegrationManager, type HttpTransport, type Logger } from '@patchbay/runtime';
import { startTestRedis, type TestRedis } from '@patchbay/stand-ins';
import { afterEach, describe, expect, it } from 'vitest';
import { ItemsModule } from './items-module.js';

// Networks that misbehave in ways a fault-injecting server cannot show: a Redis that stops
// answering, a body that never quite ends, a redirect into the private network. Real servers on
// loopback only; every test ends by itself.

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
});

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    handler(request, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

interface Dispatch {
  dispatch(options: { origin?: string | URL }, handler: unknown): boolean;
}

/**
 * A transport that sends requests for `hostname` to 127.0.0.1, as DNS would for a real vendor's
 * name: the connection's base URL stays a public-looking name, while every byte stays on loopback.
 */
function mapHostToLoopback(hostname: string): HttpTransport {
  const inner = createTransport() as HttpTransport & Dispatch;
  return {
    dispatch: (options: { origin?: string | URL }, handler: unknown) => {
      const origin = new URL(String(options.origin));
      if (origin.hostname === hostname) origin.hostname = '127.0.0.1';
      return inner.dispatch({ ...options, origin: origin.origin }, handler);
    },
    close: () => inner.close(),
  } as HttpTransport;
}

/** Resolves with 'hung' after `ms`: a guard so a regression fails the test instead of hanging the suite. */
function guard(ms: number): { hung: Promise<'hung'>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
  return { hung, clear: () => clearTimeout(timer) };
}

describe('a Redis that stops answering (SIGSTOP)', () => {
  let redis: TestRedis | undefined;
  afterEach(async () => {
    redis?.thaw();
    await redis?.stop();
  });

  it('holds no call: all 60 resolve on local limits while Redis is frozen, and calls go on after it thaws', async () => {
    redis = await startTestRedis();
    const api = await listen((_request, response) => json(response, 200, { id: 1 }));
    const warnings: string[] = [];
    const logger: Logger = { warn: (message) => void warnings.push(message), info: () => undefined };
    const manager = await IntegrationManager.create({
      cwd: '/nonexistent-app',
      modules: [ItemsModule],
      logger,
      timeoutMs: 2_000,
      rateLimit: { redis: { url: redis.url, commandTimeoutMs: 250 } },
    });
    const { hung, clear } = guard(60_000);
    try {
      await manager.connect({ id: 'shared', connector: 'items', credentials: { token: 'tok-freeze' }, config: { baseUrl: api.url, rateLimit: { maxConcurrent: 8 } } });
      expect((await manager.execute('shared', 'items.get', { id: 1 })).ok).toBe(true);
      expect(warnings).toEqual([]);

      redis.freeze();
      // Past the slice leased before the freeze, so every call has to ask Redis again.
      await sleep(150);
      const waits: number[] = [];
      const timed = async () => {
        const began = Date.now();
        const result = await manager.execute('shared', 'items.get', { id: 1 });
        waits.push(Date.now() - began);
        return result;
      };
      const results = await Promise.race([Promise.all(Array.from({ length: 60 }, timed)), hung]);
      expect(results).not.toBe('hung');
      expect((results as { ok: boolean }[]).every((result) => result.ok)).toBe(true);
      expect(api.requests).toHaveLength(61);
      // The lease call in flight when Redis froze is the only wait: one command timeout, not one
      // per call and never the call's own deadline.
      expect(Math.max(...waits)).toBeLessThan(2_000); // the call deadline (timeoutMs) above
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/unreachable/);

      redis.thaw();
      expect((await manager.execute('shared', 'items.get', { id: 1 })).ok).toBe(true);
    } finally {
      clear();
      redis.thaw();
      await manager.close();
    }
  });
});

describe('a body dripped one byte at a time', () => {
  it('ends the call at its deadline with TIMEOUT, retries included, instead of when the body ends', async () => {
    let bytesWritten = 0;
    const api = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '40' });
      // 40 bytes at one per 400 ms: 16 s if nothing stops it, far beyond the call's 3 s deadline.
      let sent = 0;
      const timer = setInterval(() => {
        response.write(sent === 0 ? '"' : 'x');
        bytesWritten++;
        if (++sent === 40) {
          clearInterval(timer);
          response.end();
        }
      }, 400);
      response.on('close', () => clearInterval(timer));
    });
    const manager = await IntegrationManager.create({ cwd: '/nonexistent-app', modules: [ItemsModule], timeoutMs: 2_000, deadlineMs: 3_000 });
    try {
      await manager.connect({ id: 'drip', connector: 'items', credentials: { token: 'tok-drip' }, config: { baseUrl: api.url } });
      const result = await manager.execute('drip', 'items.get', { id: 1 });
      expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', retryable: true } });
      expect(result.ok === false && result.error.status).toBeUndefined();
      // Each attempt was cut off mid-body.
      expect(bytesWritten).toBeLessThan(40 * api.requests.length);
    } finally {
      await manager.close();
    }
  });
});

describe('a redirect into the private network', () => {
  it('is refused for a public base URL, so the metadata service answer never becomes data', async () => {
    const metadata = await listen((_request, response) => json(response, 200, { AccessKeyId: 'ASIA-instance-role', SecretAccessKey: 'metadata-secret' }));
    const targets = [
      `http://169.254.169.254:${metadata.port}/latest/meta-data/iam/security-credentials/role`,
      `http://127.0.0.1:${metadata.port}/latest/meta-data/`,
      `http://localhost:${metadata.port}/latest/meta-data/`,
      `http://[::ffff:7f00:1]:${metadata.port}/latest/meta-data/`,
    ];
    let next = 0;
    const api = await listen((_request, response) => {
      response.writeHead(302, { location: targets[next++ % targets.length] });
      response.end();
    });
    const transport = mapHostToLoopback('api.vendor.test');
    const manager = await IntegrationManager.create({ cwd: '/nonexistent-app', modules: [ItemsModule], genericExecutor: true, transport, retry: { retries: 0 } });
    try {
      await manager.connect({ id: 'vendor', connector: 'items', credentials: { token: 'tok-ssrf' }, config: { baseUrl: `http://api.vendor.test:${api.port}` } });
      const results = [];
      for (let index = 0; index < targets.length; index++) results.push(await manager.execute('vendor', 'items.get', { id: 1 }));
      for (let index = 0; index < targets.length; index++) results.push(await manager.execute('vendor', 'custom', { method: 'GET', path: '/anything' }));
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 302, retryable: false } });
      }
      expect(JSON.stringify(results)).not.toContain('metadata-secret');
      expect(api.requests).toHaveLength(2 * targets.length);
      expect(metadata.requests).toEqual([]);
    } finally {
      await manager.close();
      await transport.close();
    }
  });
});
