import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher } from './credential-cipher.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('CredentialCipher', () => {
  it('round-trips a value with AES-256-GCM, naming the key in the ciphertext', () => {
    const cipher = new CredentialCipher([['a', keyA]]);
    const sealed = cipher.encrypt({ accessToken: 'secret-token' }, 'conn-1');
    expect(sealed).toMatch(/^pb1\.a\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('secret-token');
    expect(cipher.decrypt(sealed, 'conn-1')).toEqual({ accessToken: 'secret-token' });
    expect(CredentialCipher.keyIdOf(sealed)).toBe('a');
    // A fresh IV each time.
    expect(cipher.encrypt({ accessToken: 'secret-token' }, 'conn-1')).not.toBe(sealed);
  });

  it('refuses a ciphertext moved to another connection or altered', () => {
    const cipher = new CredentialCipher([['a', keyA]]);
    const sealed = cipher.encrypt({ accessToken: 'secret-token' }, 'conn-1');
    expect(() => cipher.decrypt(sealed, 'conn-2')).toThrow(/could not be decrypted: authentication failed/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'conn-1')).toThrow(/authentication failed/);
  });

  it('encrypts with the primary key and decrypts with any key it holds', () => {
    const old = new CredentialCipher([['a', keyA]]).encrypt({ n: 1 }, 'c');
    const rotating = new CredentialCipher([['b', keyB], ['a', keyA]]);
    expect(rotating.decrypt(old, 'c')).toEqual({ n: 1 });
    expect(CredentialCipher.keyIdOf(rotating.encrypt({ n: 2 }, 'c'))).toBe('b');
    expect(() => new CredentialCipher([['b', keyB]]).decrypt(old, 'c')).toThrow(/sealed with key "a"/);
  });

  it('reads one bare key or several `id:key` entries from the environment', () => {
    const bare = CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: keyA.toString('base64') });
    expect(bare.primaryKeyId).toMatch(/^k[0-9a-f]{8}$/);
    const several = CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: `b:${keyB.toString('base64')}, a:${keyA.toString('base64')}` });
    expect(several.primaryKeyId).toBe('b');
  });

  it('explains a missing or malformed key without printing it', () => {
    expect(() => CredentialCipher.fromEnvironment({})).toThrow(/PATCHBAY_ENCRYPTION_KEY is not set/);
    const short = Buffer.from('short-key').toString('base64');
    expect(() => CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: short })).toThrow(/is 9 bytes; AES-256 needs 32/);
    let message = '';
    expect(() => {
      try {
        CredentialCipher.fromEnvironment({ PATCHBAY_ENCRYPTION_KEY: `x:${short}` });
      } catch (error) {
        message = (error as Error).message;
        throw error;
      }
    }).toThrow(/key "x" is 9 bytes/);
    expect(message).not.toContain(short);
  });
});
