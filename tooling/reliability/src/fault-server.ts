import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = ['ok', 'unavailable', 'rate-limited', 'not-found', 'reset', 'stall', 'truncated', 'invalid-json'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultServerOptions {
  /** Relative weight of each answer; missing kinds never happen. */
  weights: Partial<Record<FaultKind, number>>;
  /** How long a `stall` waits before answering; make it longer than the client's timeout. */
  stallMs: number;
  seed: number;
  /** Keep every applied write's marker (memory grows with calls; off for long heap runs). */
  trackMarkers: boolean;
}

export interface FaultServer {
  url: string;
  /** Requests received, by the answer they got. */
  answered: Record<FaultKind, number>;
  /** Times each POST marker was applied, i.e. reached the server in a request it did not refuse. */
  appliedMarkers: Map<string, number>;
  close(): Promise<void>;
}

// Refusals: the server answered without acting, so a client may send the write again.
const REFUSALS = new Set<FaultKind>(['unavailable', 'rate-limited', 'not-found']);

/**
 * A loopback API that answers each request with a seeded random choice of success and failure:
 * 503s, 429s with `Retry-After: 0`, 404s, TCP resets, stalls past the client's timeout, truncated
 * bodies and invalid JSON. A POST's write counts as applied unless it was refused, so a write the
 * server may have acted on and then lost the connection of is counted too.
 */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const random = mulberry32(options.seed);
  const kinds = FAULT_KINDS.filter((kind) => (options.weights[kind] ?? 0) > 0);
  const total = kinds.reduce((sum, kind) => sum + options.weights[kind]!, 0);
  const pick = (): FaultKind => {
    let roll = random() * total;
    for (const kind of kinds) {
      roll -= options.weights[kind]!;
      if (roll < 0) return kind;
    }
    return kinds[kinds.length - 1]!;
  };
  const answered = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  const appliedMarkers = new Map<string, number>();
  const stalls = new Set<NodeJS.Timeout>();

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const kind = pick();
    answered[kind]++;
    if (request.method === 'POST' && !REFUSALS.has(kind) && options.trackMarkers) {
      const marker = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { marker: string }).marker;
      appliedMarkers.set(marker, (appliedMarkers.get(marker) ?? 0) + 1);
    }
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    switch (kind) {
      case 'ok':
        return json(200, { id: 1, path: request.url });
      case 'unavailable':
        return json(503, { message: 'try later' });
      case 'rate-limited':
        return json(429, { message: 'slow down' }, { 'retry-after': '0' });
      case 'not-found':
        return json(404, { message: 'Not Found' });
      case 'reset':
        request.socket.resetAndDestroy();
        return;
      case 'stall': {
        const timer = setTimeout(() => {
          stalls.delete(timer);
          if (!response.destroyed) json(200, { late: true });
        }, options.stallMs);
        stalls.add(timer);
        return;
      }
      case 'truncated':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '64' });
        response.write('{"id": 1, "title": "cut', () => response.destroy());
        return;
      case 'invalid-json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"id": 1, "title": unquoted}');
        return;
    }
  };

  const server = createServer((request, response) => void answer(request, response).catch(() => response.destroy()));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    appliedMarkers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of stalls) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Small seeded generator, so a failing run can be replayed with the same answers. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
