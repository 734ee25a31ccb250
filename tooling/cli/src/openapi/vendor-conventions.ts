import type { ConnectorAuth } from '@patchbay/contract';
import type { AuthDetails } from '../scaffold/auth-for-strategy.js';
import { credentialFields } from '../scaffold/credential-fields.js';
import { isRecord } from './schema-converter.js';

/** An input field the connection fills: its `config` field when set, else its `credential`. */
export interface ConnectionParameter {
  credential: string;
  config?: string;
}

/**
 * What a vendor means where its document under-specifies it. Matched by the host of the
 * document's servers, so a rule never leaks onto another API.
 */
export interface VendorConvention {
  vendor: string;
  hosts: readonly string[];
  /** Replaces the auth the document's security schemes give. */
  auth: (details: AuthDetails) => ConnectorAuth;
  /** Path parameters that name the connection's own account: filled from it, never from input. */
  connectionParameters?: Record<string, ConnectionParameter>;
}

export const VENDOR_CONVENTIONS: readonly VendorConvention[] = [
  {
    // The document declares `basic` and `bearer`; Stripe documents its secret key as a bearer token.
    vendor: 'Stripe',
    hosts: ['api.stripe.com'],
    auth: ({ environmentPrefix }) => ({
      strategy: 'bearer',
      field: 'secretKey',
      documentationUrl: 'https://stripe.com/docs/keys',
      environment: { secretKey: `${environmentPrefix}_SECRET_KEY` },
      credentialsSchema: credentialFields(
        { secretKey: 'Secret key (`sk_test_…`, `sk_live_…`) or restricted key (`rk_…`), sent as `Authorization: Bearer <key>`' },
        ['secretKey'],
      ),
    }),
  },
  {
    // Basic auth is the account SID and auth token, and every path names the account again.
    vendor: 'Twilio',
    hosts: ['api.twilio.com'],
    auth: ({ environmentPrefix }) => ({
      strategy: 'basic',
      usernameField: 'accountSid',
      passwordField: 'authToken',
      documentationUrl: 'https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http',
      environment: { accountSid: `${environmentPrefix}_ACCOUNT_SID`, authToken: `${environmentPrefix}_AUTH_TOKEN` },
      credentialsSchema: credentialFields(
        {
          accountSid: 'Account SID (`AC…`) from the Twilio Console; also fills `{AccountSid}` in every path',
          authToken: 'Auth token of the account',
        },
        ['accountSid', 'authToken'],
      ),
    }),
    // `config.accountSid` lets a connection act for a subaccount with its parent's credentials.
    connectionParameters: { AccountSid: { config: 'accountSid', credential: 'accountSid' } },
  },
];

/** The convention for the document's API, by the hosts its `servers` (or Swagger 2 `host`) name. */
export function vendorConvention(document: Record<string, unknown>, conventions: readonly VendorConvention[] = VENDOR_CONVENTIONS): VendorConvention | undefined {
  const hosts = documentHosts(document);
  return conventions.find((convention) => convention.hosts.some((host) => hosts.has(host)));
}

function documentHosts(document: Record<string, unknown>): Set<string> {
  const hosts = new Set<string>();
  if (typeof document.host === 'string') hosts.add(document.host.toLowerCase());
  for (const server of Array.isArray(document.servers) ? document.servers : []) {
    if (!isRecord(server) || typeof server.url !== 'string') continue;
    try {
      hosts.add(new URL(server.url).hostname.toLowerCase());
    } catch {
      // A relative or templated URL names no host.
    }
  }
  return hosts;
}
