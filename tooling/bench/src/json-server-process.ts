import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BENCH_ITEM } from './bench-item.js';

// A minimal loopback API in its own process, so it runs on its own core and the client process's
// CPU time is the client's alone: every request gets the same small JSON body, so the figures
// measure the clients, not the server.
const body = JSON.stringify(BENCH_ITEM);
let served = 0;

const server = createServer((request, response) => {
  served++;
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', () => {
  server.closeAllConnections();
  server.close(() => process.send?.({ served }, () => process.exit(0)));
});
// The bench process owns this one: if it goes away, so does the server.
process.on('disconnect', () => process.exit(0));
