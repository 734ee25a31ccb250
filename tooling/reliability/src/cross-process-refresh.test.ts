import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CredentialCipher, FileConnectionStore } from '@patchbay/runtime';
import { startStandIn, startTestRedis, type StandIn, type TestRedis } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const WORKER = fileURLToPath(new URL('./oauth-refresh-worker.mjs', import.meta.url));
const KEY = `k1:${randomBytes(32).toString('base64')}`;

interface WorkerMessage {
  ready?: boolean;
  persisting?: string;
  ok?: number;
  errors?: string[];
}

/**
 * A provider that rotates refresh tokens, with a reuse window like Atlassian's or Xero's: a
 * refresh token stays valid after it was used until the one issued in its place is presented, so
 * a client that died before storing the new one can still refresh with the old one.
 */
async function startRotatingProvider(delayMs: number) {
  const valid = new Set<string>();
  const refreshTokens = new Map<string, string | undefined>([['rt_0', undefined]]);
  let issued = 0;
  const idp = await startStandIn(async (request) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const presented = request.form?.refresh_token ?? '';
    if (request.form?.grant_type !== 'refresh_token' || !refreshTokens.has(presented)) return { status: 400, body: { error: 'invalid_grant' } };
    // Presenting a token ends the reuse window of the one it replaced.
    for (const [token, successor] of refreshTokens) if (successor === presented) refreshTokens.delete(token);
    const n = ++issued;
    refreshTokens.set(presented, `rt_${n}`);
    refreshTokens.set(`rt_${n}`, undefined);
    valid.add(`at_${n}`);
    return { status: 200, body: { access_token: `at_${n}`, refresh_token: `rt_${n}`, token_type: 'bearer', expires_in: 3600 } };
  });
  const api = await startStandIn((request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    return valid.has(token) ? { status: 200, body: { login: 'octocat' } } : { status: 401, body: { message: 'Bad credentials' } };
  });
  return { idp, api, close: () => Promise.all([idp.close(), api.close()]) };
}

function startWorker(env: Record<string, string>) {
  const messages: WorkerMessage[] = [];
  const child: ChildProcess = fork(WORKER, [], { env: { ...process.env, PATCHBAY_ENCRYPTION_KEY: KEY, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waitFor = (predicate: (message: WorkerMessage) => boolean) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const found = messages.find(predicate);
      if (found) return resolve(found);
      const onMessage = (message: WorkerMessage) => {
        if (!predicate(message)) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before the expected message`)));
    });
  child.on('message', (message: WorkerMessage) => messages.push(message));
  return { child, waitFor };
}

let folder: string;
let store: FileConnectionStore;
let provider: Awaited<ReturnType<typeof startRotatingProvider>> | undefined;
const children: ChildProcess[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'patchbay-refresh-'));
  store = new FileConnectionStore({ directory: folder, cipher: CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: KEY }) });
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await provider?.close();
  provider = undefined;
  await rm(folder, { recursive: true, force: true });
});

async function storeExpiredConnection(idp: StandIn, api: StandIn) {
  await store.put({
    id: 'shared',
    connector: 'oauthdemo',
    credentials: { accessToken: 'at_expired', refreshToken: 'rt_0', expiresAt: Date.now() - 60_000, clientId: 'client-1', clientSecret: 'secret-1' },
    config: { baseUrl: api.url, tokenUrl: `${idp.url}/token` },
  });
}

describe('one OAuth2 refresh across processes', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('3 processes × 50 concurrent calls on one expired token send exactly 1 refresh request', async () => {
    provider = await startRotatingProvider(300);
    await storeExpiredConnection(provider.idp, provider.api);
    const workers = ['a', 'b', 'c'].map(() => startWorker({ STORE_DIR: folder, REDIS_URL: redis.url, CALLS: '50', MODE: 'race' }));
    children.push(...workers.map((worker) => worker.child));
    await Promise.all(workers.map((worker) => worker.waitFor((message) => message.ready === true)));
    for (const worker of workers) worker.child.send('go');

    const reports = await Promise.all(workers.map((worker) => worker.waitFor((message) => message.ok !== undefined)));

    expect(reports.map((report) => report.errors)).toEqual([[], [], []]);
    expect(reports.map((report) => report.ok)).toEqual([50, 50, 50]);
    expect(provider.idp.requests).toHaveLength(1);
    expect(provider.idp.requests[0]!.form).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt_0' });
    expect(provider.api.requests).toHaveLength(150);
    expect(new Set(provider.api.requests.map((request) => request.headers.authorization))).toEqual(new Set(['Bearer at_1']));
    expect(await store.get('shared')).toMatchObject({ version: 2, credentials: { accessToken: 'at_1', refreshToken: 'rt_1' } });
  });

  it('loses no token when the process is killed while storing a rotated refresh token', async () => {
    provider = await startRotatingProvider(0);
    await storeExpiredConnection(provider.idp, provider.api);
    const doomed = startWorker({ STORE_DIR: folder, CALLS: '1', MODE: 'crash' });
    children.push(doomed.child);
    await doomed.waitFor((message) => message.ready === true);
    doomed.child.send('go');
    // The token endpoint answered with rt_1 and the worker is storing it: kill it right there.
    expect(await doomed.waitFor((message) => message.persisting !== undefined)).toEqual({ persisting: 'rt_1' });
    doomed.child.kill('SIGKILL');
    await once(doomed.child, 'exit');

    // The record on disk is whole (the write is atomic) and still holds the previous refresh token,
    // which the provider's reuse window keeps valid; no lock or temporary file is left behind.
    expect(await store.get('shared')).toMatchObject({ version: 1, credentials: { refreshToken: 'rt_0' } });
    expect(await readdir(folder)).toEqual(['shared.connection.json']);

    const survivor = startWorker({ STORE_DIR: folder, CALLS: '5', MODE: 'race' });
    children.push(survivor.child);
    await survivor.waitFor((message) => message.ready === true);
    survivor.child.send('go');
    expect(await survivor.waitFor((message) => message.ok !== undefined)).toEqual({ ok: 5, errors: [] });
    expect(provider.idp.requests.map((request) => request.form?.refresh_token)).toEqual(['rt_0', 'rt_0']);
    expect(await store.get('shared')).toMatchObject({ version: 2, credentials: { accessToken: 'at_2', refreshToken: 'rt_2' } });
  });
});
