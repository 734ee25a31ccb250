import { randomUUID } from 'node:crypto';
import { PatchbayError, type ConnectorCatalog } from '@patchbay/contract';
import type { Dispatcher } from 'undici';
import { authorizationUrl, exchangeAuthorizationCode, oauth2AuthOf, type OAuthClientConfig } from '../auth/authorization-code-flow.js';
import { createPkcePair, createState } from '../auth/pkce.js';

export interface CreateAuthorizationOptions {
  connector: string;
  /** Where the provider sends the user back; default the client's `redirectUri`. */
  redirectUri?: string;
  /** Default: the connector's `defaultScopes`. */
  scopes?: string[];
  /** Scopes for the user's own token, where the provider has them (Slack's `user_scope`). */
  userScopes?: string[];
  /** The id the connection gets when the authorization completes; default a random one. */
  connectionId?: string;
  /** Config the connection gets (a base URL, a region), merged under what the provider tells. */
  config?: Record<string, unknown>;
}

export interface AuthorizationStart {
  /** Send the user here. */
  url: string;
  /** Comes back on the callback; the manager also remembers it for 10 minutes. */
  state: string;
  /** The PKCE verifier (when the provider uses PKCE), for apps that keep it in their own session. */
  codeVerifier?: string;
  connectionId: string;
}

export interface CompleteAuthorizationOptions {
  /** The callback's `state` query parameter. */
  state: string;
  /** The callback's `code` query parameter. */
  code: string;
  /**
   * For an app that runs the callback in another process than the start: what
   * `createAuthorizationUrl` returned and was given, kept in the app's session. The app must have
   * checked that the callback's `state` is the one it stored.
   */
  started?: CreateAuthorizationOptions & { codeVerifier?: string; connectionId: string; expectedState: string };
}

interface Pending extends CreateAuthorizationOptions {
  connectionId: string;
  redirectUri: string;
  codeVerifier: string | undefined;
  expiresAt: number;
}

const PENDING_MS = 10 * 60_000;

export interface AuthorizationFlowHost {
  catalog(connector: string): ConnectorCatalog | undefined;
  clients: Record<string, OAuthClientConfig> | undefined;
  dispatcher(): Dispatcher;
  timeoutMs: number;
  connect(options: { id: string; connector: string; credentials: Record<string, unknown>; config: Record<string, unknown> }): Promise<unknown>;
}

/**
 * The authorization-code flow of an app's "connect your account" button: `create` makes the
 * provider URL (with `state` and, where the provider takes it, a PKCE S256 challenge) and
 * remembers the attempt; `complete` checks the callback's `state`, exchanges the code and
 * connects (and so stores) the connection.
 */
export class AuthorizationFlows {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly host: AuthorizationFlowHost) {}

  create(options: CreateAuthorizationOptions): AuthorizationStart {
    const { auth, client } = this.providerOf(options.connector);
    const redirectUri = options.redirectUri ?? client.redirectUri;
    if (!redirectUri) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `No redirectUri for ${options.connector}: pass one or set oauthClients.${options.connector}.redirectUri` });
    const state = createState();
    const pkce = auth.pkce ? createPkcePair() : undefined;
    const url = authorizationUrl(auth, client, { redirectUri, state, scopes: options.scopes, userScopes: options.userScopes, codeChallenge: pkce?.codeChallenge });
    const connectionId = options.connectionId ?? `${options.connector}-${randomUUID()}`;
    const now = Date.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(key);
    this.pending.set(state, { ...options, connectionId, redirectUri, codeVerifier: pkce?.codeVerifier, expiresAt: now + PENDING_MS });
    return { url: url.toString(), state, connectionId, ...(pkce ? { codeVerifier: pkce.codeVerifier } : {}) };
  }

  async complete(options: CompleteAuthorizationOptions): Promise<{ id: string; connector: string }> {
    const attempt = this.takePending(options);
    const { auth, client } = this.providerOf(attempt.connector);
    const result = await exchangeAuthorizationCode(auth, client, {
      code: options.code,
      redirectUri: attempt.redirectUri,
      codeVerifier: attempt.codeVerifier,
      dispatcher: this.host.dispatcher(),
      timeoutMs: this.host.timeoutMs,
    });
    await this.host.connect({ id: attempt.connectionId, connector: attempt.connector, credentials: result.credentials, config: { ...attempt.config, ...result.config } });
    return { id: attempt.connectionId, connector: attempt.connector };
  }

  private takePending(options: CompleteAuthorizationOptions): Pending {
    const remembered = this.pending.get(options.state);
    if (remembered) {
      // One use only: a replayed callback finds nothing.
      this.pending.delete(options.state);
      if (remembered.expiresAt > Date.now()) return remembered;
    }
    const started = options.started;
    if (started && started.expectedState === options.state) {
      const redirectUri = started.redirectUri ?? this.providerOf(started.connector).client.redirectUri;
      if (redirectUri) return { ...started, redirectUri, codeVerifier: started.codeVerifier, expiresAt: Infinity };
    }
    throw new PatchbayError({ code: 'AUTH_FAILED', message: 'The authorization callback\'s state is unknown, expired or already used; start the authorization again' });
  }

  private providerOf(connector: string) {
    const catalog = this.host.catalog(connector);
    if (!catalog) throw new PatchbayError({ code: 'CONNECTOR_NOT_FOUND', message: `No connector "${connector}"` });
    const auth = oauth2AuthOf(catalog.auth);
    if (!auth) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `Connector "${connector}" does not authenticate with OAuth2` });
    const client = this.host.clients?.[connector];
    if (!client) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `No OAuth client for "${connector}": set oauthClients.${connector} = { clientId, clientSecret } in IntegrationManager.create` });
    return { auth, client };
  }
}
