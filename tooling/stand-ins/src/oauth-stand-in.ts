import { createHash, randomBytes } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import type { StandInResponse } from './stand-in-response.js';
import { startStandIn, type StandIn } from './stand-in-server.js';
import { OAUTH_VENDORS, type OAuthVendor, type OAuthVendorProfile } from './oauth-vendors.js';

export interface OAuthStandInOptions {
  vendor?: OAuthVendor;
  clientId?: string;
  clientSecret?: string;
  /** The access token a code is exchanged for (the matching API stand-in's token). Default a fresh random one. */
  accessToken?: () => string;
  /** Slack: the user token in `authed_user`. */
  userToken?: () => string;
  /** Atlassian: the cloud id `accessible-resources` lists. Default `cloud-standin-1`. */
  cloudId?: string;
}

export interface OAuthStandIn extends StandIn {
  readonly vendor: OAuthVendor;
  readonly profile: OAuthVendorProfile;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly accessibleResourcesUrl: string | undefined;
  /** Access and refresh tokens issued so far. */
  readonly issued: { accessTokens: Set<string>; refreshTokens: Set<string> };
  /**
   * Plays the user who consents, without a browser: sends the authorization URL to the stand-in
   * and returns the callback URL it redirects to (with `code` and `state`, or `error`).
   */
  authorize(url: string, options?: { deny?: boolean }): Promise<URL>;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string;
  userScope: string | undefined;
  codeChallenge: string | undefined;
  refreshToken: boolean;
}

