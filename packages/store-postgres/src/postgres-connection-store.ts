import { PatchbayError } from '@patchbay/contract';
import { CredentialCipher, type ConnectionRecord, type ConnectionState, type ConnectionStore, type PutOptions, type StoredConnection } from '@patchbay/runtime';
import pg from 'pg';

export interface PostgresConnectionStoreOptions {
  /** `postgres://user:password@host:port/database`; or give `pool`. */
  connectionString?: string;
  /** A pool the app owns (not ended by `close()`). */
  pool?: pg.Pool;
  /** Table holding the connections, created on first use. Default `patchbay_connections`. */
  table?: string;
  /** Default: `CredentialCipher.fromEnvironment()` (`PATCHBAY_ENCRYPTION_KEY`). */
  cipher?: CredentialCipher;
}

interface Row {
  id: string;
  connector: string;
  config: Record<string, unknown>;
  state: ConnectionState;
  credentials: string;
  version: number;
  updated_at: Date;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The production connection store: one row per connection in PostgreSQL, credentials sealed with
 * AES-256-GCM (the key id in its own column, so a rotation finds the rows to rewrite). Every write
 * increments the row's version; a compare-and-set write is one `UPDATE … WHERE version = $n`, so
 * processes on many machines never overwrite a newer credential.
 */
export class PostgresConnectionStore implements ConnectionStore {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly table: string;
  private readonly cipher: CredentialCipher;
  private ready: Promise<void> | undefined;

  constructor(options: PostgresConnectionStoreOptions) {
    const table = options.table ?? 'patchbay_connections';
    if (!IDENTIFIER.test(table)) {
      throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Table name ${JSON.stringify(table)} must be a lower-case SQL identifier (letters, digits, "_")` });
    }
    if (!options.pool && !options.connectionString) throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'PostgresConnectionStore needs a connectionString or a pool' });
    this.table = table;
    this.cipher = options.cipher ?? CredentialCipher.fromEnvironment();
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 4 });
    // An idle client's network error must not crash the app; the next query reports it.
    if (this.ownsPool) this.pool.on('error', () => undefined);
    // The pool's options hold the connection string (and its password): never print them.
    Object.defineProperty(this, 'pool', { enumerable: false });
    Object.defineProperty(this, Symbol.for('nodejs.util.inspect.custom'), { value: () => `PostgresConnectionStore { table: '${this.table}', keyId: '${this.cipher.primaryKeyId}' }` });
  }

  async get(id: string): Promise<StoredConnection | undefined> {
    await this.ensureTable();
    const { rows } = await this.pool.query<Row>(`SELECT id, connector, config, state, credentials, version, updated_at FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0] && this.open(rows[0]);
  }

  async put(record: ConnectionRecord, options: PutOptions = {}): Promise<StoredConnection | undefined> {
    await this.ensureTable();
    const sealed = this.cipher.encrypt(record.credentials, record.id);
    const values = [record.id, record.connector, JSON.stringify(record.config), record.state ?? 'active', sealed, this.cipher.primaryKeyId];
    const columns = '(id, connector, config, state, credentials, key_id, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, now())';
    let query: string;
    if (options.expectedVersion === undefined) {
      query = `INSERT INTO ${this.table} ${columns} ON CONFLICT (id) DO UPDATE SET connector = $2, config = $3, state = $4, credentials = $5, key_id = $6, version = ${this.table}.version + 1, updated_at = now() RETURNING version, updated_at`;
    } else if (options.expectedVersion === 0) {
      query = `INSERT INTO ${this.table} ${columns} ON CONFLICT (id) DO NOTHING RETURNING version, updated_at`;
    } else {
      query = `UPDATE ${this.table} SET connector = $2, config = $3, state = $4, credentials = $5, key_id = $6, version = version + 1, updated_at = now() WHERE id = $1 AND version = $7 RETURNING version, updated_at`;
      values.push(String(options.expectedVersion));
    }
    const { rows } = await this.pool.query<Pick<Row, 'version' | 'updated_at'>>(query, values);
    const written = rows[0];
    if (!written) return undefined;
    return { ...record, state: record.state ?? 'active', version: written.version, updatedAt: written.updated_at.getTime() };
  }

  async delete(id: string): Promise<void> {
    await this.ensureTable();
    await this.pool.query(`DELETE FROM ${this.table} WHERE id = $1`, [id]);
  }

  async list(): Promise<{ id: string; connector: string }[]> {
    await this.ensureTable();
    const { rows } = await this.pool.query<Pick<Row, 'id' | 'connector'>>(`SELECT id, connector FROM ${this.table}`);
    return rows.map((row) => ({ id: row.id, connector: row.connector })).sort((a, b) => a.id.localeCompare(b.id));
  }

  async rotateKeys(): Promise<number> {
    await this.ensureTable();
    const { rows } = await this.pool.query<Pick<Row, 'id' | 'credentials' | 'version'>>(`SELECT id, credentials, version FROM ${this.table} WHERE key_id <> $1`, [this.cipher.primaryKeyId]);
    let rewritten = 0;
    for (const row of rows) {
      const sealed = this.cipher.encrypt(this.cipher.decrypt(row.credentials, row.id), row.id);
      // A row written meanwhile was written with the primary key already.
      const result = await this.pool.query(`UPDATE ${this.table} SET credentials = $2, key_id = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $4`, [row.id, sealed, this.cipher.primaryKeyId, row.version]);
      rewritten += result.rowCount ?? 0;
    }
    return rewritten;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private open(row: Row): StoredConnection {
    return {
      id: row.id,
      connector: row.connector,
      config: row.config,
      state: row.state,
      version: row.version,
      updatedAt: row.updated_at.getTime(),
      credentials: this.cipher.decrypt(row.credentials, row.id) as Record<string, unknown>,
    };
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTable(): Promise<void> {
    const statement = `CREATE TABLE IF NOT EXISTS ${this.table} (
      id text PRIMARY KEY,
      connector text NOT NULL,
      config jsonb NOT NULL,
      state text NOT NULL DEFAULT 'active',
      credentials text NOT NULL,
      key_id text NOT NULL,
      version integer NOT NULL,
      updated_at timestamptz NOT NULL
    )`;
    try {
      await this.pool.query(statement);
    } catch (error) {
      // Two processes creating the table at once: one loses on the catalog's unique index.
      if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42P07') throw error;
    }
  }
}
