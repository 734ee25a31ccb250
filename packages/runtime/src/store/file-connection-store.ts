import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { concealFromInspect } from '../auth/conceal-credentials.js';
import type { ConnectionState } from '../auth/connection-state.js';
import { writeFileAtomic } from './atomic-write.js';
import { CredentialCipher } from './credential-cipher.js';
import type { ConnectionRecord, ConnectionStore, PutOptions, StoredConnection } from './connection-store.js';
import { withFileLock } from './file-lock.js';

export interface FileConnectionStoreOptions {
  /** Folder holding one file per connection; created when missing. */
  directory: string;
  /** Default: `CredentialCipher.fromEnvironment()` (`PATCHBAY_ENCRYPTION_KEY`). */
  cipher?: CredentialCipher;
}

/** A connection's file: everything but the credentials in clear, the credentials sealed. */
interface ConnectionFile {
  id: string;
  connector: string;
  config: Record<string, unknown>;
  state?: ConnectionState;
  version: number;
  updatedAt: number;
  credentials: string;
}

const SUFFIX = '.connection.json';

/**
 * The embedded connection store: one file per connection in a local folder, no server and no
 * native module. Each write is atomic (temporary file, fsync, rename, directory fsync) and runs
 * under a per-connection lock file, so processes sharing the folder never lose an update and a
 * crash leaves either the previous record or the new one. Credentials are AES-256-GCM encrypted.
 */
export class FileConnectionStore implements ConnectionStore {
  private readonly directory: string;
  private readonly cipher: CredentialCipher;
  private ready: Promise<unknown> | undefined;

  constructor(options: FileConnectionStoreOptions) {
    this.directory = options.directory;
    this.cipher = options.cipher ?? CredentialCipher.fromEnvironment();
    concealFromInspect(this, 'FileConnectionStore', () => ({ directory: this.directory, keyId: this.cipher.primaryKeyId }));
  }

  async get(id: string): Promise<StoredConnection | undefined> {
    const file = await this.read(id);
    return file && this.open(file);
  }

  async put(record: ConnectionRecord, options: PutOptions = {}): Promise<StoredConnection | undefined> {
    await this.ensureDirectory();
    const path = this.pathOf(record.id);
    return withFileLock(path, async () => {
      const current = await this.read(record.id);
      if (options.expectedVersion !== undefined && (current?.version ?? 0) !== options.expectedVersion) return undefined;
      const file: ConnectionFile = {
        id: record.id,
        connector: record.connector,
        config: record.config,
        ...(record.state && record.state !== 'active' ? { state: record.state } : {}),
        version: (current?.version ?? 0) + 1,
        updatedAt: Date.now(),
        credentials: this.cipher.encrypt(record.credentials, record.id),
      };
      await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
      return { ...record, state: record.state ?? 'active', version: file.version, updatedAt: file.updatedAt };
    });
  }

  async delete(id: string): Promise<void> {
    const path = this.pathOf(id);
    await withFileLock(path, () => unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    })).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async list(): Promise<{ id: string; connector: string }[]> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files = await Promise.all(names.filter((name) => name.endsWith(SUFFIX)).map((name) => this.readPath(join(this.directory, name))));
    return files.filter((file) => file !== undefined).map((file) => ({ id: file.id, connector: file.connector })).sort((a, b) => a.id.localeCompare(b.id));
  }

  async rotateKeys(): Promise<number> {
    let rewritten = 0;
    for (const { id } of await this.list()) {
      const path = this.pathOf(id);
      await withFileLock(path, async () => {
        const file = await this.read(id);
        if (!file || CredentialCipher.keyIdOf(file.credentials) === this.cipher.primaryKeyId) return;
        const credentials = this.cipher.decrypt(file.credentials, id);
        const next: ConnectionFile = { ...file, version: file.version + 1, updatedAt: Date.now(), credentials: this.cipher.encrypt(credentials, id) };
        await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
        rewritten++;
      });
    }
    return rewritten;
  }

  async close(): Promise<void> {}

  private open(file: ConnectionFile): StoredConnection {
    return {
      id: file.id,
      connector: file.connector,
      config: file.config,
      state: file.state ?? 'active',
      version: file.version,
      updatedAt: file.updatedAt,
      credentials: this.cipher.decrypt(file.credentials, file.id) as Record<string, unknown>,
    };
  }

  private read(id: string): Promise<ConnectionFile | undefined> {
    return this.readPath(this.pathOf(id));
  }

  private async readPath(path: string): Promise<ConnectionFile | undefined> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as ConnectionFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  // Dots are escaped too, so no id can name `..` or a temporary file (those start with a dot).
  private pathOf(id: string): string {
    return join(this.directory, `${encodeURIComponent(id).replace(/\./g, '%2E')}${SUFFIX}`);
  }

  private ensureDirectory(): Promise<unknown> {
    this.ready ??= mkdir(this.directory, { recursive: true, mode: 0o700 });
    return this.ready;
  }
}
