import type { OAuth2Auth } from '@patchbay/contract';
import { clientIdOf, clientSecretOf, refreshTokenOf, scopeParameter, type Credentials } from './oauth2-grants.js';

/**
 * Whether a connection authenticates with the client-credentials grant (RFC 6749 §4.4): the
 * connector declares it and the connection holds a client id and secret but no refresh token.
 * Such a connection has no user: its token is fetched on the first call and fetched again
 * before it expires or after a 401, never refreshed.
 */
export function usesClientCredentials(auth: OAuth2Auth, credentials: Credentials): boolean {
  return auth.grantType === 'client_credentials' && refreshTokenOf(credentials) === undefined && clientIdOf(credentials) !== undefined && clientSecretOf(credentials) !== undefined;
}

/** The grant's parameters; the client authenticates as the token endpoint asks (basic or post). */
export function clientCredentialsGrant(auth: OAuth2Auth, credentials: Credentials): Record<string, unknown> {
  const requested = Array.isArray(credentials.scopes) ? credentials.scopes.filter((scope): scope is string => typeof scope === 'string') : undefined;
  const scope = scopeParameter(auth, requested);
  return scope === undefined ? { grant_type: 'client_credentials' } : { grant_type: 'client_credentials', scope };
}
