import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromOpenApi } from './plan-from-openapi.js';
import { vendorConvention } from './vendor-conventions.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'patchbay-conventions-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const accountSid = { name: 'AccountSid', in: 'path', required: true, schema: { type: 'string', pattern: '^AC[0-9a-fA-F]{32}$' } };
const form = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties, required } } },
});

/** A document shaped like the vendors': the same hosts and security schemes, a few operations. */
function twilioLike(host: string) {
  return {
    openapi: '3.0.1',
    info: { title: 'Twilio - Api', version: '1.0.0' },
    servers: [{ url: `https://${host}` }],
    components: { securitySchemes: { accountSid_authToken: { type: 'http', scheme: 'basic' } } },
    security: [{ accountSid_authToken: [] }],
    paths: {
      '/2010-04-01/Accounts/{AccountSid}/Messages.json': {
        servers: [{ url: `https://${host}` }],
        get: { operationId: 'ListMessage', parameters: [accountSid, { name: 'To', in: 'query', schema: { type: 'string' } }] },
        post: { operationId: 'CreateMessage', parameters: [accountSid], requestBody: form({ To: { type: 'string' }, Body: { type: 'string' } }, ['To']) },
      },
      '/2010-04-01/Accounts/{Sid}.json': {
        get: { operationId: 'FetchAccount', parameters: [{ name: 'Sid', in: 'path', required: true, schema: { type: 'string' } }] },
      },
    },
  };
}

const stripeLike = {
  openapi: '3.0.0',
  info: { title: 'Stripe API', version: '2020-08-27' },
  servers: [{ url: 'https://api.stripe.com/' }],
  components: {
    securitySchemes: {
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'auth-scheme' },
    },
  },
  security: [{ basicAuth: [] }, { bearerAuth: [] }],
  paths: { '/v1/balance': { get: { operationId: 'GetBalance' } } },
};

async function plan(name: string, document: object, auth?: string) {
  const file = path.join(folder, `${name}.json`);
  await writeFile(file, JSON.stringify(document));
  return planFromOpenApi({ source: file, cwd: folder, name, filters: { include: [], exclude: [] }, environmentPrefix: name.toUpperCase(), onProgress: () => undefined, ...(auth ? { auth } : {}) });
}

describe('vendor conventions, matched by the host of the document’s servers', () => {
  it('Stripe: the secret key as a bearer token, not the basic auth the document lists first', async () => {
    const stripe = await plan('stripe', stripeLike);
    expect(stripe.vendorConvention).toBe('Stripe');
    expect(stripe.auth).toMatchObject({ strategy: 'bearer', field: 'secretKey', environment: { secretKey: 'STRIPE_SECRET_KEY' }, credentialsSchema: { required: ['secretKey'] } });
    expect(stripe.connectionParameters).toBeUndefined();
  });

  it('Twilio: basic auth with the account SID and auth token, and {AccountSid} filled from the connection', async () => {
    const twilio = await plan('twilio', twilioLike('api.twilio.com'));
    expect(twilio.vendorConvention).toBe('Twilio');
    expect(twilio.auth).toMatchObject({
      strategy: 'basic',
      usernameField: 'accountSid',
      passwordField: 'authToken',
      environment: { accountSid: 'TWILIO_ACCOUNT_SID', authToken: 'TWILIO_AUTH_TOKEN' },
      credentialsSchema: { required: ['accountSid', 'authToken'] },
    });
    expect(twilio.connectionParameters).toEqual({ AccountSid: { config: 'accountSid', credential: 'accountSid' } });
    const byId = Object.fromEntries(twilio.operations.map((operation) => [operation.id, operation]));
    // The path keeps the placeholder; the input no longer has the field, so an input naming it is refused.
    expect(byId.createMessage!.http.path).toBe('/2010-04-01/Accounts/{AccountSid}/Messages.json');
    expect(byId.createMessage!.inputSchema).toEqual({ type: 'object', additionalProperties: false, properties: { To: { type: 'string' }, Body: { type: 'string' } }, required: ['To'] });
    expect(byId.listMessage!.inputSchema).toEqual({ type: 'object', additionalProperties: false, properties: { To: { type: 'string' } } });
    // `{Sid}` names the account being fetched, which is the caller's to choose.
    expect(byId.fetchAccount!.inputSchema.required).toEqual(['Sid']);
  });

  it('does nothing for the same document on another host', async () => {
    const other = await plan('other', twilioLike('api.example.com'));
    expect(other.vendorConvention).toBeUndefined();
    expect(other.connectionParameters).toBeUndefined();
    expect(other.auth).toMatchObject({ strategy: 'basic', environment: { username: 'OTHER_USERNAME' } });
    expect(other.operations.find((operation) => operation.id === 'createMessage')!.inputSchema.required).toEqual(['AccountSid', 'To']);
  });

  it('an --auth flag wins over the convention’s auth; the account still comes from the connection', async () => {
    const twilio = await plan('twilio-bearer', twilioLike('api.twilio.com'), 'bearer');
    expect(twilio.auth.strategy).toBe('bearer');
    expect(twilio.connectionParameters).toEqual({ AccountSid: { config: 'accountSid', credential: 'accountSid' } });
  });

  it('matches Swagger 2 documents by `host`', () => {
    expect(vendorConvention({ swagger: '2.0', host: 'api.stripe.com', paths: {} })?.vendor).toBe('Stripe');
    expect(vendorConvention({ openapi: '3.0.0', servers: [{ url: '/relative' }], paths: {} })).toBeUndefined();
  });
});
