import { ERROR_CODES, type ConnectorExecuteOutput } from '@patchbay/contract';
import { IntegrationManager } from '@patchbay/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer, type FaultServerOptions } from './fault-server.js';
import { heapAfterGc } from './heap-after-gc.js';
import { ItemsModule } from './items-module.js';
import { runPool } from './run-pool.js';

const EXPECTED_FAILURES = new Set(['UPSTREAM_ERROR', 'RATE_LIMITED', 'NOT_FOUND', 'NETWORK_ERROR', 'TIMEOUT']);

async function managerFor(server: FaultServer): Promise<IntegrationManager> {
  const manager = await IntegrationManager.create({
    modules: [ItemsModule],
    timeoutMs: 150,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 1_000 },
  });
  await manager.connect({ id: 'faulty', connector: 'items', credentials: { token: 'fault-token' }, config: { baseUrl: server.url } });
  return manager;
}

describe('the runtime under injected faults', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('classifies every one of 10,000 mixed calls and never duplicates a write', async () => {
    const options: FaultServerOptions = {
      seed: 20261125,
      stallMs: 300,
      trackMarkers: true,
      weights: { ok: 60, unavailable: 8, 'rate-limited': 7, 'not-found': 4, reset: 6, stall: 3, truncated: 6, 'invalid-json': 6 },
    };
    const server = await startFaultServer(options);
    const manager = await managerFor(server);
    const codes = new Map<string, number>();
    const okMarkers: string[] = [];
    let unclassified = 0;
    try {
      await runPool(10_000, 48, async (index) => {
        const write = index % 3 === 0;
        const marker = `m-${index}`;
        const result: ConnectorExecuteOutput = write
          ? await manager.execute('faulty', 'items.create', { marker })
          : await manager.execute('faulty', 'items.get', { id: index });
        if (result.ok) {
          if (write) okMarkers.push(marker);
          return;
        }
        const code = result.error.code;
        if (!(ERROR_CODES as readonly string[]).includes(code)) unclassified++;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      });
    } finally {
      await manager.close();
      await server.close();
    }
    expect(unclassified).toBe(0);
    expect([...codes.keys()].filter((code) => !EXPECTED_FAILURES.has(code))).toEqual([]);
    // Every kind of fault really happened, and the failures came out as their own codes.
    for (const kind of Object.keys(options.weights)) expect(server.answered[kind as keyof typeof server.answered]).toBeGreaterThan(50);
    for (const code of EXPECTED_FAILURES) expect(codes.get(code) ?? 0).toBeGreaterThan(0);
    const duplicated = [...server.appliedMarkers].filter(([, times]) => times > 1);
    expect(duplicated).toEqual([]);
    for (const marker of okMarkers) expect(server.appliedMarkers.get(marker)).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it('keeps the heap flat over 100,000 calls', async () => {
    const server = await startFaultServer({
      seed: 7,
      stallMs: 0,
      trackMarkers: false,
      weights: { ok: 85, unavailable: 4, 'rate-limited': 3, 'not-found': 3, reset: 2, truncated: 1, 'invalid-json': 2 },
    });
    const manager = await managerFor(server);
    const samples: number[] = [];
    let failures = 0;
    const began = performance.now();
    try {
      for (let round = 0; round < 10; round++) {
        await runPool(10_000, 48, async (index) => {
          const result = index % 4 === 0
            ? await manager.execute('faulty', 'items.create', { marker: `r${round}-${index}` })
            : await manager.execute('faulty', 'items.get', { id: index });
          if (!result.ok && !(ERROR_CODES as readonly string[]).includes(result.error.code)) failures++;
        });
        samples.push(await heapAfterGc());
      }
      console.info(`100,000 calls in ${Math.round(performance.now() - began)} ms`);
    } finally {
      await manager.close();
      await server.close();
    }
    const megabytes = samples.map((bytes) => Math.round(bytes / 1024 / 102.4) / 10);
    console.info(`heap after GC every 10,000 calls (MB): ${megabytes.join(', ')}`);
    expect(failures).toBe(0);
    // After warm-up (compiled validators, pooled sockets) the heap must not keep growing: the last
    // 80,000 calls may add at most 8 MB, i.e. under 100 bytes a call.
    expect(samples[9]! - samples[1]!).toBeLessThan(8 * 1024 * 1024);
    expect(unhandled).toEqual([]);
  }, 300_000);
});
