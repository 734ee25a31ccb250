import { PatchbayError, type ConnectionContext } from '@patchbay/contract';
import { concealCredentials } from '../auth/conceal-credentials.js';
import type { ConnectionState } from '../auth/connection-state.js';
import type { HydratedConnection } from '../framework/connector-framework.js';
import type { ConnectionStore } from '../store/connection-store.js';

/** A connection as the manager holds it in memory. */
export interface ManagedConnection {
  connector: string;
  context: ConnectionContext;
  hydrated: Promise<HydratedConnection> | undefined;
  /** The settled value of `hydrated`, so later calls skip a microtask on the hot path. */
  ready: HydratedConnection | undefined;
  state: ConnectionState;
  /** The store's version of the record this connection was read from or written as. */
  version: number | undefined;
}

/**
 * The manager's connections in this process, and their records in the store when there is one:
 * loading by id (once, however many calls ask at the same time), and writing renewed credentials
 * and states back with a compare-and-set on the record's version.
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, ManagedConnection>();
  private readonly loading = new Map<string, Promise<ManagedConnection | undefined>>();

  constructor(readonly store: ConnectionStore | undefined) {}

  get(id: string): ManagedConnection | undefined {
    return this.connections.get(id);
  }

  ids(): string[] {
    return [...this.connections.keys()];
  }

  entries(): [string, ManagedConnection][] {
    return [...this.connections];
  }

  /** The connection, loaded from the store when this process has not seen it. */
  async load(id: string): Promise<ManagedConnection | undefined> {
    const known = this.connections.get(id);
    if (known || !this.store) return known;
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.store.get(id).then((stored) => {
        // A connect that ran meanwhile wins over what was read before it.
        const current = this.connections.get(id);
        if (current || !stored) return current;
        return this.register(stored.id, stored.connector, stored.credentials, stored.config, stored.state ?? 'active', stored.version);
      }).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  register(id: string, connector: string, credentials: Record<string, unknown>, config: Record<string, unknown>, state: ConnectionState, version: number | undefined): ManagedConnection {
    const connection: ManagedConnection = { connector, context: concealCredentials({ id, credentials, config }), hydrated: undefined, ready: undefined, state, version };
    this.connections.set(id, connection);
    return connection;
  }

  /** Forgets a connection in this process only (the store keeps it) and releases its limiters. */
  async release(id: string): Promise<void> {
    const connection = this.connections.get(id);
    if (!connection) return;
    this.connections.delete(id);
    const hydrated = await connection.hydrated?.catch(() => undefined);
    await hydrated?.client?.close();
  }

  /** Whether `connection` still speaks for its id (a replaced one's late refresh does not). */
  isCurrent(connection: ManagedConnection): boolean {
    return this.connections.get(connection.context.id) === connection;
  }

  /**
   * Stores renewed credentials (or a new state) over the version this connection holds. A newer
   * version written meanwhile by another process is read and written over: these credentials
   * were just issued, so they are valid.
   */
  async persist(connection: ManagedConnection, credentials: Record<string, unknown>, state: ConnectionState): Promise<void> {
    const store = this.store;
    if (!store) return;
    const record = { id: connection.context.id, connector: connection.connector, credentials, config: connection.context.config ?? {}, state };
    for (let attempt = 0; attempt < 5; attempt++) {
      const written = await store.put(record, { expectedVersion: connection.version ?? 0 });
      if (written) {
        connection.version = written.version;
        return;
      }
      const latest = await store.get(record.id);
      if (!latest) throw new PatchbayError({ code: 'CONNECTION_NOT_FOUND', message: `Connection "${record.id}" was deleted from the store while its credentials were renewed` });
      connection.version = latest.version;
    }
    throw new PatchbayError({ code: 'CONNECTOR_ERROR', retryable: true, message: `Connection "${record.id}" kept changing in the store; renewed credentials not stored` });
  }
}
