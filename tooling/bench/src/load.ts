import { performance } from 'node:perf_hooks';

export interface Timing {
  elapsedMs: number;
  /** CPU time this process spent (user + system, all its threads): less noisy than wall time on a busy machine. */
  cpuMs: number;
}

/**
 * Runs `total` calls with at most `concurrency` in flight and times them. Each worker takes the
 * next index until none are left, so the loop is bounded by `total`.
 */
export async function runConcurrent(total: number, concurrency: number, call: (index: number) => Promise<void>): Promise<Timing> {
  let next = 0;
  const worker = async () => {
    while (next < total) await call(next++);
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { elapsedMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Calls `run` once to warm up, then `repeats` times; each repeat's result is kept. */
export async function repeated<T>(repeats: number, run: () => Promise<T>): Promise<T[]> {
  await run();
  const results: T[] = [];
  for (let index = 0; index < repeats; index++) results.push(await run());
  return results;
}

/** Heap plus ArrayBuffer memory after a full collection; typed arrays live outside the JS heap. */
export function settledMemory(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run with node --expose-gc (the bench script does)');
  collect();
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
