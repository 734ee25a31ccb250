import type { ConnectorAuth } from '@patchbay/contract';
import { authForStrategy, type AuthDetails } from '../scaffold/auth-for-strategy.js';
import { credentialFields } from '../scaffold/credential-fields.js';
import { isRecord } from './schema-converter.js';

/**
 * The connector's auth from the document's security schemes (`components.securitySchemes`, or
 * Swagger 2's `securityDefinitions`): the first scheme the runtime can apply, in the order the
 * document's `security` requirements name them. Implicit-only OAuth2 and HTTP schemes other than
 * basic and bearer (digest, HOBA) are skipped.
 */
export function authFromOpenApi(document: Record<string, unknown>, details: AuthDetails): ConnectorAuth | undefined {
  const components = isRecord(document.components) ? document.components : {};
  const schemes = (isRecord(components.securitySchemes) ? components.securitySchemes : document.securityDefinitions) as
    | Record<string, unknown>
    | undefined;
  if (!isRecord(schemes)) return undefined;
  const preferred = Array.isArray(document.security) ? document.security.flatMap((requirement) => (isRecord(requirement) ? Object.keys(requirement) : [])) : [];
  const names = [...new Set([...preferred, ...Object.keys(schemes)])];
  for (const name of names) {
    const auth = fromScheme(schemes[name], details);
    if (auth) return auth;
  }
  return undefined;
}

function fromScheme(scheme: unknown, details: AuthDetails): ConnectorAuth | undefined {
  if (!isRecord(scheme)) return undefined;
  const type = String(scheme.type);
  const httpScheme = String(scheme.scheme).toLowerCase();
  if (type === 'http' && httpScheme === 'bearer') return authForStrategy('bearer', details);
  if ((type === 'http' && httpScheme === 'basic') || type === 'basic') return authForStrategy('basic', details);
  if (type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie') && typeof scheme.name === 'string' && scheme.name !== '') {
    return authForStrategy('api_key', { ...details, apiKeyIn: scheme.in, apiKeyName: scheme.name });
  }
  if (type === 'openIdConnect') return openIdConnect(scheme, details);
  if (type === 'oauth2') return oauth2(scheme, details);
  return undefined;
}

/**
 * An OpenID Connect provider's access token, sent as a bearer token. Its endpoints are in the
 * discovery document, which the generator does not fetch: the app runs the flow and passes the token.
 */
function openIdConnect(scheme: Record<string, unknown>, details: AuthDetails): ConnectorAuth {
  const discovery = typeof scheme.openIdConnectUrl === 'string' ? absoluteUrl(scheme.openIdConnectUrl, details.baseUrl) : undefined;
  const from = discovery ? ` from the OpenID Connect provider ${discovery}` : ' from the OpenID Connect provider';
  const auth: ConnectorAuth = {
    strategy: 'bearer',
    field: 'accessToken',
    environment: { accessToken: `${details.environmentPrefix}_ACCESS_TOKEN` },
    credentialsSchema: credentialFields({ accessToken: `Access token${from}, sent as \`Authorization: Bearer <token>\`` }, ['accessToken']),
  };
  const documentationUrl = details.documentationUrl ?? discovery;
  if (documentationUrl) auth.documentationUrl = documentationUrl;
  return auth;
}

interface Flow {
  grantType: 'authorization_code' | 'client_credentials';
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes?: string[];
}

function oauth2(scheme: Record<string, unknown>, details: AuthDetails): ConnectorAuth | undefined {
  const flow = isRecord(scheme.flows) ? openApiFlow(scheme.flows, details.baseUrl) : swaggerFlow(scheme, details.baseUrl);
  if (!flow?.tokenUrl) return undefined;
  return authForStrategy('oauth2', { ...details, ...flow });
}

function openApiFlow(flows: Record<string, unknown>, baseUrl: string): Flow | undefined {
  for (const [key, grantType] of [['authorizationCode', 'authorization_code'], ['clientCredentials', 'client_credentials'], ['password', 'authorization_code']] as const) {
    const flow = flows[key];
    if (isRecord(flow)) return describeFlow(flow, grantType, baseUrl);
  }
  return undefined;
}

function swaggerFlow(scheme: Record<string, unknown>, baseUrl: string): Flow | undefined {
  const grantType = scheme.flow === 'application' ? 'client_credentials' : scheme.flow === 'accessCode' || scheme.flow === 'password' ? 'authorization_code' : undefined;
  return grantType ? describeFlow(scheme, grantType, baseUrl) : undefined;
}

function describeFlow(flow: Record<string, unknown>, grantType: Flow['grantType'], baseUrl: string): Flow {
  const result: Flow = { grantType };
  for (const key of ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const) {
    const url = typeof flow[key] === 'string' ? absoluteUrl(flow[key], baseUrl) : undefined;
    if (url) result[key] = url;
  }
  if (isRecord(flow.scopes)) result.scopes = Object.keys(flow.scopes);
  return result;
}

/** OpenAPI 3.1 lets these URLs be relative to the server; the contract wants them absolute. */
function absoluteUrl(value: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(value, baseUrl);
    if (!['http:', 'https:'].includes(url.protocol)) return undefined;
    return /^https?:\/\//i.test(value) ? value : url.href;
  } catch {
    return undefined;
  }
}