/** Starts a vendor's OAuth 2.0 authorization server on 127.0.0.1, with that vendor's quirks. */
export async function startOAuthStandIn(options: OAuthStandInOptions = {}): Promise<OAuthStandIn> {
  const vendor = options.vendor ?? 'generic';
  const profile = OAUTH_VENDORS[vendor];
  const clientId = options.clientId ?? `${vendor}-client-id`;
  const clientSecret = options.clientSecret ?? `${vendor}-client-secret`;
  const codes = new Map<string, CodeGrant>();
  const issued = { accessTokens: new Set<string>(), refreshTokens: new Set<string>() };
  const fresh = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

  const fail = (status: number, error: string, description?: string): StandInResponse =>
    profile.okEnvelope ? { status: 200, body: { ok: false, error } } : { status, body: { error, ...(description ? { error_description: description } : {}) } };

  const authorizeRoute = (request: StandInRequest): StandInResponse => {
    const query = new URLSearchParams(request.search);
    const redirectUri = query.get('redirect_uri');
    if (query.get('response_type') !== 'code' || query.get('client_id') !== clientId || !redirectUri) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'response_type=code, client_id and redirect_uri are required' } };
    }
    for (const [name, value] of Object.entries(profile.requiredAuthorizeParams)) {
      if (query.get(name) !== value) return { status: 400, body: { error: 'invalid_request', error_description: `${name}=${value} is required` } };
    }
    const challenge = query.get('code_challenge') ?? undefined;
    if (profile.requirePkce && (!challenge || query.get('code_challenge_method') !== 'S256')) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'code_challenge with code_challenge_method=S256 is required' } };
    }
    const callback = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) callback.searchParams.set('state', state);
    if (query.get('deny') === '1') {
      callback.searchParams.set('error', 'access_denied');
    } else {
      const code = fresh('code_');
      codes.set(code, {
        clientId,
        redirectUri,
        scope: query.get('scope') ?? '',
        userScope: query.get('user_scope') ?? undefined,
        codeChallenge: challenge,
        refreshToken: profile.issuesRefreshToken(query),
      });
      callback.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: callback.toString() }, body: '' };
  };

  const tokenRoute = (request: StandInRequest): StandInResponse => {
    const parameters = profile.bodyFormat === 'json' ? (request.json as Record<string, string> | undefined) : request.form;
    if (!parameters) return fail(400, 'invalid_request', `the token request must be ${profile.bodyFormat === 'json' ? 'a JSON body' : 'form-encoded'}`);
    const basic = request.headers.authorization?.startsWith('Basic ') ? Buffer.from(request.headers.authorization.slice(6), 'base64').toString('utf8').split(':').map(decodeURIComponent) : undefined;
    if (profile.clientAuth === 'basic' && !basic) return fail(401, 'invalid_client', 'client authentication must be HTTP Basic');
    if (profile.clientAuth === 'post' && basic) return fail(401, 'invalid_client', 'client credentials go in the request body');
    const [presentedId, presentedSecret] = basic ?? [parameters.client_id, parameters.client_secret];
    if (presentedId !== clientId || presentedSecret !== clientSecret) return fail(401, 'invalid_client');
    if (parameters.grant_type === 'refresh_token') {
      if (!issued.refreshTokens.delete(parameters.refresh_token ?? '')) return fail(400, 'invalid_grant');
      return { status: 200, body: tokens({ scope: '', userScope: undefined, refreshToken: true }) };
    }
    if (parameters.grant_type !== 'authorization_code') return fail(400, 'unsupported_grant_type');
    const grant = codes.get(parameters.code ?? '');
    // A code is used once, by the client it was issued to, with the same redirect URI.
    codes.delete(parameters.code ?? '');
    if (!grant || grant.redirectUri !== parameters.redirect_uri) return fail(400, vendor === 'slack' ? 'invalid_code' : 'invalid_grant');
    if (grant.codeChallenge !== undefined) {
      const verifier = parameters.code_verifier ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) return fail(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    }
    return { status: 200, body: tokens(grant) };
  };

  function tokens(grant: Pick<CodeGrant, 'scope' | 'userScope' | 'refreshToken'>): Record<string, unknown> {
    const accessToken = options.accessToken?.() ?? fresh('at_');
    issued.accessTokens.add(accessToken);
    const refreshToken = grant.refreshToken ? fresh('rt_') : undefined;
    if (refreshToken) issued.refreshTokens.add(refreshToken);
    const common = { access_token: accessToken, ...(refreshToken ? { refresh_token: refreshToken } : {}), ...(profile.expiresIn ? { expires_in: profile.expiresIn } : {}) };
    switch (vendor) {
      case 'slack': {
        const userToken = options.userToken?.() ?? fresh('xoxp-');
        return {
          ok: true,
          ...common,
          token_type: 'bot',
          scope: grant.scope,
          bot_user_id: 'U0STANDBOT',
          app_id: 'A0STANDIN',
          team: { id: 'T0STANDIN', name: 'Stand-in workspace' },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: 'U0STANDUSER', scope: grant.userScope ?? '', access_token: userToken, token_type: 'user' },
        };
      }
      case 'notion':
        return { ...common, token_type: 'bearer', bot_id: 'b0t-standin', workspace_id: 'ws-standin', workspace_name: 'Stand-in', workspace_icon: null, owner: { type: 'user', user: { object: 'user', id: 'u-standin' } }, duplicated_template_id: null };
      case 'airtable':
        return { ...common, token_type: 'Bearer', scope: grant.scope, refresh_expires_in: 5_184_000 };
      default:
        return { ...common, token_type: 'Bearer', scope: grant.scope };
    }
  }

  const server = await startStandIn((request) => {
    if (request.method === 'GET' && request.path === profile.authorizePath) return authorizeRoute(request);
    if (request.method === 'POST' && request.path === profile.tokenPath) return tokenRoute(request);
    if (request.method === 'GET' && profile.resourcesPath && request.path === profile.resourcesPath) {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!issued.accessTokens.has(token)) return { status: 401, body: { code: 401, message: 'Unauthorized' } };
      return { status: 200, body: [{ id: options.cloudId ?? 'cloud-standin-1', url: 'https://standin.atlassian.net', name: 'standin', scopes: ['read:jira-work', 'write:jira-work'], avatarUrl: 'https://standin.invalid/avatar.png' }] };
    }
    return { status: 404, body: { error: 'not_found' } };
  });

  return Object.assign(server, {
    vendor,
    profile,
    clientId,
    clientSecret,
    authorizationUrl: `${server.url}${profile.authorizePath}`,
    tokenUrl: `${server.url}${profile.tokenPath}`,
    accessibleResourcesUrl: profile.resourcesPath ? `${server.url}${profile.resourcesPath}` : undefined,
    issued,
    async authorize(url: string, authorizeOptions: { deny?: boolean } = {}): Promise<URL> {
      const target = new URL(url);
      if (authorizeOptions.deny) target.searchParams.set('deny', '1');
      const response = await fetch(target, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) throw new Error(`The authorization URL was refused (${response.status}): ${await response.text()}`);
      return new URL(location);
    },
  });
}
