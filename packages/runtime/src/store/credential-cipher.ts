import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PatchbayError } from '@patchbay/contract';

/** The environment variable holding the encryption keys of stored credentials. */
export const ENCRYPTION_KEY_VARIABLE = 'PATCHBAY_ENCRYPTION_KEY';

const FORMAT = 'pb1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * Encrypts credentials at rest with AES-256-GCM. Each ciphertext names the key that sealed it
 * (`pb1.<keyId>.<iv>.<tag>.<data>`, base64url), so several keys can be readable at once: new
 * writes use the primary (first) key, older ciphertexts stay readable with the others until a
 * store's `rotateKeys()` re-encrypts them. The connection id is bound in as associated data, so a
 * ciphertext copied onto another connection does not decrypt. Keys never appear in output.
 */
export class CredentialCipher {
  private readonly keys: Map<string, Buffer>;
  readonly primaryKeyId: string;

  /** `keys`: key id → 32-byte key; the first entry is the primary. */
  constructor(keys: [string, Buffer][]) {
    if (keys.length === 0) throw configurationError('no key was given');
    for (const [id, key] of keys) {
      if (!/^[\w-]{1,32}$/.test(id)) throw configurationError(`key id ${JSON.stringify(id)} must be 1-32 letters, digits, "_" or "-"`);
      if (key.length !== KEY_BYTES) throw configurationError(`key "${id}" is ${key.length} bytes; AES-256 needs ${KEY_BYTES} (base64 of 32 random bytes: \`openssl rand -base64 32\`)`);
    }
    this.keys = new Map(keys);
    this.primaryKeyId = keys[0]![0];
    Object.defineProperty(this, 'keys', { enumerable: false });
  }

  /**
   * Reads `PATCHBAY_ENCRYPTION_KEY`: a base64 32-byte key, or several `keyId:base64key` entries
   * separated by commas, the primary first (`k2:…,k1:…` while rotating from k1 to k2). A bare key's
   * id is derived from the key itself.
   */
  static fromEnvironment(environment: Record<string, string | undefined> = process.env): CredentialCipher {
    const value = environment[ENCRYPTION_KEY_VARIABLE]?.trim();
    if (!value) throw configurationError(`${ENCRYPTION_KEY_VARIABLE} is not set; set it to a base64 32-byte key (\`openssl rand -base64 32\`)`);
    return new CredentialCipher(value.split(',').map((entry) => parseKeyEntry(entry.trim())));
  }

  encrypt(value: unknown, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.primaryKeyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [FORMAT, this.primaryKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string, associatedData: string): unknown {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw decryptError('it is not a Patchbay ciphertext');
    const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw decryptError(`it was sealed with key "${keyId}", which ${ENCRYPTION_KEY_VARIABLE} does not hold`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    } catch (cause) {
      throw decryptError('authentication failed (wrong key, altered data, or another connection\'s ciphertext)', cause);
    }
  }

  /** The id of the key that sealed a ciphertext, to tell which records a rotation must rewrite. */
  static keyIdOf(sealed: string): string | undefined {
    const parts = sealed.split('.');
    return parts.length === 5 && parts[0] === FORMAT ? parts[1] : undefined;
  }
}

function parseKeyEntry(entry: string): [string, Buffer] {
  const separator = entry.indexOf(':');
  const encoded = separator === -1 ? entry : entry.slice(separator + 1);
  const key = Buffer.from(encoded, 'base64');
  const id = separator === -1 ? `k${createHash('sha256').update(key).digest('hex').slice(0, 8)}` : entry.slice(0, separator);
  return [id, key];
}

function configurationError(reason: string): PatchbayError {
  return new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Credential encryption is not configured: ${reason}` });
}

function decryptError(reason: string, cause?: unknown): PatchbayError {
  return new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Stored credentials could not be decrypted: ${reason}`, cause });
}
