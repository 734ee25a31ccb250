import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ConnectorModule } from '@patchbay/contract';
import { IntegrationManager } from '@patchbay/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIRECTORY, linkToolchain, npmRun, patchbay, startStandIn, temporaryDirectory, type StandIn } from './cli-binary.test-helper.js';
import { clientCredentialsDocument, cookieKeyDocument, stripeLikeDocument, twilioLikeDocument } from './openapi/vendor-documents.test-helper.js';

// Stripe's and Twilio's own documents, gzipped in test-documents/; PATCHBAY_SPECS names another folder.
const SPECS = process.env.PATCHBAY_SPECS ?? path.resolve(CLI_DIRECTORY, 'test-documents');
const STRIPE_DOCUMENT = path.join(SPECS, 'stripe-2020-08-27.openapi.json.gz');
const TWILIO_DOCUMENT = path.join(SPECS, 'twilio-api-v2010.openapi.json.gz');

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const SUBACCOUNT_SID = 'ACfedcba9876543210fedcba9876543210';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let root: string;
let server: StandIn;
const managers: IntegrationManager[] = [];

beforeAll(async () => {
  root = await temporaryDirectory('auth');
  server = await startStandIn((request) => ({ status: 200, body: { sid: 'SM1', id: 'cus_1', path: request.path } }));
});

