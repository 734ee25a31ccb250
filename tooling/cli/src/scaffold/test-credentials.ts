import type { ConnectorAuth } from '@patchbay/contract';
import type { ConnectorPlan } from './connector-plan.js';
import { stringLiteral } from './source-literal.js';

export const SECRET = 'test-secret-value';

export interface CredentialCheck {
  credentials: Record<string, string>;
  /** The assertion that the credential is on the request; absent for `none`. */
  assertion?: string;
  /** The header the credential goes in, which it wins over a header field of the same name. */
  header?: string;
  /** Where the test's stand-in serves the token endpoint, for a grant the runtime fetches itself. */
  tokenEndpoint?: string;
}

/**
 * What the generated test connects with, and how the credential must appear on the request. A
 * field that fills a path parameter (Twilio's account SID) gets a value of its own when the auth
 * does not already supply one.
 */
export function testCredentials(plan: ConnectorPlan): CredentialCheck {
  const check = credentialCheck(plan.auth);
  for (const { credential } of Object.values(plan.connectionParameters ?? {})) check.credentials[credential] ??= `test-${credential}`;
  return check;
}

/** The value each connection-filled path parameter takes in the generated test. */
export function testConnectionValues(plan: ConnectorPlan): Record<string, string> {
  const { credentials } = testCredentials(plan);
  return Object.fromEntries(Object.entries(plan.connectionParameters ?? {}).map(([name, { credential }]) => [name, credentials[credential]!]));
}

function credentialCheck(auth: ConnectorAuth): CredentialCheck {
  const bearer = `expect(request.headers.authorization).toBe('Bearer ${SECRET}');`;
  switch (auth.strategy) {
    case 'bearer':
      return { credentials: { [auth.field ?? 'token']: SECRET }, assertion: bearer, header: 'authorization' };
    case 'oauth2': {
      // A client-credentials connection may bring a token already fetched; the test gives one, and
      // serves the token endpoint the runtime calls again after a 401.
      if (auth.grantType === 'client_credentials') {
        return { credentials: { clientId: 'test-client', clientSecret: SECRET, accessToken: SECRET }, assertion: bearer, header: 'authorization', tokenEndpoint: '/oauth/token' };
      }
      return { credentials: { accessToken: SECRET }, assertion: bearer, header: 'authorization' };
    }
    case 'api_key': {
      const value = `${auth.prefix ?? ''}${SECRET}`;
      const credentials = { [auth.field ?? 'apiKey']: SECRET };
      if (auth.in === 'query') return { credentials, assertion: `expect(request.query[${stringLiteral(auth.name)}]).toBe(${stringLiteral(value)});` };
      if (auth.in === 'cookie') {
        return { credentials, assertion: `expect(request.headers.cookie).toBe(${stringLiteral(`${auth.name}=${value}`)});`, header: 'cookie' };
      }
      const header = auth.name.toLowerCase();
      return { credentials, assertion: `expect(request.headers[${stringLiteral(header)}]).toBe(${stringLiteral(value)});`, header };
    }
    case 'basic': {
      const encoded = Buffer.from(`test-user:${SECRET}`).toString('base64');
      return {
        credentials: { [auth.usernameField ?? 'username']: 'test-user', [auth.passwordField ?? 'password']: SECRET },
        assertion: `expect(request.headers.authorization).toBe('Basic ${encoded}');`,
        header: 'authorization',
      };
    }
    default:
      return { credentials: {} };
  }
}
