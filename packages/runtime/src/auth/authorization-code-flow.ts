import { PatchbayError, type ConnectorAuth, type OAuth2Auth } from '@patchbay/contract';
import type { Dispatcher } from 'undici';
import { sendRequest } from '../http/send-request.js';
import { mergeTokenResponse, scopeParameter, type Credentials } from './oauth2-grants.js';
import { requestToken, type TokenResponse } from './token-endpoint.js';

/** An app's OAuth client at one provider, and endpoint overrides (a sandbox, a stand-in). */
export interface OAuthClientConfig {
  clientId: string;
  /** Absent for a public client (PKCE only). */
  clientSecret?: string;
  /** Default redirect URI, when `createAuthorizationUrl` is not given one. */
  redirectUri?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  accessibleResourcesUrl?: string;
}

/** The connector's OAuth2 declaration: its auth, or the OAuth2 alternative of another strategy (Jira). */
export function oauth2AuthOf(auth: ConnectorAuth): OAuth2Auth | undefined {
  if (auth.strategy === 'oauth2') return auth;
  return auth.alternatives?.find((alternative): alternative is OAuth2Auth => alternative.strategy === 'oauth2');
}

export interface AuthorizationUrlOptions {
  redirectUri: string;
  state: string;
  scopes?: readonly string[];
  /** Scopes for the user's own token (Slack's `user_scope`). */
  userScopes?: readonly string[];
  codeChallenge?: string;
}

/**
 * The URL to send the user to (RFC 6749 §4.1.1): client id, redirect URI, scopes joined the
 * provider's way, `state`, the PKCE challenge (S256) when there is one, and the provider's own
 * fixed parameters (Google's offline access and consent prompt, Notion's `owner=user`).
 */
export function authorizationUrl(auth: OAuth2Auth, client: OAuthClientConfig, options: AuthorizationUrlOptions): URL {
  const base = client.authorizationUrl ?? auth.authorizationUrl;
  if (!base) throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'The connector declares no OAuth2 authorizationUrl' });
  const url = new URL(base);
  const parameters: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: options.redirectUri,
    scope: scopeParameter(auth, options.scopes),
    state: options.state,
    ...auth.authorizationParams,
  };
  if (options.userScopes && options.userScopes.length > 0) {
    if (!auth.userScopeParam) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: 'This provider has no user scopes; pass scopes only' });
    parameters[auth.userScopeParam] = options.userScopes.join(auth.scopeSeparator ?? ' ');
  }
  if (options.codeChallenge) {
    parameters.code_challenge = options.codeChallenge;
    parameters.code_challenge_method = 'S256';
  }
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  codeVerifier?: string | undefined;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/** What a completed authorization yields: the credentials to store and config to add to the connection. */
export interface AuthorizationResult {
  credentials: Credentials;
  /** `oauth`: the answer's fields that are not secrets (team, workspace, scopes); plus fields from `accessibleResources`. */
  config: Record<string, unknown>;
}

/**
 * Exchanges the callback's code for tokens (RFC 6749 §4.1.3) and turns the answer into a
 * connection's credentials. Slack's v2 answer carries the bot token at the top and the user's
 * token in `authed_user`: the bot token is the connection's `accessToken` and the user token is
 * kept as `userToken` (a user-only install makes the user token the `accessToken`).
 */
export async function exchangeAuthorizationCode(auth: OAuth2Auth, client: OAuthClientConfig, exchange: CodeExchange): Promise<AuthorizationResult> {
  const parameters: Record<string, unknown> = { grant_type: 'authorization_code', code: exchange.code, redirect_uri: exchange.redirectUri };
  if (exchange.codeVerifier) parameters.code_verifier = exchange.codeVerifier;
  const answer = await requestToken({
    auth,
    url: new URL(client.tokenUrl ?? auth.tokenUrl),
    parameters,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    dispatcher: exchange.dispatcher,
    timeoutMs: exchange.timeoutMs,
  });
  const authedUser = isRecord(answer.authed_user) ? answer.authed_user : undefined;
  const accessToken = stringOf(answer.access_token) ?? stringOf(authedUser?.access_token);
  if (!accessToken) throw new PatchbayError({ code: 'AUTH_FAILED', message: 'The token endpoint answered the code exchange without an access token' });
  const fromUser = stringOf(answer.access_token) === undefined;
  let credentials = mergeTokenResponse({ clientId: client.clientId, ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}) }, fromUser ? (authedUser ?? {}) : answer, accessToken);
  if (authedUser && !fromUser && stringOf(authedUser.access_token)) {
    credentials = { ...credentials, userToken: authedUser.access_token };
    if (stringOf(authedUser.refresh_token)) credentials.userRefreshToken = authedUser.refresh_token;
  }
  const config: Record<string, unknown> = { oauth: withoutSecrets(answer) };
  if (auth.accessibleResources) Object.assign(config, await accessibleResource(auth.accessibleResources, client.accessibleResourcesUrl, accessToken, exchange));
  return { credentials, config };
}

/** Atlassian: the sites the token may reach; the first one's fields go into the connection's config. */
async function accessibleResource(declared: NonNullable<OAuth2Auth['accessibleResources']>, override: string | undefined, accessToken: string, exchange: CodeExchange): Promise<Record<string, unknown>> {
  const url = new URL(override ?? declared.url);
  const label = `Accessible resources at ${url.origin}${url.pathname}`;
  const response = await sendRequest(
    { url, method: 'GET', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, body: undefined },
    { dispatcher: exchange.dispatcher, timeoutMs: exchange.timeoutMs, maxResponseBytes: 1_000_000, signal: undefined, describe: () => ({ label, request: { method: 'GET', url: `${url.origin}${url.pathname}`, headers: {} } }) },
  );
  let resources: unknown;
  try {
    resources = JSON.parse(response.body.toString('utf8'));
  } catch {
    resources = undefined;
  }
  const first = Array.isArray(resources) && isRecord(resources[0]) ? resources[0] : undefined;
  if (response.status >= 400 || !first) {
    throw new PatchbayError({ code: 'AUTH_FAILED', status: response.status, message: `${label} answered ${response.status} with no resource the token may reach` });
  }
  return Object.fromEntries(Object.entries(declared.config).map(([field, source]) => [field, first[source]]));
}

const SECRET_KEY = /token|secret|webhook|password/i;

function withoutSecrets(value: TokenResponse): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_KEY.test(key) || key === 'expires_in' || key === 'ok') continue;
    kept[key] = isRecord(field) ? withoutSecrets(field) : field;
  }
  return kept;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
