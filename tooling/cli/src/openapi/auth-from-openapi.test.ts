import { checkConnectorModule, SPECIFICATION_VERSION, type ConnectorAuth } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import type { AuthDetails } from '../scaffold/auth-for-strategy.js';
import { authFromOpenApi } from './auth-from-openapi.js';

const details: AuthDetails = { environmentPrefix: 'ACME', baseUrl: 'https://api.acme.test/v1' };

const openApi30 = (schemes: Record<string, unknown>, security?: unknown[]) => ({
  openapi: '3.0.3',
  info: { title: 'Acme', version: '1' },
  paths: {},
  components: { securitySchemes: schemes },
  ...(security ? { security } : {}),
});
const openApi31 = (schemes: Record<string, unknown>) => ({ ...openApi30(schemes), openapi: '3.1.0' });
const swagger2 = (definitions: Record<string, unknown>) => ({ swagger: '2.0', info: { title: 'Acme', version: '1' }, paths: {}, securityDefinitions: definitions });

/** The auth passes the contract's own check, as a generated module's would. */
function expectValid(auth: ConnectorAuth | undefined): ConnectorAuth {
  expect(auth).toBeDefined();
  const module = {
    specificationVersion: SPECIFICATION_VERSION,
    id: 'acme',
    displayName: 'Acme',
    version: '1.0.0',
    auth,
    operations: {},
    inputSchema: { type: 'object' },
    execute: async () => ({ ok: true, data: null, meta: { operation: 'x', attempts: 1, durationMs: 0 } }),
  };
  expect(checkConnectorModule(module).violations.filter((violation) => violation.path.startsWith('auth'))).toEqual([]);
  return auth!;
}

describe('authFromOpenApi, one scheme kind at a time', () => {
  it('http bearer (3.0) asks for a token', () => {
    const auth = expectValid(authFromOpenApi(openApi30({ token: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' } }), details));
    expect(auth).toMatchObject({ strategy: 'bearer', environment: { token: 'ACME_TOKEN' }, credentialsSchema: { required: ['token'] } });
  });

  it('http basic (3.1) and Swagger 2 basic ask for a user name and password', () => {
    for (const document of [openApi31({ login: { type: 'http', scheme: 'basic' } }), swagger2({ login: { type: 'basic' } })]) {
      const auth = expectValid(authFromOpenApi(document, details));
      expect(auth).toMatchObject({ strategy: 'basic', environment: { username: 'ACME_USERNAME', password: 'ACME_PASSWORD' } });
    }
  });

  it.each([
    ['header', 'X-Acme-Key'],
    ['query', 'api_key'],
    ['cookie', 'acme_session'],
  ] as const)('an API key in a %s', (place, name) => {
    const auth = expectValid(authFromOpenApi(openApi30({ key: { type: 'apiKey', in: place, name } }), details));
    expect(auth).toMatchObject({ strategy: 'api_key', in: place, name, environment: { apiKey: 'ACME_API_KEY' }, credentialsSchema: { required: ['apiKey'] } });
  });

  it('a Swagger 2 API key in the query', () => {
    expect(expectValid(authFromOpenApi(swagger2({ key: { type: 'apiKey', in: 'query', name: 'token' } }), details))).toMatchObject({ strategy: 'api_key', in: 'query', name: 'token' });
  });

  it('OAuth2 authorization code carries its URLs and scopes and asks for the user’s tokens', () => {
    const document = openApi30({
      oauth: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://auth.acme.test/authorize',
            tokenUrl: 'https://auth.acme.test/token',
            refreshUrl: 'https://auth.acme.test/refresh',
            scopes: { 'read:items': 'Read', 'write:items': 'Write' },
          },
        },
      },
    });
    const auth = expectValid(authFromOpenApi(document, details));
    expect(auth).toEqual({
      strategy: 'oauth2',
      grantType: 'authorization_code',
      authorizationUrl: 'https://auth.acme.test/authorize',
      tokenUrl: 'https://auth.acme.test/token',
      refreshUrl: 'https://auth.acme.test/refresh',
      scopes: ['read:items', 'write:items'],
      environment: { accessToken: 'ACME_ACCESS_TOKEN' },
      credentialsSchema: expect.objectContaining({ required: ['accessToken'] }),
    });
    expect(Object.keys((auth.credentialsSchema as { properties: object }).properties)).toEqual(['accessToken', 'refreshToken', 'clientId', 'clientSecret', 'expiresAt']);
  });

  it('OAuth2 client credentials (3.1, relative token URL) asks for the client id and secret', () => {
    const document = openApi31({ machine: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { 'items:read': 'Read' } } } } });
    const auth = expectValid(authFromOpenApi(document, details));
    expect(auth).toMatchObject({
      strategy: 'oauth2',
      grantType: 'client_credentials',
      tokenUrl: 'https://api.acme.test/oauth/token',
      scopes: ['items:read'],
      environment: { clientId: 'ACME_CLIENT_ID', clientSecret: 'ACME_CLIENT_SECRET' },
      credentialsSchema: { required: ['clientId', 'clientSecret'], properties: { accessToken: { type: 'string' } } },
    });
    expect(auth).not.toHaveProperty('authorizationUrl');
  });

  it('Swagger 2 OAuth2 `application` flow is client credentials; `accessCode` is authorization code', () => {
    const application = authFromOpenApi(swagger2({ app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.acme.test/token', scopes: {} } }), details);
    expect(expectValid(application)).toMatchObject({ strategy: 'oauth2', grantType: 'client_credentials', credentialsSchema: { required: ['clientId', 'clientSecret'] } });
    const accessCode = authFromOpenApi(
      swagger2({ user: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://auth.acme.test/authorize', tokenUrl: 'https://auth.acme.test/token' } }),
      details,
    );
    expect(expectValid(accessCode)).toMatchObject({ strategy: 'oauth2', grantType: 'authorization_code', authorizationUrl: 'https://auth.acme.test/authorize' });
  });

  it('OpenID Connect is a bearer access token from the provider the document names', () => {
    const document = openApi30({ oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.acme.test/.well-known/openid-configuration' } });
    const auth = expectValid(authFromOpenApi(document, details));
    expect(auth).toMatchObject({
      strategy: 'bearer',
      field: 'accessToken',
      documentationUrl: 'https://id.acme.test/.well-known/openid-configuration',
      environment: { accessToken: 'ACME_ACCESS_TOKEN' },
      credentialsSchema: { required: ['accessToken'], properties: { accessToken: { description: expect.stringContaining('https://id.acme.test/') } } },
    });
  });

  it('takes the first scheme the security requirements name, skipping what the runtime cannot apply', () => {
    const document = openApi30(
      {
        implicit: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://auth.acme.test/authorize', scopes: {} } } },
        digest: { type: 'http', scheme: 'digest' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        token: { type: 'http', scheme: 'bearer' },
      },
      [{ implicit: [] }, { digest: [] }, { token: [] }],
    );
    expect(authFromOpenApi(document, details)).toMatchObject({ strategy: 'bearer' });
    expect(authFromOpenApi(openApi30({ digest: { type: 'http', scheme: 'digest' } }), details)).toBeUndefined();
  });
});
