import type { PatchbayError } from '@patchbay/contract';

/**
 * Where a connection's credentials stand.
 * - `active`: usable; calls go out.
 * - `refreshing`: a token refresh (or client-credentials fetch) is in flight; calls wait for it.
 * - `needs_reauth`: the grant was refused (`invalid_grant`, revoked, insufficient scope). Calls fail
 *   fast with `AUTH_FAILED` and `reauthRequired: true` and the token endpoint is not called again
 *   until the connection's credentials are replaced.
 * - `error`: the last refresh failed for another reason (token endpoint down, credentials not
 *   persisted); the next call tries again.
 */
export type ConnectionState = 'active' | 'refreshing' | 'needs_reauth' | 'error';

export interface ConnectionStateChange {
  connectionId: string;
  state: ConnectionState;
  previous: ConnectionState;
  /** Why the connection left `active`, credentials redacted. */
  error?: PatchbayError;
}

/**
 * Lets processes that share connections run one token refresh at a time per connection (see
 * `createRedisRefreshCoordinator`). `refresh` receives the newest stored credentials; the others
 * wait and get the credentials the winner stored.
 */
export interface RefreshCoordinator {
  exclusive(connectionId: string, stale: Record<string, unknown>, refresh: (latest: Record<string, unknown>) => Promise<Record<string, unknown>>, signal?: AbortSignal): Promise<Record<string, unknown>>;
}
