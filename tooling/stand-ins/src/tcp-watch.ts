import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// A loopback TCP relay in front of a stand-in, so a test can see the moment a client
// closes its connection to the vendor (an aborted request) without changing the stand-in.

export interface TcpWatch {
  /** Base URL of the relay, to use as a connection's `baseUrl`. */
  url: string;
  /** Resolves when the next client connection to the relay closes. */
  nextClose(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpWatch(targetUrl: string): Promise<TcpWatch> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const waiting: (() => void)[] = [];
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => {
      upstream.destroy();
      for (const resolve of waiting.splice(0)) resolve();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    nextClose: () => new Promise<void>((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Resolves once `condition()` holds, checking every 10 ms; rejects after `limit` checks so a broken test ends. */
export async function waitFor(condition: () => boolean, limit = 3000): Promise<void> {
  for (let check = 0; check < limit; check++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
