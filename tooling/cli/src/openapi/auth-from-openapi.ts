import type { ConnectorAuth } from '@patchbay/contract';
import { authForStrategy, type AuthDetails } from '../scaffold/auth-for-strategy.js';
import { isRecord } from './schema-converter.js';

/**
 * The connector's auth from the document's security schemes (`components.securitySchemes`, or
 * Swagger 2's `securityDefinitions`): the first scheme the runtime can apply, in the order the
 * document's `security` requirements name them. Implicit-only OAuth2 and cookie keys are skipped.
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
  if (type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') return authForStrategy('bearer', details);
  if (type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') return authForStrategy('basic', details);
  if (type === 'basic') return authForStrategy('basic', details);
  if (type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query') && typeof scheme.name === 'string') {
    return authForStrategy('api_key', { ...details, apiKeyIn: scheme.in, apiKeyName: scheme.name });
  }
  if (type === 'openIdConnect') return authForStrategy('bearer', details);
  if (type === 'oauth2') return oauth2(scheme, details);
  return undefined;
}

interface Flow {
  grantType: 'authorization_code' | 'client_credentials';
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes?: string[];
}

function oauth2(scheme: Record<string, unknown>, details: AuthDetails): ConnectorAuth | undefined {
  const flow = isRecord(scheme.flows) ? openApiFlow(scheme.flows) : swaggerFlow(scheme);
  if (!flow?.tokenUrl || !isHttpUrl(flow.tokenUrl)) return undefined;
  return authForStrategy('oauth2', { ...details, ...flow });
}

function openApiFlow(flows: Record<string, unknown>): Flow | undefined {
  for (const [key, grantType] of [['authorizationCode', 'authorization_code'], ['clientCredentials', 'client_credentials'], ['password', 'authorization_code']] as const) {
    const flow = flows[key];
    if (isRecord(flow)) return describeFlow(flow, grantType);
  }
  return undefined;
}

function swaggerFlow(scheme: Record<string, unknown>): Flow | undefined {
  const grantType = scheme.flow === 'application' ? 'client_credentials' : scheme.flow === 'accessCode' || scheme.flow === 'password' ? 'authorization_code' : undefined;
  return grantType ? describeFlow(scheme, grantType) : undefined;
}

function describeFlow(flow: Record<string, unknown>, grantType: Flow['grantType']): Flow {
  const result: Flow = { grantType };
  for (const key of ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const) {
    if (typeof flow[key] === 'string' && isHttpUrl(flow[key])) result[key] = flow[key];
  }
  if (isRecord(flow.scopes)) result.scopes = Object.keys(flow.scopes);
  return result;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
