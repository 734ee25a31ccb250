import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from './stand-in-server.js';
import type { StandInRequest } from './recorded-request.js';

const started: StandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((standIn) => standIn.close()));
});

async function start(handler: Parameters<typeof startStandIn>[0] = () => ({ status: 200, body: { ok: true } })): Promise<StandIn> {
  const standIn = await startStandIn(handler);
  started.push(standIn);
  return standIn;
}

/** Resolves with the error code of a request that must fail. */
async function failureCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as { code?: string }).code;
}

describe('startStandIn', () => {
  it('listens on 127.0.0.1 on an OS-chosen port', async () => {
    const standIn = await start();
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(standIn.url).port)).toBeGreaterThan(0);
  });

  it('hands the handler a fully read request and records it', async () => {
    const seen: StandInRequest[] = [];
    const standIn = await start((incoming) => {
      seen.push(incoming);
      return { status: 201, headers: { 'X-Custom': 'yes' }, body: { received: incoming.json } };
    });
    const response = await request(`${standIn.url}/things?page=2&tag=a&tag=b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Trace-Id': 'abc' },
      body: JSON.stringify({ name: 'widget' }),
    });

    expect(response.statusCode).toBe(201);
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await response.body.json()).toEqual({ received: { name: 'widget' } });
    expect(standIn.requests).toHaveLength(1);
    expect(seen[0]).toBe(standIn.requests[0]);
    expect(standIn.requests[0]).toMatchObject({
      method: 'POST',
      path: '/things',
      query: { page: '2', tag: 'b' },
      body: '{"name":"widget"}',
      json: { name: 'widget' },
    });
    expect(standIn.requests[0]?.headers['x-trace-id']).toBe('abc');
    expect(standIn.requests[0]?.form).toBeUndefined();
  });

  it('parses form bodies and sends string bodies as they are', async () => {
    const standIn = await start(() => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'plain text' }));
    const response = await request(`${standIn.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=r1',
    });

    expect(await response.body.text()).toBe('plain text');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(standIn.requests[0]?.form).toEqual({ grant_type: 'refresh_token', refresh_token: 'r1' });
    expect(standIn.requests[0]?.json).toBeUndefined();
  });

  it('answers 500 with the message when the handler throws', async () => {
    const standIn = await start(() => {
      throw new Error('handler bug');
    });
    const response = await request(`${standIn.url}/`);
    expect(response.statusCode).toBe(500);
    expect(await response.body.json()).toEqual({ message: 'handler bug' });
  });
});

describe('injectFaults', () => {
  it('answers a status fault as is, once, without calling the handler', async () => {
    let calls = 0;
    const standIn = await start(() => ({ status: 200, body: { call: (calls += 1) } }));
    standIn.injectFaults({ status: 503, headers: { 'retry-after': '3' }, body: { message: 'down' } });

    const faulted = await request(`${standIn.url}/a`);
    expect(faulted.statusCode).toBe(503);
    expect(faulted.headers['retry-after']).toBe('3');
    expect(await faulted.body.json()).toEqual({ message: 'down' });

    const normal = await request(`${standIn.url}/a`);
    expect(normal.statusCode).toBe(200);
    expect(await normal.body.json()).toEqual({ call: 1 });
    expect(standIn.requests.map((recorded) => recorded.path)).toEqual(['/a', '/a']);
  });

  it('applies a fault only to paths starting with its match', async () => {
    const standIn = await start();
    standIn.injectFaults({ match: '/repos', status: 404 }, { status: 418 });

    const other = await request(`${standIn.url}/user`);
    expect(other.statusCode).toBe(418);
    await other.body.dump();
    const matched = await request(`${standIn.url}/repos/octo-org/hello-world`);
    expect(matched.statusCode).toBe(404);
    await matched.body.dump();
    const after = await request(`${standIn.url}/repos/octo-org/hello-world`);
    expect(after.statusCode).toBe(200);
    await after.body.dump();
  });

  it('resets the connection so the client gets a socket error and no status', async () => {
    const standIn = await start();
    standIn.injectFaults({ type: 'reset' });
    const code = await failureCode(request(`${standIn.url}/`, { method: 'POST', body: 'payload' }));
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(code);
    expect(standIn.requests[0]?.body).toBe('payload');

    const next = await request(`${standIn.url}/`);
    expect(next.statusCode).toBe(200);
    await next.body.dump();
  });

  it('stalls before answering normally, long enough to trip a client timeout', async () => {
    const standIn = await start();
    standIn.injectFaults({ type: 'stall', ms: 150 });
    const startedAt = Date.now();
    const slow = await request(`${standIn.url}/`);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(await slow.body.json()).toEqual({ ok: true });

    standIn.injectFaults({ type: 'stall', ms: 5000 });
    const timedOut: unknown = await request(`${standIn.url}/`, { signal: AbortSignal.timeout(50) }).catch(
      (error: unknown) => error,
    );
    expect((timedOut as Error).name).toBe('TimeoutError');
  });

  it('truncates a body so reading it fails', async () => {
    const standIn = await start();
    standIn.injectFaults({ type: 'truncated' });
    const response = await request(`${standIn.url}/`);
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
    await expect(response.body.text()).rejects.toThrow();
  });

  it('sends a JSON content-type with a body that does not parse', async () => {
    const standIn = await start();
    standIn.injectFaults({ type: 'invalid-json' });
    const response = await request(`${standIn.url}/`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    await expect(response.body.json()).rejects.toThrow(SyntaxError);
  });
});

describe('close', () => {
  it('closes kept-alive sockets and pending stalls promptly', async () => {
    const standIn = await startStandIn(() => ({ status: 200, body: 'ok' }));
    const kept = await request(`${standIn.url}/`, { headers: { connection: 'keep-alive' } });
    await kept.body.dump();
    standIn.injectFaults({ type: 'stall', ms: 10_000 });
    const stalled = request(`${standIn.url}/`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    const startedAt = Date.now();
    await standIn.close();
    await standIn.close();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(await stalled).toBe('failed');
    expect(await failureCode(request(`${standIn.url}/`))).toBe('ECONNREFUSED');
  });
});
