import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRedis, type TestRedis } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationManager } from '../manager/integration-manager.js';
import { CredentialCipher } from '../store/credential-cipher.js';
import { FileConnectionStore } from '../store/file-connection-store.js';
import { oauthModule, startOAuthProvider, type OAuthProvider } from './oauth-provider.test-helper.js';

let provider: OAuthProvider;
let redis: TestRedis;
let folder: string;
const managers: IntegrationManager[] = [];
const cipher = new CredentialCipher([['k1', randomBytes(32)]]);
const warnings: string[] = [];

beforeAll(async () => {
  [provider, redis] = await Promise.all([startOAuthProvider(), startTestRedis()]);
  const answer = provider.answer;
  // A slow identity provider keeps the refresh in flight while every other call arrives.
  provider.answer = async (request, count) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return answer(request, count);
  };
});
afterAll(async () => {
  await Promise.all([provider.close(), redis.stop()]);
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'patchbay-lease-'));
  provider.idp.requests.length = 0;
  provider.api.requests.length = 0;
  warnings.length = 0;
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  await rm(folder, { recursive: true, force: true });
});

async function managerWithLease(url: string) {
  const manager = await IntegrationManager.create({
    cwd: process.cwd(),
    modules: [oauthModule()],
    store: new FileConnectionStore({ directory: folder, cipher }),
    refreshLease: { redis: { url } },
    logger: { warn: (message: string) => warnings.push(message) },
  });
  managers.push(manager);
  return manager;
}

async function storeExpired(refreshToken: string) {
  provider.refreshTokens.add(refreshToken);
  await new FileConnectionStore({ directory: folder, cipher }).put({
    id: 'shared',
    connector: 'oauthdemo',
    credentials: { accessToken: 'at_expired', refreshToken, expiresAt: Date.now() - 1 },
    config: { baseUrl: provider.api.url, tokenUrl: provider.tokenUrl },
  });
}

describe('the Redis refresh lease', () => {
  it('lets one of several managers refresh; the others read its result from the store', async () => {
    await storeExpired('rt_lease');
    const group = await Promise.all([managerWithLease(redis.url), managerWithLease(redis.url), managerWithLease(redis.url)]);

    const results = await Promise.all(group.flatMap((manager) => Array.from({ length: 20 }, () => manager.execute('shared', 'me.get'))));

    expect(results.filter((result) => result.ok)).toHaveLength(60);
    expect(provider.idp.requests).toHaveLength(1);
    expect(new Set(provider.api.requests.map((request) => request.headers.authorization)).size).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('refreshes without the lease, with a warning, while Redis is unreachable', async () => {
    await storeExpired('rt_nolease');
    const manager = await managerWithLease('redis://127.0.0.1:1');
    const results = await Promise.all(Array.from({ length: 10 }, () => manager.execute('shared', 'me.get')));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(provider.idp.requests).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining('Redis is unreachable')]);
  });

  it('is refused without a store to read the winner\'s result from', async () => {
    await expect(IntegrationManager.create({ cwd: process.cwd(), refreshLease: { redis: { url: redis.url } } })).rejects.toThrow(/refreshLease needs a store/);
  });
});
