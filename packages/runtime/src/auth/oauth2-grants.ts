import type { OAuth2Auth } from '@patchbay/contract';

/** Credentials as a connection holds them: the runtime's camelCase fields, or the wire's snake_case. */
export type Credentials = Record<string, unknown>;

// `token` lets a personal access token stand in where a provider issues both kinds (GitHub).
const ACCESS_TOKEN_FIELDS = ['accessToken', 'access_token', 'token'];

export function accessTokenOf(credentials: Credentials): string | undefined {
  return stringField(credentials, ...ACCESS_TOKEN_FIELDS);
}

export function refreshTokenOf(credentials: Credentials): string | undefined {
  return stringField(credentials, 'refreshToken', 'refresh_token');
}

export function clientIdOf(credentials: Credentials): string | undefined {
  return stringField(credentials, 'clientId', 'client_id');
}

export function clientSecretOf(credentials: Credentials): string | undefined {
  return stringField(credentials, 'clientSecret', 'client_secret');
}

/** The refresh-token grant (RFC 6749 §6). */
export function refreshTokenGrant(credentials: Credentials): Record<string, unknown> {
  return { grant_type: 'refresh_token', refresh_token: refreshTokenOf(credentials) };
}

/**
 * Merges a token endpoint's answer into the credentials it renews. A refresh token the provider
 * did not rotate is kept; `issuedAt` records when the token was obtained, so its lifetime is known
 * later (also to another process that reads it from a store).
 */
export function mergeTokenResponse(credentials: Credentials, answer: Record<string, unknown>, accessToken: string, now = Date.now()): Credentials {
  const next: Credentials = { ...credentials, accessToken, issuedAt: now };
  delete next.access_token;
  delete next.token;
  if (typeof answer.refresh_token === 'string') {
    next.refreshToken = answer.refresh_token;
    delete next.refresh_token;
  }
  if (typeof answer.expires_in === 'number' || (typeof answer.expires_in === 'string' && answer.expires_in !== '')) {
    next.expiresAt = now + Number(answer.expires_in) * 1000;
    delete next.expires_at;
  } else {
    delete next.expiresAt;
    delete next.expires_at;
  }
  return next;
}

/** The scopes of a connector's auth as one parameter value, joined the way the provider expects. */
export function scopeParameter(auth: OAuth2Auth, scopes: readonly string[] | undefined = auth.defaultScopes ?? auth.scopes): string | undefined {
  return scopes && scopes.length > 0 ? scopes.join(auth.scopeSeparator ?? ' ') : undefined;
}

export function stringField(credentials: Credentials, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = credentials[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