afterAll(async () => {
  await Promise.all(managers.map((manager) => manager.close()));
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** `patchbay new --from-openapi`, then the package's own build; returns its built module. */
async function generate(name: string, exportName: string, source: string): Promise<{ module: ConnectorModule; directory: string }> {
  const directory = path.join(root, name);
  const generated = await patchbay(['new', name, '--dir', directory, '--from-openapi', source], { cwd: root, timeoutMs: 600_000 });
  expect(generated.code, generated.stderr).toBe(0);
  await linkToolchain(directory);
  const built = await npmRun(directory, 'build', 900_000);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  const exported = (await import(pathToFileURL(path.join(directory, 'dist', 'index.js')).href)) as Record<string, ConnectorModule>;
  return { module: exported[exportName]!, directory };
}

async function documentFile(name: string, document: object): Promise<string> {
  const file = path.join(root, `${name}.json`);
  await writeFile(file, JSON.stringify(document));
  return file;
}

/** A manager using the generated module, connected to the loopback stand-in. */
async function connect(module: ConnectorModule, credentials: Record<string, unknown>, config: Record<string, unknown> = {}) {
  const manager = await IntegrationManager.create({ cwd: root, modules: [module] });
  managers.push(manager);
  await manager.connect({ id: module.id, connector: module.id, credentials, config: { baseUrl: server.url, ...config } });
  return manager;
}

/** The requests the stand-in got while `action` ran. */
async function requestsDuring(action: () => Promise<unknown>) {
  const before = server.requests.length;
  await action();
  return server.requests.slice(before);
}

async function expectOwnTestsPass(directory: string): Promise<void> {
  const tested = await npmRun(directory, 'test', 900_000);
  expect(tested.code, tested.stdout + tested.stderr).toBe(0);
  expect(tested.stdout).toMatch(/Tests\s+\d+ passed/);
}

/** Twilio's conventions, on the generated module of either document. */
async function expectTwilioConventions(module: ConnectorModule): Promise<void> {
  expect(module.auth).toMatchObject({ strategy: 'basic', usernameField: 'accountSid', passwordField: 'authToken' });
  const twilio = await connect(module, { accountSid: ACCOUNT_SID, authToken: 'twilio-token-1' });

  const [sent] = await requestsDuring(async () => {
    const result = await twilio.execute(module.id, 'createMessage', { To: '+15558675310', Body: 'Hello' });
    expect(result).toMatchObject({ ok: true, meta: { status: 200 } });
  });
  expect(sent).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` });
  expect(sent!.headers.authorization).toBe(basic(ACCOUNT_SID, 'twilio-token-1'));
  expect(Object.fromEntries(new URLSearchParams(sent!.body))).toMatchObject({ To: '+15558675310', Body: 'Hello' });
  expect(sent!.body).not.toContain('AccountSid');

  // The account is the connection's: naming one in the input is refused before anything is sent.
  const refused = await requestsDuring(async () => {
    const result = await twilio.execute(module.id, 'createMessage', { AccountSid: SUBACCOUNT_SID, To: '+15558675310' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer)).toContain('/AccountSid');
  });
  expect(refused).toEqual([]);

  // A subaccount, with the parent's credentials: `config.accountSid` names the account in the path.
  const parent = await connect(module, { accountSid: ACCOUNT_SID, authToken: 'twilio-token-1' }, { accountSid: SUBACCOUNT_SID });
  const [listed] = await requestsDuring(() => parent.execute(module.id, 'listMessage', { To: '+15558675310' }));
  expect(listed).toMatchObject({ method: 'GET', path: `/2010-04-01/Accounts/${SUBACCOUNT_SID}/Messages.json`, query: { To: '+15558675310' } });
  expect(listed!.headers.authorization).toBe(basic(ACCOUNT_SID, 'twilio-token-1'));
}

/** Stripe's convention: the secret key as a bearer token. */
async function expectStripeConventions(module: ConnectorModule): Promise<void> {
  expect(module.auth).toMatchObject({ strategy: 'bearer', field: 'secretKey' });
  const stripe = await connect(module, { secretKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' });
  const [fetched, created] = await requestsDuring(async () => {
    expect(await stripe.execute(module.id, 'getCustomersCustomer', { customer: 'cus_1' })).toMatchObject({ ok: true });
    expect(await stripe.execute(module.id, 'postCustomers', { email: 'ada@example.com' })).toMatchObject({ ok: true });
  });
  expect(fetched).toMatchObject({ method: 'GET', path: '/v1/customers/cus_1' });
  expect(created).toMatchObject({ method: 'POST', path: '/v1/customers' });
  for (const request of [fetched!, created!]) expect(request.headers.authorization).toBe('Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc');
  expect(Object.fromEntries(new URLSearchParams(created!.body))).toMatchObject({ email: 'ada@example.com' });
}

describe('generated connectors authenticate as the vendor means it (small documents on the vendors’ hosts)', () => {
  it('Twilio: basic auth with the account SID, {AccountSid} from the connection, and the package passes its own tests', async () => {
    const { module, directory } = await generate('twilio-mini', 'TwilioMiniModule', await documentFile('twilio-mini', twilioLikeDocument()));
    await expectTwilioConventions(module);
    const source = await readFile(path.join(directory, 'src', 'twilio-mini-module.ts'), 'utf8');
    expect(source).toContain("connectionParams: (connection) => ({ AccountSid: connectionValue(connection, 'accountSid', 'accountSid') }),");
    await expectOwnTestsPass(directory);
  });

  it('Stripe: the secret key as a bearer token', async () => {
    const { module } = await generate('stripe-mini', 'StripeMiniModule', await documentFile('stripe-mini', stripeLikeDocument));
    await expectStripeConventions(module);
  });

  it('an API key in a cookie, end to end, with the package passing its own tests', async () => {
    const { module, directory } = await generate('cookie-shop', 'CookieShopModule', await documentFile('cookie-shop', cookieKeyDocument));
    expect(module.auth).toMatchObject({ strategy: 'api_key', in: 'cookie', name: 'shop_session' });
    const shop = await connect(module, { apiKey: 'cookie-key-8642' });
    const [fetched, created] = await requestsDuring(async () => {
      expect(await shop.execute('cookie-shop', 'orders.get', { orderId: 'o-1' })).toMatchObject({ ok: true });
      expect(await shop.execute('cookie-shop', 'orders.create', { item: 'scone', quantity: 2 })).toMatchObject({ ok: true });
    });
    expect(fetched).toMatchObject({ method: 'GET', path: '/orders/o-1' });
    expect(created).toMatchObject({ method: 'POST', path: '/orders', body: '{"item":"scone","quantity":2}' });
    for (const request of [fetched!, created!]) {
      expect(request.headers.cookie).toBe('shop_session=cookie-key-8642');
      expect(request.headers.authorization).toBeUndefined();
    }
    await expectOwnTestsPass(directory);
  });
});

describe('OAuth2 client credentials', () => {
  it('generates the metadata the runtime fetches tokens with, and credentials that ask for the client id and secret', async () => {
    const { module, directory } = await generate('fleet', 'FleetModule', await documentFile('fleet', clientCredentialsDocument));
    expect(module.auth).toMatchObject({
      strategy: 'oauth2',
      grantType: 'client_credentials',
      tokenUrl: 'https://api.fleet.test/oauth/token',
      scopes: ['vehicles:read'],
      environment: { clientId: 'FLEET_CLIENT_ID', clientSecret: 'FLEET_CLIENT_SECRET' },
      credentialsSchema: { required: ['clientId', 'clientSecret'] },
    });
    expect(module.auth).not.toHaveProperty('authorizationUrl');
    // A token the app already holds is sent as it is.
    const fleet = await connect(module, { clientId: 'fleet-app', clientSecret: 'fleet-secret', accessToken: 'fleet-token-1' });
    const [sent] = await requestsDuring(async () => expect(await fleet.execute('fleet', 'vehicles.get', { vehicleId: 'v-9' })).toMatchObject({ ok: true }));
    expect(sent).toMatchObject({ method: 'GET', path: '/vehicles/v-9' });
    expect(sent!.headers.authorization).toBe('Bearer fleet-token-1');
    await expectOwnTestsPass(directory);
  });
});

describe('generated from the vendors’ own documents', () => {
  async function gunzipped(file: string): Promise<string> {
    const target = path.join(root, path.basename(file, '.gz'));
    await writeFile(target, gunzipSync(await readFile(file)));
    return target;
  }

  it("Twilio's 2010 API", async () => {
    const { module, directory } = await generate('twilio-api', 'TwilioApiModule', await gunzipped(TWILIO_DOCUMENT));
    await expectTwilioConventions(module);
    // No operation asks the caller for the account: every `{AccountSid}` is the connection's.
    const asking = Object.entries(module.operations).filter(([, operation]) => 'AccountSid' in (operation.inputSchema.properties ?? {}));
    expect(asking.map(([id]) => id)).toEqual([]);
    const filled = Object.values(module.operations).filter((operation) => operation.http?.path.includes('{AccountSid}'));
    expect(filled.length).toBeGreaterThan(150);
    await expectOwnTestsPass(directory);
  });

  it("Stripe's 2020-08-27 API", async () => {
    const { module } = await generate('stripe-api', 'StripeApiModule', await gunzipped(STRIPE_DOCUMENT));
    await expectStripeConventions(module);
  });
});
