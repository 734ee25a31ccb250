import { PatchbayError, type OAuth2Auth } from '@patchbay/contract';
import type { Dispatcher } from 'undici';
import { concealFromInspect } from './conceal-credentials.js';
import { clientCredentialsGrant, usesClientCredentials } from './client-credentials-grant.js';
import type { ConnectionState, RefreshCoordinator } from './connection-state.js';
import { accessTokenOf, clientIdOf, clientSecretOf, mergeTokenResponse, refreshTokenGrant, refreshTokenOf, type Credentials } from './oauth2-grants.js';
import { requestToken } from './token-endpoint.js';

/** Refresh this long before the recorded expiry by default, so a token does not lapse in flight. */
export const DEFAULT_REFRESH_SKEW_MS = 30_000;

export interface OAuth2SessionOptions {
  connectionId: string;
  auth: OAuth2Auth;
  credentials: Credentials;
  /** Token endpoint override (a connection's own identity provider, or a stand-in). */
  tokenUrl?: string;
  dispatcher: () => Dispatcher;
  timeoutMs: number;
  /** Refresh this long before expiry; capped at half the token's lifetime. Default 30 s. */
  refreshSkewMs?: number;
  /**
   * Persists renewed credentials. Awaited before the new access token is used, so a rotated
   * refresh token is stored before anything depends on it.
   */
  onRefreshed: (credentials: Credentials) => void | Promise<void>;
  /** Credentials another process renewed and stored, adopted without a token request. */
  onAdopted?: (credentials: Credentials) => void;
  onStateChange?: (state: ConnectionState, previous: ConnectionState, error?: PatchbayError) => void;
  /** Makes the refresh exclusive across processes; within one process it always is. */
  coordinator?: RefreshCoordinator;
  /** Starts in this state (a connection a store recorded as `needs_reauth`). */
  initialState?: ConnectionState;
}

/**
 * The OAuth 2.0 state of one connection. Renews its access token with the refresh-token grant (or
 * the client-credentials grant) before expiry or after a 401, with exactly one renewal in flight
 * however many calls wait. A refused grant puts the connection in `needs_reauth` for good.
 */
export class OAuth2Session {
  private credentials: Credentials;
  private refreshing: Promise<string> | undefined;
  private current: ConnectionState;
  private reauthReason: string | undefined;
  /** Renewed credentials whose persisting failed: persisted again before they are used. */
  private unpersisted: Credentials | undefined;

