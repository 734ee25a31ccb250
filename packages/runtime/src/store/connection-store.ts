import type { ConnectionState } from '../auth/connection-state.js';

/** A connection as a store holds it; `credentials` in plain form here, encrypted at rest by the store. */
export interface ConnectionRecord {
  id: string;
  connector: string;
  credentials: Record<string, unknown>;
  config: Record<string, unknown>;
  /** The state last recorded (`needs_reauth` survives a restart). Default `active`. */
  state?: ConnectionState;
}

/** A stored connection: the record plus its version, which every write increments. */
export interface StoredConnection extends ConnectionRecord {
  /** Starts at 1; a compare-and-set write names the version it replaces. */
  version: number;
  /** Epoch milliseconds of the last write. */
  updatedAt: number;
}

export interface PutOptions {
  /**
   * Write only if the stored version is this one (0: only if there is none). Resolves `undefined`
   * when another writer got there first, so a credential rotation never overwrites a newer one.
   */
  expectedVersion?: number;
}

/**
 * Where an `IntegrationManager` keeps connections between runs and shares them between
 * processes. `FileConnectionStore` (here) needs no server; `@patchbay/store-postgres` is the
 * production one. Implementations encrypt credentials at rest (`CredentialCipher`).
 */
export interface ConnectionStore {
  get(id: string): Promise<StoredConnection | undefined>;
  /** Writes a record, returning it with its new version; `undefined` when `expectedVersion` did not match. */
  put(record: ConnectionRecord, options?: PutOptions): Promise<StoredConnection | undefined>;
  /** Removes a connection; removing an unknown one is not an error. */
  delete(id: string): Promise<void>;
  /** Every stored connection's id and connector (credentials are not decrypted). */
  list(): Promise<{ id: string; connector: string }[]>;
  /** Re-encrypts every record with the cipher's primary key; resolves with how many were rewritten. */
  rotateKeys(): Promise<number>;
  close(): Promise<void>;
}
