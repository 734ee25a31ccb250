import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestWindow } from './busiest-window.js';
import { startTestRedis, type TestRedis } from '@patchbay/stand-ins';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./rate-limit-worker.mjs', import.meta.url));
const LIMIT = 5;
const INTERVAL_MS = 400;

interface WorkerReport {
  ok: number;
  errors: string[];
  logged: { level: string; message: string }[];
}

/** A loopback API that records when each request arrived and from which worker. */
async function startCountingServer() {
  const arrivals: { at: number; worker: string; authorization: string | undefined }[] = [];
  const server: Server = createServer((request, response) => {
    arrivals.push({ at: Date.now(), worker: request.url?.split('/')[2] ?? '', authorization: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"pong":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    arrivals,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function runWorker(worker: string, redisUrl: string, baseUrl: string, calls: number, limit = LIMIT, intervalMs = INTERVAL_MS): Promise<WorkerReport> {
  const { stdout } = await run(process.execPath, [WORKER], {
    env: { ...process.env, REDIS_URL: redisUrl, BASE_URL: baseUrl, CALLS: String(calls), WORKER: worker, LIMIT: String(limit), INTERVAL_MS: String(intervalMs) },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as WorkerReport;
}

describe('rate limits shared through Redis by separate processes', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('three processes on one connection never exceed the limit in any window, together', async () => {
    const api = await startCountingServer();
    try {
      const began = Date.now();
      const reports = await Promise.all(['a', 'b', 'c'].map((worker) => runWorker(worker, redis.url, api.url, 8)));
      const elapsed = Date.now() - began;
      expect(reports.map((report) => report.ok)).toEqual([8, 8, 8]);
      expect(reports.flatMap((report) => report.errors)).toEqual([]);
      expect(api.arrivals).toHaveLength(24);
      expect(new Set(api.arrivals.map((arrival) => arrival.worker))).toEqual(new Set(['a', 'b', 'c']));
      expect(api.arrivals.every((arrival) => arrival.authorization === 'Bearer worker-token')).toBe(true);
      expect(busiestWindow(api.arrivals.map((arrival) => arrival.at), INTERVAL_MS)).toBeLessThanOrEqual(LIMIT);
      // 24 calls at 5 per 400 ms need at least four full intervals: the limit was binding.
      expect(elapsed).toBeGreaterThanOrEqual(4 * INTERVAL_MS);
      expect(reports.flatMap((report) => report.logged.filter((line) => line.level === 'warn'))).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('three processes sharing 50 requests a second never exceed 50 in any second, sliding or by the clock', async () => {
    const api = await startCountingServer();
    try {
      const reports = await Promise.all(['a', 'b', 'c'].map((worker) => runWorker(worker, redis.url, api.url, 60, 50, 1_000)));
      expect(reports.map((report) => report.ok)).toEqual([60, 60, 60]);
      expect(reports.flatMap((report) => report.errors)).toEqual([]);
      const arrivals = api.arrivals.map((arrival) => arrival.at);
      expect(arrivals).toHaveLength(180);
      const perSecond = new Map<number, number>();
      for (const at of arrivals) perSecond.set(Math.floor(at / 1_000), (perSecond.get(Math.floor(at / 1_000)) ?? 0) + 1);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(50);
      expect(busiestWindow(arrivals, 1_000)).toBeLessThanOrEqual(50);
      // 180 calls at 50 a second span at least three full seconds: the limit was binding, and every
      // process got its turn.
      expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(3_000);
      expect(new Set(api.arrivals.map((arrival) => arrival.worker))).toEqual(new Set(['a', 'b', 'c']));
    } finally {
      await api.close();
    }
  });

  it('with Redis down, every process still completes its calls under its own limit and logs one warning', async () => {
    const api = await startCountingServer();
    const unreachable = 'redis://127.0.0.1:1';
    try {
      const reports = await Promise.all(['a', 'b'].map((worker) => runWorker(worker, unreachable, api.url, 8)));
      expect(reports.map((report) => report.ok)).toEqual([8, 8]);
      for (const report of reports) {
        const warnings = report.logged.filter((line) => line.level === 'warn');
        expect(warnings).toHaveLength(1);
        expect(warnings[0]!.message).toMatch(/Redis is unreachable/);
      }
      for (const worker of ['a', 'b']) {
        const own = api.arrivals.filter((arrival) => arrival.worker === worker).map((arrival) => arrival.at);
        expect(own).toHaveLength(8);
        // The local limiter spaces request starts; the first requests of a process also open their
        // sockets, so arrivals can bunch by a few milliseconds more than starts do.
        expect(busiestWindow(own, INTERVAL_MS - 50)).toBeLessThanOrEqual(LIMIT);
      }
    } finally {
      await api.close();
    }
  });
});
