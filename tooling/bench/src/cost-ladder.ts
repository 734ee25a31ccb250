import { createTransport } from '@patchbay/runtime';
import { Agent, type Dispatcher } from 'undici';
import { BenchClient } from './bench-connector.js';
import { patchbayManager, rawUndici, type HttpClient } from './http-clients.js';

/** One rung: a client that adds one layer of the runtime's request path to the rung below. */
export interface Rung {
  label: string;
  create(url: string): Promise<HttpClient>;
}

const HEADERS = { accept: 'application/json', authorization: 'Bearer bench-token' };

/** Buffers one response's body in memory, as the runtime's dispatch handler does. */
function bufferedDispatch(agent: Agent, options: Dispatcher.DispatchOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    agent.dispatch(options, {
      onConnect: () => undefined,
      onHeaders: () => true,
      onData: (chunk: Buffer) => {
        chunks.push(chunk);
        return true;
      },
      onComplete: () => resolve(Buffer.concat(chunks)),
      onError: reject,
    });
  });
}

/**
 * undici as `sendRequest` drives it for the default 30 s limit: the shared Agent's `dispatch`,
 * undici's own header and body timeouts, and the body gathered by the handler rather than streamed.
 */
function undiciAgentDispatch(url: string): HttpClient {
  const agent = new Agent({ connections: 64 });
  return {
    async call() {
      const body = await bufferedDispatch(agent, {
        origin: url,
        method: 'GET',
        path: '/items/1',
        headers: HEADERS,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      JSON.parse(body.toString('utf8'));
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
  { label: 'the shared undici Agent, `dispatch` with a buffering handler (the runtime\'s transport)', create: async (url) => undiciAgentDispatch(url) },
  { label: '`BaseAPIClient.request` (prepare, retry wrapper, auth, send, parse, classify)', create: async (url) => benchClient(url, false) },
  { label: '+ the non-binding `LocalRateLimiter`', create: async (url) => benchClient(url, true) },
  { label: '`IntegrationManager.execute` (+ lookup, validation, OperationCall, result union)', create: (url) => patchbayManager(url) },
];
