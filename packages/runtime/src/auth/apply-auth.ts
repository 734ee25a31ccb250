import { PatchbayError, type ConnectorAuth } from '@patchbay/contract';

/**
 * Puts a connection's credentials on an outgoing request for the declarative strategies.
 * `oauth2` uses the session's current access token; `custom` is left to the client subclass.
 */
export function applyAuth(
  auth: ConnectorAuth,
  credentials: Record<string, unknown>,
  headers: Record<string, string>,
  url: URL,
  accessToken: string | undefined,
): void {
  switch (auth.strategy) {
    case 'bearer':
      headers.authorization = `Bearer ${requireCredential(credentials, auth.field ?? 'token')}`;
      return;
    case 'api_key': {
      const value = `${auth.prefix ?? ''}${requireCredential(credentials, auth.field ?? 'apiKey')}`;
      if (auth.in === 'header') headers[auth.name.toLowerCase()] = value;
      else if (auth.in === 'cookie') headers.cookie = withCookie(headers.cookie, auth.name, value);
      else url.searchParams.set(auth.name, value);
      return;
    }
    case 'basic': {
      const username = requireCredential(credentials, auth.usernameField ?? 'username');
      const password = requireCredential(credentials, auth.passwordField ?? 'password', true);
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      return;
    }
    case 'oauth2':
      if (!accessToken) throw missing('accessToken');
      headers.authorization = `Bearer ${accessToken}`;
      return;
    case 'none':
    case 'custom':
      return;
  }
}

/** Names of headers and query parameters that carry the credential, for redaction. */
export function credentialCarriers(auth: ConnectorAuth): string[] {
  if (auth.strategy !== 'api_key') return [];
  return auth.in === 'cookie' ? ['cookie'] : [auth.name];
}

/**
 * The request's `Cookie` header with the key's cookie set, keeping the other cookies it carries;
 * a cookie of the same name the request brought is replaced, so the credential is sent once.
 */
function withCookie(existing: string | undefined, name: string, value: string): string {
  const others = (existing ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && pair.split('=', 1)[0]!.trim() !== name);
  return [...others, `${name}=${value}`].join('; ');
}

function requireCredential(credentials: Record<string, unknown>, field: string, allowEmpty = false): string {
  const value = credentials[field];
  if (typeof value === 'string' && (allowEmpty || value !== '')) return value;
  if (typeof value === 'number') return String(value);
  throw missing(field);
}

function missing(field: string): PatchbayError {
  return new PatchbayError({
    code: 'AUTH_FAILED',
    message: `The connection has no "${field}" credential; nothing was sent`,
  });
}
