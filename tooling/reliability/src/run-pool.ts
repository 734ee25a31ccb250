/** Runs `total` calls of `call(index)` with at most `concurrency` in flight. */
export async function runPool(total: number, concurrency: number, call: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await call(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
