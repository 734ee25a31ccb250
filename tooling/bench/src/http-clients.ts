import http from 'node:http';
import { IntegrationManager } from '@patchbay/runtime';
import axios from 'axios';
import Bottleneck from 'bottleneck';
import { Pool } from 'undici';
import { BenchModule } from './bench-connector.js';
import { BENCH_ITEM } from './bench-item.js';

/** One way of fetching and parsing the bench item; every call checks what it got back. */
export interface HttpClient {
  call(): Promise<void>;
  close(): Promise<void>;
}

const TOKEN = 'bench-token';
const HEADERS = { accept: 'application/json', authorization: `Bearer ${TOKEN}` };
// The runtime's shared transport keeps 64 sockets per origin; every baseline gets the same.
const SOCKETS = 64;

function check(data: unknown, client: string): void {
  if ((data as { id?: unknown } | null)?.id !== BENCH_ITEM.id) throw new Error(`${client} parsed an unexpected body: ${JSON.stringify(data)}`);
}

/** The floor: undici's Pool, reading the body and parsing it as JSON. */
export function rawUndici(url: string): HttpClient {
  const pool = new Pool(url, { connections: SOCKETS, keepAliveTimeout: 10_000 });
  return {
    async call() {
      const response = await pool.request({ method: 'GET', path: '/items/1', headers: HEADERS });
      check(JSON.parse(await response.body.text()), 'undici');
    },
    close: () => pool.close(),
  };
}

/**
 * The runtime: validation, retry wrapper, a non-binding rate limit, auth, parse, result union. The
 * limit is local unless `redisUrl` is given: then it is shared through that Redis.
 */
export async function patchbayManager(url: string, redisUrl?: string): Promise<HttpClient> {
  const manager = await IntegrationManager.create({ modules: [BenchModule], rateLimit: redisUrl ? { redis: { url: redisUrl } } : undefined });
  await manager.connect({
    id: 'bench',
    connector: 'bench',
    credentials: { token: TOKEN },
    config: { baseUrl: url, rateLimit: { limit: 1_000_000, intervalMs: 1000 } },
  });
  return {
    async call() {
      const result = await manager.execute('bench', 'item.get', { id: 1 });
      if (!result.ok) throw new Error(`execute failed: ${result.error.code} ${result.error.message}`);
      check(result.data, 'IntegrationManager');
    },
    close: () => manager.close(),
  };
}

/** The client most apps reach for first, with a keep-alive agent so it is not charged for handshakes. */
export function axiosClient(url: string): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  const client = axios.create({ baseURL: url, httpAgent: agent, headers: HEADERS });
  return {
    async call() {
      check((await client.get('/items/1')).data, 'axios');
    },
    async close() {
      agent.destroy();
    },
  };
}

/** The same raw undici calls, each admitted by a bottleneck limiter whose rule never binds. */
export function bottleneckUndici(url: string): HttpClient {
  const raw = rawUndici(url);
  const limiter = new Bottleneck({ reservoir: 1_000_000, reservoirRefreshAmount: 1_000_000, reservoirRefreshInterval: 1000 });
  return {
    call: () => limiter.schedule(() => raw.call()),
    async close() {
      await limiter.disconnect();
      await raw.close();
    },
  };
}
