import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PatchbayError } from '@patchbay/contract';
import { MockAgent, type Dispatcher } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sendRequest, type SendOptions } from './send-request.js';
import { createTransport } from './transport.js';

const transport = createTransport() as unknown as Dispatcher;
let server: Server | undefined;
const sockets = new Set<Socket>();
let received = 0;

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  received = 0;
});
afterAll(async () => {
  await (transport as unknown as { close(): Promise<void> }).close();
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<URL> {
  server = createServer((request, response) => {
    received++;
    handler(request, response);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/items?x=1`);
}

function options(overrides: Partial<SendOptions> = {}): SendOptions {
  return {
    dispatcher: transport,
    timeoutMs: 30_000,
    maxResponseBytes: 1024 * 1024,
    signal: undefined,
    describe: () => ({ label: 'GET /items', request: { method: 'GET', url: 'http://127.0.0.1/items', headers: {} } }),
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<PatchbayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!PatchbayError.isInstance(error)) throw new Error(`expected a PatchbayError, got ${String(error)}`);
  return error;
}

describe('sendRequest', () => {
  it('sends method, path, query, headers and body, and gathers a chunked body byte for byte', async () => {
    const payload = Buffer.alloc(300_000, 'abcdefghij');
    let seen: { method?: string; url?: string; header?: string | string[]; body?: string } = {};
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen = { method: request.method, url: request.url, header: request.headers['x-test'], body };
        for (let offset = 0; offset < payload.length; offset += 10_000) response.write(payload.subarray(offset, offset + 10_000));
        response.end();
      });
    });

    const result = await sendRequest({ url, method: 'POST', headers: { 'x-test': 'yes', 'content-type': 'text/plain' }, body: 'hello' }, options());

    expect(seen).toEqual({ method: 'POST', url: '/items?x=1', header: 'yes', body: 'hello' });
    expect(result.status).toBe(200);
    expect(result.body.length).toBe(payload.length);
    expect(createHash('sha256').update(result.body).digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
  });

  it('joins repeated headers and keeps odd header names as plain keys', async () => {
    const url = await serve((_request, response) => {
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.setHeader('__proto__', 'polluted');
      response.setHeader('constructor', 'plain');
      response.setHeader('X-Vendor', 'v');
      response.end();
    });

    const { headers, body, status } = await sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options());

    expect(status).toBe(200);
    expect(body.length).toBe(0);
    expect(headers['set-cookie']).toBe('a=1, b=2');
    expect(headers['x-vendor']).toBe('v');
    expect(headers.constructor).toBe('plain');
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': 5000 });
      response.end(Buffer.alloc(5000));
    });
    const error = await failure(sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ maxResponseBytes: 4096 })));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: false });
    expect(error.message).toContain('4096-byte limit');
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    let written = 0;
    const url = await serve((_request, response) => {
      const timer = setInterval(() => {
        written += 1024;
        // Bounded: the stream is cut long before this, but never write forever.
        if (written > 1024 * 1024 || !response.write(Buffer.alloc(1024))) {
          clearInterval(timer);
          response.end();
        }
      }, 1);
      response.on('close', () => clearInterval(timer));
    });
    const error = await failure(sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ maxResponseBytes: 8 * 1024 })));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(written).toBeLessThan(1024 * 1024);
  });

  it('times out a body that stalls', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"partial":');
    });
    const error = await failure(sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ timeoutMs: 150 })));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(error.message).toContain('150 ms');
  });

  it('bounds the whole attempt: a body dripped a byte at a time cannot outlast timeoutMs', async () => {
    // Each byte arrives well inside any per-phase timeout; only a bound on the whole attempt stops
    // it. The server gives up by itself after 15 bytes, so the test ends either way.
    let written = 0;
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '15' });
      const timer = setInterval(() => {
        response.write('x');
        if (++written === 15) {
          clearInterval(timer);
          response.end();
        }
      }, 400);
      response.on('close', () => clearInterval(timer));
    });
    const error = await failure(sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ timeoutMs: 2000 })));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(written).toBeLessThan(15);
  });

  it('times out an answer that never comes, whatever the length of the limit', async () => {
    const url = await serve(() => undefined);
    const error = await failure(sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ timeoutMs: 2000 })));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(error.message).toContain('2000 ms');
  });

  it('answers ABORTED when the signal aborts while the body streams, and sends nothing for an aborted signal', async () => {
    let streaming!: () => void;
    const bodyStarted = new Promise<void>((resolve) => (streaming = resolve));
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.write('x', () => streaming());
    });
    const controller = new AbortController();
    const pending = sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ signal: controller.signal }));
    // Abort only once the server is streaming, however slow the machine: a fixed sleep is not enough under load.
    await bodyStarted;
    controller.abort();
    expect((await failure(pending)).code).toBe('ABORTED');
    expect(received).toBe(1);

    const error = await failure(sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ signal: controller.signal })));
    expect(error.code).toBe('ABORTED');
    expect(received).toBe(1);
  });

  it('leaves no listener on a signal that outlives the request', async () => {
    const url = await serve((_request, response) => response.end('ok'));
    const controller = new AbortController();
    let listeners = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;

    for (let index = 0; index < 5; index++) {
      const result = await sendRequest({ url, method: 'GET', headers: {}, body: undefined }, options({ signal: controller.signal, timeoutMs: 500 }));
      expect(result.body.toString()).toBe('ok');
    }
    expect(listeners).toBe(0);
    controller.abort();
  });

  it('answers NETWORK_ERROR, marked as never sent, when the connection is refused', async () => {
    const url = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await failure(sendRequest({ url, method: 'POST', headers: {}, body: '{}' }, options()));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, details: { sent: false } });
  });

  it("works over undici's MockAgent, so apps can unit-test a connector without a server", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get('http://api.example.test')
      .intercept({ path: '/items?x=1', method: 'GET' })
      .reply(200, { id: 1 }, { headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } });

    const result = await sendRequest(
      { url: new URL('http://api.example.test/items?x=1'), method: 'GET', headers: {}, body: undefined },
      options({ dispatcher: mock }),
    );

    expect(result.status).toBe(200);
    expect(result.headers['x-request-id']).toBe('r-1');
    expect(JSON.parse(result.body.toString())).toEqual({ id: 1 });
    await mock.close();
  });
});

