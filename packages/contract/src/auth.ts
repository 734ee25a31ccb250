import type { JSONSchema } from './json-schema.js';

/** Every authentication strategy a connector may declare. */
export const AUTH_STRATEGIES = ['oauth2', 'api_key', 'bearer', 'basic', 'none', 'custom'] as const;

export type AuthStrategy = (typeof AUTH_STRATEGIES)[number];

interface AuthBase {
  /**
   * JSON Schema of the credential fields a connection must supply, e.g.
   * `{ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }`.
   */
  credentialsSchema?: JSONSchema;
  /** Where a user creates the credential (token settings page, app console). */
  documentationUrl?: string;
  /** Environment variables a CLI or app may read each credential field from, keyed by field. */
  environment?: Record<string, string>;
  /**
   * Other ways a connection may authenticate (e.g. OAuth 2.0 beside an API token). The client
   * picks one from the shape of the credentials; apps read provider URLs and scopes from here.
   */
  alternatives?: ConnectorAuth[];
}

/** OAuth 2.0 authorization code (or client credentials) flow, with refresh. */
export interface OAuth2Auth extends AuthBase {
  strategy: 'oauth2';
  /** Grant the provider uses for user connections. */
  grantType?: 'authorization_code' | 'client_credentials';
  authorizationUrl?: string;
  tokenUrl: string;
  /** Defaults to `tokenUrl` when the provider refreshes at the same endpoint. */
  refreshUrl?: string;
  scopes?: string[];
  /** Scopes requested when the app does not choose. */
  defaultScopes?: string[];
  /** Separator the provider expects between scopes in the authorize URL. */
  scopeSeparator?: string;
  pkce?: boolean;
  /** How the client authenticates to the token endpoint. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /**
   * How the token request's parameters are encoded: `form` (RFC 6749, the default) or `json`
   * (Atlassian's token endpoint).
   */
  tokenRequestFormat?: 'form' | 'json';
  /**
   * Fixed parameters added to the authorization URL: Google's `access_type=offline` and
   * `prompt=consent` (without them no refresh token is issued), Notion's `owner=user`.
   */
  authorizationParams?: Record<string, string>;
  /**
   * Name of the authorization-URL parameter for scopes granted to the user rather than the app
   * (Slack's `user_scope`); its token comes back in the response's `authed_user`.
   */
  userScopeParam?: string;
  /**
   * Where a new token finds the sites it may reach, when the API's base URL depends on one
   * (Atlassian's `accessible-resources`): after the code exchange the runtime GETs `url` with the
   * token and copies fields of the first resource into the connection's config (`{ cloudId: 'id' }`).
   */
  accessibleResources?: { url: string; config: Record<string, string> };
}

/** A static key placed in a header, a query parameter or a cookie. */
export interface ApiKeyAuth extends AuthBase {
  strategy: 'api_key';
  /** `cookie` sends `name=<key>` in the `Cookie` header, beside any cookie the request already carries. */
  in: 'header' | 'query' | 'cookie';
  /** Header, query parameter or cookie name, e.g. `Authorization`, `api_key` or `session_key`. */
  name: string;
  /** Prepended to the key, e.g. `Bearer ` (include the trailing space). */
  prefix?: string;
  /** Credential field holding the key; defaults to `apiKey`. */
  field?: string;
}

/** `Authorization: Bearer <token>`. */
export interface BearerAuth extends AuthBase {
  strategy: 'bearer';
  /** Credential field holding the token; defaults to `token`. */
  field?: string;
}

/** HTTP basic authentication. */
export interface BasicAuth extends AuthBase {
  strategy: 'basic';
  /** Credential field used as user name; defaults to `username`. */
  usernameField?: string;
  /** Credential field used as password; defaults to `password`. */
  passwordField?: string;
}

export interface NoAuth extends AuthBase {
  strategy: 'none';
}

/** The connector's client applies credentials itself (signatures, vendor schemes). */
export interface CustomAuth extends AuthBase {
  strategy: 'custom';
  description?: string;
}

/** The `auth` facet: the strategy plus the provider metadata an app needs to connect. */
export type ConnectorAuth = OAuth2Auth | ApiKeyAuth | BearerAuth | BasicAuth | NoAuth | CustomAuth;
