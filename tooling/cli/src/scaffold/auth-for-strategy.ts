import { PatchbayError, type ConnectorAuth, type JSONSchema } from '@patchbay/contract';
import { credentialFields } from './credential-fields.js';

/** The strategies `patchbay new --auth` offers (`custom` needs hand-written code). */
export const SCAFFOLD_AUTH_STRATEGIES = ['oauth2', 'api_key', 'bearer', 'basic', 'none'] as const;
export type ScaffoldAuthStrategy = (typeof SCAFFOLD_AUTH_STRATEGIES)[number];

export interface AuthDetails {
  /** Prefix of the environment variables credentials are read from, e.g. `ACME` for `ACME_TOKEN`. */
  environmentPrefix: string;
  baseUrl: string;
  apiKeyIn?: 'header' | 'query' | 'cookie';
  apiKeyName?: string;
  apiKeyPrefix?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes?: string[];
  grantType?: 'authorization_code' | 'client_credentials';
  documentationUrl?: string;
}

export function isScaffoldAuthStrategy(value: string): value is ScaffoldAuthStrategy {
  return (SCAFFOLD_AUTH_STRATEGIES as readonly string[]).includes(value);
}

/** The `auth` facet of a new connector: the strategy, its provider metadata and credential fields. */
export function authForStrategy(strategy: string, details: AuthDetails): ConnectorAuth {
  const env = details.environmentPrefix;
  const common = details.documentationUrl ? { documentationUrl: details.documentationUrl } : {};
  switch (strategy) {
    case 'bearer':
      return {
        strategy: 'bearer',
        ...common,
        environment: { token: `${env}_TOKEN` },
        credentialsSchema: credentialFields({ token: 'API token, sent as `Authorization: Bearer <token>`' }, ['token']),
      };
    case 'api_key': {
      const auth: ConnectorAuth = {
        strategy: 'api_key',
        in: details.apiKeyIn ?? 'header',
        name: details.apiKeyName ?? 'X-API-Key',
        ...common,
        environment: { apiKey: `${env}_API_KEY` },
        credentialsSchema: credentialFields({ apiKey: 'API key' }, ['apiKey']),
      };
      if (details.apiKeyPrefix) auth.prefix = details.apiKeyPrefix;
      return auth;
    }
    case 'basic':
      return {
        strategy: 'basic',
        ...common,
        environment: { username: `${env}_USERNAME`, password: `${env}_PASSWORD` },
        credentialsSchema: credentialFields({ username: 'User name', password: 'Password' }, ['username']),
      };
    case 'oauth2': {
      const origin = new URL(details.baseUrl).origin;
      const clientCredentials = details.grantType === 'client_credentials';
      const auth: ConnectorAuth = {
        strategy: 'oauth2',
        grantType: details.grantType ?? 'authorization_code',
        tokenUrl: details.tokenUrl ?? `${origin}/oauth/token`,
        ...common,
        ...(clientCredentials ? clientCredentialsFields(env) : authorizationCodeFields(env)),
      };
      if (!clientCredentials) auth.authorizationUrl = details.authorizationUrl ?? `${origin}/oauth/authorize`;
      if (details.refreshUrl) auth.refreshUrl = details.refreshUrl;
      if (details.scopes && details.scopes.length > 0) auth.scopes = details.scopes;
      return auth;
    }
    case 'none':
      return { strategy: 'none', ...common };
    default:
      throw new PatchbayError({
        code: 'VALIDATION_FAILED',
        message: `--auth must be one of ${SCAFFOLD_AUTH_STRATEGIES.join(', ')}, got ${JSON.stringify(strategy)}`,
      });
  }
}

const EXPIRES_AT: JSONSchema = { type: ['number', 'string'], description: 'Expiry of the access token, as epoch milliseconds or an ISO date' };

/** A user's tokens, from the app's authorization-code flow; the client id and secret renew them. */
function authorizationCodeFields(env: string): { environment: Record<string, string>; credentialsSchema: JSONSchema } {
  const schema = credentialFields(
    {
      accessToken: 'OAuth2 access token',
      refreshToken: 'Refresh token, to renew an expired access token',
      clientId: 'OAuth2 client id (for refresh)',
      clientSecret: 'OAuth2 client secret (for refresh)',
    },
    ['accessToken'],
  );
  schema.properties!.expiresAt = EXPIRES_AT;
  return { environment: { accessToken: `${env}_ACCESS_TOKEN` }, credentialsSchema: schema };
}

/** The app's own client id and secret, which the runtime trades for tokens at `tokenUrl`. */
function clientCredentialsFields(env: string): { environment: Record<string, string>; credentialsSchema: JSONSchema } {
  const schema = credentialFields(
    {
      clientId: 'OAuth2 client id',
      clientSecret: 'OAuth2 client secret',
      accessToken: 'A token already fetched with these client credentials (optional: the runtime fetches one from tokenUrl)',
    },
    ['clientId', 'clientSecret'],
  );
  schema.properties!.expiresAt = EXPIRES_AT;
  return { environment: { clientId: `${env}_CLIENT_ID`, clientSecret: `${env}_CLIENT_SECRET` }, credentialsSchema: schema };
}
