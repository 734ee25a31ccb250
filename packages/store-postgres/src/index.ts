export { PostgresConnectionStore } from './postgres-connection-store.js';
export type { PostgresConnectionStoreOptions } from './postgres-connection-store.js';
