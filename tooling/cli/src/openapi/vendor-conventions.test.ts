import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromOpenApi } from './plan-from-openapi.js';
import { vendorConvention } from './vendor-conventions.js';
import { stripeLikeDocument, twilioLikeDocument } from './vendor-documents.test-helper.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'patchbay-conventions-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function plan(name: string, document: object, auth?: string) {
  const file = path.join(folder, `${name}.json`);
  await writeFile(file, JSON.stringify(document));
  return planFromOpenApi({ source: file, cwd: folder, name, filters: { include: [], exclude: [] }, environmentPrefix: name.toUpperCase(), onProgress: () => undefined, ...(auth ? { auth } : {}) });
}

describe('vendor conventions, matched by the host of the document’s servers', () => {
  it('Stripe: the secret key as a bearer token, not the basic auth the document lists first', async () => {
    const stripe = await plan('stripe', stripeLikeDocument);
    expect(stripe.vendorConvention).toBe('Stripe');
    expect(stripe.auth).toMatchObject({ strategy: 'bearer', field: 'secretKey', environment: { secretKey: 'STRIPE_SECRET_KEY' }, credentialsSchema: { required: ['secretKey'] } });
    expect(stripe.connectionParameters).toBeUndefined();
  });

  it('Twilio: basic auth with the account SID and auth token, and {AccountSid} filled from the connection', async () => {
    const twilio = await plan('twilio', twilioLikeDocument('api.twilio.com'));
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
    const other = await plan('other', twilioLikeDocument('api.example.com'));
    expect(other.vendorConvention).toBeUndefined();
    expect(other.connectionParameters).toBeUndefined();
    expect(other.auth).toMatchObject({ strategy: 'basic', environment: { username: 'OTHER_USERNAME' } });
    expect(other.operations.find((operation) => operation.id === 'createMessage')!.inputSchema.required).toEqual(['AccountSid', 'To']);
  });

  it('an --auth flag wins over the convention’s auth; the account still comes from the connection', async () => {
    const twilio = await plan('twilio-bearer', twilioLikeDocument('api.twilio.com'), 'bearer');
    expect(twilio.auth.strategy).toBe('bearer');
    expect(twilio.vendorConvention).toBeUndefined();
    expect(twilio.connectionParameters).toEqual({ AccountSid: { config: 'accountSid', credential: 'accountSid' } });
  });

  it('matches Swagger 2 documents by `host`', () => {
    expect(vendorConvention({ swagger: '2.0', host: 'api.stripe.com', paths: {} })?.vendor).toBe('Stripe');
    expect(vendorConvention({ openapi: '3.0.0', servers: [{ url: '/relative' }], paths: {} })).toBeUndefined();
  });
});