  constructor(private readonly options: OAuth2SessionOptions) {
    this.credentials = options.credentials;
    this.current = options.initialState ?? 'active';
    if (this.current === 'needs_reauth') this.reauthReason = 'it was marked as needing re-authorization';
    concealFromInspect(this, 'OAuth2Session', () => ({ state: this.current }));
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** A usable access token, renewing first when the current one has expired (or was never fetched). */
  async accessToken(): Promise<string | undefined> {
    if (this.refreshing) return this.refreshing;
    this.failIfReauthRequired();
    if (this.unpersisted) return this.renew();
    const token = accessTokenOf(this.credentials);
    if (token && !this.expired(this.credentials)) return token;
    if (!this.canRefresh()) return token;
    return this.renew();
  }

  /** Renews after a 401 unless a renewal already replaced the rejected token. */
  async refreshAfterRejection(rejectedToken: string | undefined): Promise<string | undefined> {
    if (this.refreshing) return this.refreshing;
    this.failIfReauthRequired();
    const current = accessTokenOf(this.credentials);
    if (current !== rejectedToken) return current;
    if (!this.canRefresh()) return undefined;
    return this.renew();
  }

  canRefresh(): boolean {
    return refreshTokenOf(this.credentials) !== undefined || usesClientCredentials(this.options.auth, this.credentials);
  }

  /** The API refused the token for good (a 403 `insufficient_scope`): only a new authorization helps. */
  requireReauth(reason: string): void {
    this.reauthReason = reason;
    this.setState('needs_reauth');
  }

  private failIfReauthRequired(): void {
    if (this.current !== 'needs_reauth') return;
    throw new PatchbayError({
      code: 'AUTH_FAILED',
      reauthRequired: true,
      message: `Connection "${this.options.connectionId}" needs to be authorized again (${this.reauthReason}); connect it again with new credentials`,
    });
  }

  /**
   * Expired, or within the skew of expiring. The skew is capped at half the token's lifetime when
   * that is known, so a provider issuing tokens shorter-lived than the skew gets one renewal per
   * token rather than one per call.
   */
  private expired(credentials: Credentials): boolean {
    const expiresAt = epochMs(credentials.expiresAt ?? credentials.expires_at);
    if (expiresAt === undefined) return false;
    const issuedAt = epochMs(credentials.issuedAt);
    const skew = this.options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
    const early = issuedAt === undefined ? skew : Math.min(skew, Math.max(0, expiresAt - issuedAt) / 2);
    return expiresAt - early <= Date.now();
  }

  private renew(): Promise<string> {
    this.refreshing ??= this.renewOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async renewOnce(): Promise<string> {
    this.setState('refreshing');
    try {
      const stale = this.credentials;
      const { coordinator } = this.options;
      const next = coordinator
        ? await coordinator.exclusive(this.options.connectionId, stale, (latest) => this.exchangeUnlessRenewed(latest, stale))
        : await this.exchangeUnlessRenewed(stale, stale);
      if (next !== this.credentials) {
        this.credentials = next;
        this.options.onAdopted?.(next);
      }
      const token = accessTokenOf(next);
      if (!token) throw new PatchbayError({ code: 'AUTH_FAILED', message: `Connection "${this.options.connectionId}" has no access token after renewal` });
      this.setState('active');
      return token;
    } catch (error) {
      const failure = PatchbayError.isInstance(error) ? error : new PatchbayError({ code: 'CONNECTOR_ERROR', message: String((error as Error)?.message ?? error), cause: error });
      if (failure.reauthRequired) {
        this.reauthReason = failure.message;
        this.setState('needs_reauth', failure);
      } else {
        this.setState('error', failure);
      }
      throw failure;
    }
  }

  /**
   * Renews `latest` unless it already differs from what this process found stale (another
   * process renewed it and stored the result): then that is used, with no token request.
   */
  private async exchangeUnlessRenewed(latest: Credentials, stale: Credentials): Promise<Credentials> {
    if (this.unpersisted) return this.persist(this.unpersisted);
    if (latest !== stale && accessTokenOf(latest) !== accessTokenOf(stale) && accessTokenOf(latest) !== undefined && !this.expired(latest)) return latest;
    const { auth } = this.options;
    const clientCredentials = usesClientCredentials(auth, latest);
    const answer = await requestToken({
      auth,
      url: new URL(this.options.tokenUrl ?? (clientCredentials ? auth.tokenUrl : (auth.refreshUrl ?? auth.tokenUrl))),
      parameters: clientCredentials ? clientCredentialsGrant(auth, latest) : refreshTokenGrant(latest),
      clientId: clientIdOf(latest),
      clientSecret: clientSecretOf(latest),
      dispatcher: this.options.dispatcher(),
      timeoutMs: this.options.timeoutMs,
    });
    const accessToken = answer.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new PatchbayError({ code: 'AUTH_FAILED', status: 200, message: `The token endpoint of connection "${this.options.connectionId}" answered without an access_token` });
    }
    return this.persist(mergeTokenResponse(latest, answer, accessToken));
  }

  private async persist(next: Credentials): Promise<Credentials> {
    try {
      await this.options.onRefreshed(next);
    } catch (cause) {
      // The provider may have rotated the refresh token: keep it, and store it before using it.
      this.unpersisted = next;
      throw new PatchbayError({
        code: 'CONNECTOR_ERROR',
        retryable: true,
        message: `Connection "${this.options.connectionId}": renewed credentials could not be stored (${(cause as Error)?.message ?? cause}); they are kept in memory and stored before use`,
        cause,
      });
    }
    this.unpersisted = undefined;
    this.credentials = next;
    return next;
  }

  private setState(state: ConnectionState, error?: PatchbayError): void {
    const previous = this.current;
    if (previous === state) return;
    this.current = state;
    this.options.onStateChange?.(state, previous, error);
  }
}

function epochMs(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : Date.parse(String(raw));
  return Number.isNaN(value) ? undefined : value;
}
