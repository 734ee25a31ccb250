import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectorModule } from '@patchbay/contract';
import { CredentialCipher, FileConnectionStore, IntegrationManager } from '@patchbay/runtime';
import {
  startAirtableStandIn,
  startGoogleSheetsStandIn,
  startHubspotStandIn,
  startJiraStandIn,
  startNotionStandIn,
  startOAuthStandIn,
  startSlackStandIn,
  type OAuthStandIn,
  type OAuthVendor,
  type RecordedRequest,
} from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnectorPackages } from './connector-packages.js';

const REDIRECT = 'https://app.example/oauth/callback';
const cipher = new CredentialCipher([['k1', randomBytes(32)]]);

interface VendorCase {
  connector: string;
  vendor: OAuthVendor;
  /** Starts the vendor's API stand-in; returns the OAuth stand-in options and the connection's config. */
  start(): Promise<{ accessToken: () => string; config: Record<string, unknown>; cloudId?: string; close(): Promise<void> }>;
  operation: [string, Record<string, unknown>];
  userScopes?: string[];
  /** Vendor quirks, checked on the authorization URL, the token request and the stored connection. */
  check(url: URL, tokenRequest: RecordedRequest, stored: { credentials: Record<string, unknown>; config: Record<string, unknown> }, idp: OAuthStandIn): void;
}

let jiraCloudId: string | undefined;

const basicOf = (idp: OAuthStandIn) => `Basic ${Buffer.from(`${idp.clientId}:${idp.clientSecret}`).toString('base64')}`;

const cases: VendorCase[] = [
  {
    connector: 'slack',
    vendor: 'slack',
    async start() {
      const api = await startSlackStandIn();
      return { accessToken: () => api.token, config: { baseUrl: api.apiUrl }, close: () => api.close() };
    },
    operation: ['auth.test', {}],
    userScopes: ['search:read', 'users:read'],
    check(url, tokenRequest, stored) {
      expect(url.searchParams.get('scope')).toBe('chat:write,channels:read,channels:history,users:read,users:read.email,reactions:write');
      expect(url.searchParams.get('user_scope')).toBe('search:read,users:read');
      expect(tokenRequest.form).toMatchObject({ grant_type: 'authorization_code', client_id: 'slack-client-id' });
      // The bot token is the connection's token; the installing user's token is kept beside it.
      expect(stored.credentials).toMatchObject({ accessToken: 'xoxb-standin-token', userToken: expect.stringMatching(/^xoxp-/) });
      expect(stored.config.oauth).toMatchObject({ team: { id: 'T0STANDIN' }, bot_user_id: 'U0STANDBOT', authed_user: { id: 'U0STANDUSER', scope: 'search:read,users:read' } });
      expect(JSON.stringify(stored.config)).not.toContain('xoxp-');
    },
  },
  {
    connector: 'notion',
    vendor: 'notion',
    async start() {
      const api = await startNotionStandIn();
      return { accessToken: () => api.token, config: { baseUrl: api.apiUrl }, close: () => api.close() };
    },
    operation: ['users.me', {}],
    check(url, tokenRequest, stored, idp) {
      expect(url.searchParams.get('owner')).toBe('user');
      expect(url.searchParams.has('scope')).toBe(false);
      expect(tokenRequest.headers['content-type']).toBe('application/json');
      expect(tokenRequest.headers.authorization).toBe(basicOf(idp));
      expect(tokenRequest.json).toEqual({ grant_type: 'authorization_code', code: expect.any(String), redirect_uri: REDIRECT });
      expect(stored.config.oauth).toMatchObject({ workspace_id: 'ws-standin', bot_id: 'b0t-standin' });
    },
  },
  {
    connector: 'jira',
    vendor: 'jira',
    async start() {
      const api = await startJiraStandIn();
      jiraCloudId = api.cloudId;
      const accessToken = () => {
        const token = `jira_at_${randomBytes(6).toString('hex')}`;
        api.accessTokens.add(token);
        return token;
      };
      return { accessToken, cloudId: api.cloudId, config: { baseUrl: `${api.url}/ex/jira/{cloudId}` }, close: () => api.close() };
    },
    operation: ['myself.get', {}],
    check(url, tokenRequest, stored, idp) {
      expect(url.searchParams.get('audience')).toBe('api.atlassian.com');
      expect(url.searchParams.get('prompt')).toBe('consent');
      expect(url.searchParams.get('scope')).toBe('read:jira-work write:jira-work offline_access');
      expect(tokenRequest.headers['content-type']).toBe('application/json');
      expect(tokenRequest.json).toMatchObject({ grant_type: 'authorization_code', client_id: idp.clientId, client_secret: idp.clientSecret, redirect_uri: REDIRECT });
      // accessible-resources → cloud id → the API's base URL.
      expect(stored.config.cloudId).toBe(jiraCloudId);
      expect(stored.credentials).toMatchObject({ refreshToken: expect.stringMatching(/^rt_/), expiresAt: expect.any(Number) });
    },
  },
  {
    connector: 'airtable',
    vendor: 'airtable',
    async start() {
      const api = await startAirtableStandIn();
      return { accessToken: () => api.token, config: { baseUrl: api.apiUrl }, close: () => api.close() };
    },
    operation: ['bases.list', {}],
    check(url, tokenRequest, stored, idp) {
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(tokenRequest.headers.authorization).toBe(basicOf(idp));
      expect(tokenRequest.form).toEqual({ grant_type: 'authorization_code', code: expect.any(String), redirect_uri: REDIRECT, code_verifier: expect.stringMatching(/^[\w-]{43}$/) });
      expect(stored.credentials).toMatchObject({ refreshToken: expect.stringMatching(/^rt_/) });
    },
  },
  {
    connector: 'google-sheets',
    vendor: 'google',
    async start() {
      const api = await startGoogleSheetsStandIn();
      const accessToken = () => {
        const token = `ya29.${randomBytes(6).toString('hex')}`;
        api.accessTokens.set(token, 'spreadsheets');
        return token;
      };
      return { accessToken, config: { baseUrl: `${api.url}/v4` }, close: () => api.close() };
    },
    operation: ['spreadsheets.create', {}],
    check(url, tokenRequest, stored) {
      expect(url.searchParams.get('access_type')).toBe('offline');
      expect(url.searchParams.get('prompt')).toBe('consent');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(tokenRequest.form).toMatchObject({ grant_type: 'authorization_code', client_id: 'google-client-id', client_secret: 'google-client-secret' });
      // Offline access with the consent prompt is what gets a refresh token.
      expect(stored.credentials).toMatchObject({ refreshToken: expect.stringMatching(/^rt_/) });
    },
  },
  {
    connector: 'hubspot',
    vendor: 'hubspot',
    async start() {
      const api = await startHubspotStandIn();
      return { accessToken: () => api.token, config: { baseUrl: api.url }, close: () => api.close() };
    },
    operation: ['contacts.list', {}],
    check(url, tokenRequest, stored) {
      expect(url.searchParams.get('scope')).toBe('crm.objects.contacts.read crm.objects.contacts.write');
      expect(tokenRequest.form).toMatchObject({ grant_type: 'authorization_code', client_id: 'hubspot-client-id', client_secret: 'hubspot-client-secret' });
      expect(tokenRequest.headers).not.toHaveProperty('authorization');
      // HubSpot access tokens last 30 minutes.
      expect(Number(stored.credentials.expiresAt) - Date.now()).toBeLessThanOrEqual(1_800_000);
      expect(stored.credentials).toMatchObject({ refreshToken: expect.stringMatching(/^rt_/) });
    },
  },
];

