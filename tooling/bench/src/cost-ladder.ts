import { createTransport } from '@patchbay/runtime';
import { Agent } from 'undici';
import { BenchClient } from './bench-connector.js';
import { patchbayManager, rawUndici, type HttpClient } from './http-clients.js';

/** One rung: a client that adds one layer of the runtime's request path to the rung below. */
export interface Rung {
  label: string;
  create(url: string): Promise<HttpClient>;
}

const HEADERS = { accept: 'application/json', authorization: 'Bearer bench-token' };

/**
 * undici as `sendRequest` drives it for the default 30 s limit: through the shared Agent, with
 * undici's own header and body timeouts (a per-attempt AbortController is used only below 2 s).
 */
function undiciAgentWithTimeouts(url: string): HttpClient {
  const agent = new Agent({ connections: 64 });
  return {
    async call() {
      const response = await agent.request({
        origin: url,
        method: 'GET',
        path: '/items/1',
        headers: HEADERS,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      JSON.parse(await response.body.text());
    },
    close: () => agent.close(),
  };
}

function benchClient(url: string, limited: boolean): HttpClient {
  const transport = createTransport();
  const rateLimits = limited ? { connection: { limit: 1_000_000, intervalMs: 1000 }, operations: {} } : undefined;
  const client = new BenchClient({ id: 'ladder', credentials: { token: 'bench-token' }, config: { baseUrl: url } }, { transport, rateLimits });
  return {
    async call() {
      await client.request({ method: 'GET', path: '/items/{id}', params: { id: 1 } });
    },
    close: () => transport.close(),
  };
}

/** From raw undici up to the manager, so the difference between rungs is the cost of one layer. */
export const COST_LADDER: Rung[] = [
  { label: 'undici `Pool.request` + JSON.parse (baseline)', create: async (url) => rawUndici(url) },
  { label: '+ the shared undici Agent with per-request timeouts', create: async (url) => undiciAgentWithTimeouts(url) },
  { label: '`BaseAPIClient.request` (prepare, retry wrapper, auth, send, parse, classify)', create: async (url) => benchClient(url, false) },
  { label: '+ the non-binding `LocalRateLimiter`', create: async (url) => benchClient(url, true) },
  { label: '`IntegrationManager.execute` (+ lookup, validation, OperationCall, result union)', create: (url) => patchbayManager(url) },
];
