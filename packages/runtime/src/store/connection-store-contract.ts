import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ConnectionStore } from './connection-store.js';
import { CredentialCipher } from './credential-cipher.js';

/** One empty storage (a folder, a database schema) that a contract case opens stores on. */
export interface StoreContractTarget {
  /** A store over this storage, encrypting with `cipher`; several may be open at once. */
  open(cipher: CredentialCipher): ConnectionStore;
  /** Everything the storage holds, as text, to check that no credential is stored in clear. */
  raw(): Promise<string>;
}

export interface StoreContractCase {
  name: string;
  run(target: StoreContractTarget): Promise<void>;
}

const SECRET = 'xoxb-contract-secret-4242';

function cipherWith(...ids: string[]): CredentialCipher {
  return new CredentialCipher(ids.map((id) => [id, keyFor(id)]));
}

// Fixed per id within a run, so a store reopened with the same id reads what was written.
const keys = new Map<string, Buffer>();
function keyFor(id: string): Buffer {
  if (!keys.has(id)) keys.set(id, randomBytes(32));
  return keys.get(id)!;
}

const record = (id: string, credentials: Record<string, unknown> = { accessToken: SECRET, refreshToken: `${SECRET}-refresh` }) => ({
  id,
  connector: 'slack',
  credentials,
  config: { baseUrl: 'https://slack.com/api' },
});

/**
 * The behaviour every `ConnectionStore` must have, as framework-free cases (node:assert), so each
 * store package runs the same checks: `for (const c of connectionStoreContract) it(c.name, …)`.
 */
export const connectionStoreContract: StoreContractCase[] = [
  {
    name: 'stores and reads back a connection, version 1, state active',
    async run(target) {
      const store = target.open(cipherWith('a'));
      const written = await store.put(record('conn-1'));
      assert.equal(written?.version, 1);
      const read = await store.get('conn-1');
      assert.deepEqual({ ...read, updatedAt: 0 }, { ...record('conn-1'), state: 'active', version: 1, updatedAt: 0 });
      assert.equal(await store.get('missing'), undefined);
    },
  },
  {
    name: 'encrypts credentials at rest: the storage never holds them in clear',
    async run(target) {
      const store = target.open(cipherWith('a'));
      await store.put(record('conn-1'));
      const raw = await target.raw();
      assert.ok(raw.includes('conn-1') && raw.includes('slack'), 'the record is in the storage');
      assert.ok(!raw.includes(SECRET), 'a credential is stored in clear');
    },
  },
  {
    name: 'writes with a compare-and-set on the version',
    async run(target) {
      const store = target.open(cipherWith('a'));
      assert.equal((await store.put(record('conn-1'), { expectedVersion: 0 }))?.version, 1);
      assert.equal(await store.put(record('conn-1'), { expectedVersion: 0 }), undefined);
      assert.equal((await store.put(record('conn-1', { accessToken: 'second' }), { expectedVersion: 1 }))?.version, 2);
      assert.equal(await store.put(record('conn-1', { accessToken: 'stale' }), { expectedVersion: 1 }), undefined);
      assert.deepEqual((await store.get('conn-1'))?.credentials, { accessToken: 'second' });
      assert.equal((await store.put(record('conn-1', { accessToken: 'third' })))?.version, 3);
    },
  },
  {
    name: 'lets exactly one of many concurrent compare-and-set writers win',
    async run(target) {
      const stores = [target.open(cipherWith('a')), target.open(cipherWith('a'))];
      await stores[0]!.put(record('conn-1'));
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, index) => stores[index % 2]!.put(record('conn-1', { accessToken: `writer-${index}` }), { expectedVersion: 1 })),
      );
      const winners = outcomes.filter((outcome) => outcome !== undefined);
      assert.equal(winners.length, 1);
      assert.deepEqual((await stores[1]!.get('conn-1'))?.credentials, winners[0]!.credentials);
      assert.equal((await stores[1]!.get('conn-1'))?.version, 2);
    },
  },
  {
    name: 'deletes a connection, and deleting an unknown one is not an error',
    async run(target) {
      const store = target.open(cipherWith('a'));
      await store.put(record('conn-1'));
      await store.delete('conn-1');
      await store.delete('conn-1');
      assert.equal(await store.get('conn-1'), undefined);
      assert.equal((await store.put(record('conn-1'), { expectedVersion: 0 }))?.version, 1);
    },
  },
  {
    name: 'lists connections by id and connector, and keeps odd ids apart',
    async run(target) {
      const store = target.open(cipherWith('a'));
      const ids = ['b', 'a/../b', '..', 'ünï cødé', 'a'];
      for (const id of ids) await store.put({ ...record(id), connector: `connector-of-${id}` });
      assert.deepEqual(await store.list(), [...ids].sort((x, y) => x.localeCompare(y)).map((id) => ({ id, connector: `connector-of-${id}` })));
      for (const id of ids) assert.equal((await store.get(id))?.id, id);
    },
  },
  {
    name: 'keeps a needs_reauth state',
    async run(target) {
      const store = target.open(cipherWith('a'));
      await store.put({ ...record('conn-1'), state: 'needs_reauth' });
      assert.equal((await target.open(cipherWith('a')).get('conn-1'))?.state, 'needs_reauth');
    },
  },
  {
    name: 'reads old keys after a key change and re-encrypts with the primary in rotateKeys()',
    async run(target) {
      await target.open(cipherWith('old')).put(record('conn-1'));
      await target.open(cipherWith('old')).put(record('conn-2'));
      const rotating = target.open(cipherWith('new', 'old'));
      assert.deepEqual((await rotating.get('conn-1'))?.credentials, record('conn-1').credentials);
      await rotating.put(record('conn-3'));
      assert.equal(await rotating.rotateKeys(), 2);
      assert.equal(await rotating.rotateKeys(), 0);
      const rotated = target.open(cipherWith('new'));
      for (const id of ['conn-1', 'conn-2', 'conn-3']) assert.deepEqual((await rotated.get(id))?.credentials, record(id).credentials);
      await assert.rejects(target.open(cipherWith('old')).get('conn-1'), /sealed with key "new"/);
    },
  },
  {
    name: 'refuses a ciphertext under the wrong key, naming neither key nor credential',
    async run(target) {
      await target.open(cipherWith('a')).put(record('conn-1'));
      const stranger = new CredentialCipher([['a', randomBytes(32)]]);
      await assert.rejects(target.open(stranger).get('conn-1'), (error: Error) => {
        assert.match(error.message, /could not be decrypted/);
        assert.ok(!error.message.includes(SECRET));
        return true;
      });
    },
  },
];