let modules: ConnectorModule[];
let folder: string;

beforeAll(async () => {
  const wanted = new Set(cases.map((vendorCase) => `@patchbay/connector-${vendorCase.connector}`));
  const packages = findConnectorPackages().filter((found) => wanted.has(found.name));
  modules = await Promise.all(packages.map(async (found) => (await import(pathToFileURL(found.modulePath).href))[found.exportName] as ConnectorModule));
  folder = await mkdtemp(join(tmpdir(), 'patchbay-vendor-flows-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('OAuth2 authorization-code flows against vendor stand-ins, no browser', () => {
  for (const vendorCase of cases) {
    it(`${vendorCase.connector}: authorize, exchange the code, store the connection, call the API`, async () => {
      const api = await vendorCase.start();
      const idp = await startOAuthStandIn({ vendor: vendorCase.vendor, accessToken: api.accessToken, ...(api.cloudId ? { cloudId: api.cloudId } : {}) });
      const store = new FileConnectionStore({ directory: folder, cipher });
      const manager = await IntegrationManager.create({
        cwd: process.cwd(),
        modules,
        store,
        oauthClients: {
          [vendorCase.connector]: {
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
            redirectUri: REDIRECT,
            authorizationUrl: idp.authorizationUrl,
            tokenUrl: idp.tokenUrl,
            ...(idp.accessibleResourcesUrl ? { accessibleResourcesUrl: idp.accessibleResourcesUrl } : {}),
          },
        },
      });
      try {
        const start = manager.createAuthorizationUrl({ connector: vendorCase.connector, connectionId: `${vendorCase.connector}-user`, config: api.config, ...(vendorCase.userScopes ? { userScopes: vendorCase.userScopes } : {}) });
        const callback = await idp.authorize(start.url);
        expect(callback.origin + callback.pathname).toBe(REDIRECT);

        await manager.completeAuthorization({ state: callback.searchParams.get('state')!, code: callback.searchParams.get('code')! });

        const stored = (await new FileConnectionStore({ directory: folder, cipher }).get(`${vendorCase.connector}-user`))!;
        const tokenRequest = idp.requests.find((request) => request.method === 'POST')!;
        vendorCase.check(new URL(start.url), tokenRequest, stored, idp);
        expect(stored.credentials).toMatchObject({ clientId: idp.clientId });

        const [operation, input] = vendorCase.operation;
        const result = await manager.execute(`${vendorCase.connector}-user`, operation, input);
        expect(result).toMatchObject({ ok: true });
      } finally {
        await manager.close();
        await Promise.all([idp.close(), api.close()]);
      }
    });
  }
});
