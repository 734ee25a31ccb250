import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oauthModule, startOAuthProvider, type OAuthProvider } from '../auth/oauth-provider.test-helper.js';
import { CredentialCipher } from '../store/credential-cipher.js';
import { FileConnectionStore } from '../store/file-connection-store.js';
import { IntegrationManager } from './integration-manager.js';

let provider: OAuthProvider;
let folder: string;
const managers: IntegrationManager[] = [];
const cipher = new CredentialCipher([['k1', randomBytes(32)]]);
const logLines: string[] = [];
const logger = {
  debug: (message: string, fields?: unknown) => logLines.push(`${message} ${inspect(fields)}`),
  info: (message: string, fields?: unknown) => logLines.push(`${message} ${inspect(fields)}`),
  warn: (message: string, fields?: unknown) => logLines.push(`${message} ${inspect(fields)}`),
  error: (message: string, fields?: unknown) => logLines.push(`${message} ${inspect(fields)}`),
};

beforeAll(async () => {
  provider = await startOAuthProvider();
});
afterAll(async () => {
  await provider.close();
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'patchbay-manager-store-'));
  provider.idp.requests.length = 0;
  provider.api.requests.length = 0;
  logLines.length = 0;
});
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  await rm(folder, { recursive: true, force: true });
});

async function managerOnStore(): Promise<IntegrationManager> {
  const manager = await IntegrationManager.create({ cwd: process.cwd(), modules: [oauthModule()], store: new FileConnectionStore({ directory: folder, cipher }), logger });
  managers.push(manager);
  return manager;
}

const onDisk = async () => (await Promise.all((await readdir(folder)).map((name) => readFile(join(folder, name), 'utf8')))).join('\n');

describe('IntegrationManager with a connection store', () => {
  it('stores a connection on connect, encrypted, and another manager loads it lazily by id', async () => {
    provider.refreshTokens.add('rt_store_a');
    const first = await managerOnStore();
    await first.connect({ id: 'team-a', connector: 'oauthdemo', credentials: { accessToken: 'at_gone', refreshToken: 'rt_store_a', expiresAt: Date.now() - 1 }, config: { baseUrl: provider.api.url, tokenUrl: provider.tokenUrl } });
    expect(await onDisk()).toContain('"connector": "oauthdemo"');
    expect(await onDisk()).not.toContain('rt_store_a');

    const second = await managerOnStore();
    expect(second.listConnections()).toEqual([]);
    expect(await second.execute('team-a', 'me.get')).toMatchObject({ ok: true, data: { login: 'octocat' } });
    expect(second.listConnections()).toEqual([{ id: 'team-a', connector: 'oauthdemo' }]);

    // The rotated refresh token was stored: a third manager refreshes with it, not the spent one.
    const stored = await new FileConnectionStore({ directory: folder, cipher }).get('team-a');
    expect(stored).toMatchObject({ version: 2, credentials: { refreshToken: expect.stringMatching(/^rt_\d+$/) } });
    expect(stored!.credentials.refreshToken).not.toBe('rt_store_a');
    expect(await onDisk()).not.toContain(String(stored!.credentials.refreshToken));
    const third = await managerOnStore();
    expect(await third.execute('team-a', 'me.get')).toMatchObject({ ok: true });
    expect(provider.idp.requests).toHaveLength(1);

    expect(logLines.join('\n')).not.toMatch(/rt_\d|at_\d|rt_store_a/);
  });

  it('answers CONNECTION_NOT_FOUND for an id the store does not hold', async () => {
    const manager = await managerOnStore();
    expect(await manager.execute('nobody', 'me.get')).toMatchObject({ ok: false, error: { code: 'CONNECTION_NOT_FOUND' } });
  });

  it('deletes the stored connection on disconnect, and keeps it on close', async () => {
    const manager = await managerOnStore();
    await manager.connect({ id: 'kept', connector: 'oauthdemo', credentials: { accessToken: 'x' }, config: { baseUrl: provider.api.url } });
    await manager.connect({ id: 'dropped', connector: 'oauthdemo', credentials: { accessToken: 'y' }, config: { baseUrl: provider.api.url } });
    await manager.disconnect('dropped');
    await manager.close();
    expect(await new FileConnectionStore({ directory: folder, cipher }).list()).toEqual([{ id: 'kept', connector: 'oauthdemo' }]);
  });

  it('records needs_reauth, so another process fails fast without asking the token endpoint', async () => {
    const first = await managerOnStore();
    await first.connect({ id: 'revoked', connector: 'oauthdemo', credentials: { accessToken: 'at_x', refreshToken: 'rt_revoked', expiresAt: Date.now() - 1 }, config: { baseUrl: provider.api.url, tokenUrl: provider.tokenUrl } });
    expect(await first.execute('revoked', 'me.get')).toMatchObject({ ok: false, error: { reauthRequired: true } });
    await expect.poll(async () => (await new FileConnectionStore({ directory: folder, cipher }).get('revoked'))?.state).toBe('needs_reauth');

    const second = await managerOnStore();
    expect(await second.execute('revoked', 'me.get')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', reauthRequired: true } });
    expect(second.connectionState('revoked')).toBe('needs_reauth');
    expect(provider.idp.requests).toHaveLength(1);

    // Connecting again with new credentials makes it active everywhere it is loaded next.
    provider.refreshTokens.add('rt_again');
    await second.connect({ id: 'revoked', connector: 'oauthdemo', credentials: { accessToken: 'at_x', refreshToken: 'rt_again', expiresAt: Date.now() - 1 }, config: { baseUrl: provider.api.url, tokenUrl: provider.tokenUrl } });
    const third = await managerOnStore();
    expect(await third.execute('revoked', 'me.get')).toMatchObject({ ok: true });
  });
});
