import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BENCH_ITEM } from './bench-item.js';

export interface QuotaArrivals {
  /** Arrival times (Date.now(), whole milliseconds like a vendor's clock) of the admitted requests. */
  accepted: number[];
  rejected: number;
  /** The most requests, admitted or not, that arrived in any window of the interval. */
  busiestWindow: number;
}

export interface QuotaServer {
  url: string;
  close(): Promise<QuotaArrivals>;
}

/**
 * A loopback API that enforces a quota the way a strict vendor does: at most `limit` requests in
 * any sliding window of `intervalMs`, counted at arrival, and 429 with `Retry-After` beyond it.
 */
export async function startQuotaServer(limit: number, intervalMs: number): Promise<QuotaServer> {
  const accepted: number[] = [];
  const arrivals: number[] = [];
  let rejected = 0;
  const body = JSON.stringify(BENCH_ITEM);
  const server = createServer((request, response) => {
    const now = Date.now();
    arrivals.push(now);
    request.resume();
    const windowStart = accepted.length >= limit ? accepted[accepted.length - limit]! : -Infinity;
    if (now - windowStart < intervalMs) {
      rejected++;
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil((windowStart + intervalMs - now) / 1000)) });
      response.end(JSON.stringify({ message: 'rate limit exceeded' }));
      return;
    }
    accepted.push(now);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
      let busiestWindow = 0;
      for (let first = 0, last = 0; last < arrivals.length; last++) {
        while (arrivals[last]! - arrivals[first]! >= intervalMs) first++;
        busiestWindow = Math.max(busiestWindow, last - first + 1);
      }
      return { accepted, rejected, busiestWindow };
    },
  };
}
