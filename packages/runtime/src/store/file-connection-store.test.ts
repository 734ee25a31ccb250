import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionStoreContract } from './connection-store-contract.js';
import { CredentialCipher } from './credential-cipher.js';
import { FileConnectionStore } from './file-connection-store.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function emptyFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'patchbay-store-'));
  folders.push(folder);
  return folder;
}

describe('FileConnectionStore: the connection store contract', () => {
  for (const contractCase of connectionStoreContract) {
    it(contractCase.name, async () => {
      const directory = join(await emptyFolder(), 'connections');
      await contractCase.run({
        open: (cipher) => new FileConnectionStore({ directory, cipher }),
        raw: async () => {
          const names = await readdir(directory);
          return (await Promise.all(names.map((name) => readFile(join(directory, name), 'utf8')))).join('\n') + names.join('\n');
        },
      });
    });
  }
});

describe('FileConnectionStore', () => {
  it('leaves no temporary or lock file behind and keeps files private to the user', async () => {
    const directory = await emptyFolder();
    const store = new FileConnectionStore({ directory, cipher: new CredentialCipher([['k1', Buffer.alloc(32, 7)]]) });
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.put({ id: 'conn', connector: 'slack', credentials: { accessToken: `t${index}` }, config: {} })));
    expect(await readdir(directory)).toEqual(['conn.connection.json']);
    expect((await store.get('conn'))?.version).toBe(20);
    expect((await stat(join(directory, 'conn.connection.json'))).mode & 0o777).toBe(0o600);
  });

  it('reads its key from PATCHBAY_ENCRYPTION_KEY and never prints it', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const store = new FileConnectionStore({ directory: '/nonexistent', cipher: CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: key }) });
    expect(inspect(store)).not.toContain(key);
    expect(JSON.stringify(CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: key }))).not.toContain(key);
    expect(() => new FileConnectionStore({ directory: '/nonexistent', cipher: CredentialCipher.fromEnvironment({}) })).toThrow(/PATCHBAY_ENCRYPTION_KEY is not set/);
  });
});
