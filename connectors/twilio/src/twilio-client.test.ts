import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startTwilioStandIn, type TwilioStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { TwilioModule, type TwilioOperations } from './index.js';

/** The account SID and its auth token; the harness and the test with its own manager both connect so. */
const authTokenConnection = (standIn: TwilioStandIn) => ({
  credentials: { accountSid: standIn.accountSid, authToken: standIn.authToken },
  config: { baseUrl: standIn.url },
});

const twilio = useConnectorTest({ module: TwilioModule, start: startTwilioStandIn, connectionId: 'twilio', connect: authTokenConnection });

const account = () => `/2010-04-01/Accounts/${twilio.standIn.accountSid}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Twilio connector against a Twilio stand-in', () => {
  it('sends the account SID and auth token as HTTP Basic credentials, the SID in the path', async () => {
    const result = await twilio.manager.execute('twilio', 'accounts.get', {});
    expect(result).toMatchObject({ ok: true, data: { sid: twilio.standIn.accountSid, status: 'active' }, meta: { attempts: 1, status: 200 } });
    const request = twilio.lastRequest();
    expect(request).toMatchObject({ method: 'GET', path: `${account()}.json`, body: '' });
    expect(request.headers.authorization).toBe(basic(twilio.standIn.accountSid, twilio.standIn.authToken));
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-twilio\//);
  });

  it('sends a message as a form with PascalCase names and MediaUrl repeated', async () => {
    const input = { To: '+14155550100', From: '+15005550006', Body: 'Your code is 123456', MediaUrl: ['https://example.com/a.png', 'https://example.com/b.png'] };
    const result = await twilio.manager.execute('twilio', 'messages.create', input);
    expect(result).toMatchObject({ ok: true, data: { status: 'queued', to: '+14155550100', num_media: '2' }, meta: { status: 201 } });
    const request = twilio.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: `${account()}/Messages.json` });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.body).toBe(
      'To=%2B14155550100&From=%2B15005550006&Body=Your%20code%20is%20123456&MediaUrl=https%3A%2F%2Fexample.com%2Fa.png&MediaUrl=https%3A%2F%2Fexample.com%2Fb.png',
    );
  });

  it('refuses an AccountSid in the input: the connection decides the account', async () => {
    const result = await twilio.manager.execute('twilio', 'messages.list', { AccountSid: 'AC00000000000000000000000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(twilio.standIn.requests).toHaveLength(0);
  });

  it('lists messages page by page with the PageToken of next_page_uri, on the connection’s own URL', async () => {
    const connection = twilio.manager.connection<TwilioOperations>('twilio');
    const sids: string[] = [];
    let PageToken: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const input: TwilioOperations['messages.list']['input'] = { PageSize: 5, ...(PageToken ? { PageToken } : {}) };
      const result = await connection.execute('messages.list', input);
      if (!result.ok) throw new Error(result.error.message);
      sids.push(...result.data.messages.map((message) => message.sid));
      PageToken = result.meta.nextCursor;
      if (PageToken === undefined) break;
    }
    expect(sids).toEqual(twilio.standIn.state.messages.map((message) => message.sid));
    expect(twilio.standIn.requests.map((request) => request.query)).toEqual([{ PageSize: '5' }, { PageSize: '5', PageToken: 'PT5' }, { PageSize: '5', PageToken: 'PT10' }]);
    expect(new Set(twilio.standIn.requests.map((request) => request.path))).toEqual(new Set([`${account()}/Messages.json`]));
  });

  it('gets a message by SID, and maps error 20404 to NOT_FOUND', async () => {
    const known = twilio.standIn.state.messages[0]!.sid;
    const found = await twilio.manager.execute('twilio', 'messages.get', { Sid: known });
    expect(found).toMatchObject({ ok: true, data: { sid: known } });
    expect(twilio.lastRequest()).toMatchObject({ method: 'GET', path: `${account()}/Messages/${known}.json` });

    const missing = await twilio.manager.execute('twilio', 'messages.get', { Sid: `SM${'0'.repeat(32)}` });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, message: expect.stringContaining('20404: The requested resource') } });
  });

  it('places a call with StatusCallbackEvent repeated and lists completed calls', async () => {
    const placed = await twilio.manager.execute('twilio', 'calls.create', {
      To: '+14155550100',
      From: '+15005550006',
      Url: 'https://example.com/twiml',
      StatusCallbackEvent: ['initiated', 'completed'],
      Record: true,
    });
    expect(placed).toMatchObject({ ok: true, data: { status: 'queued' }, meta: { status: 201 } });
    expect(twilio.lastRequest()).toMatchObject({ method: 'POST', path: `${account()}/Calls.json` });
    expect(twilio.lastRequest().body).toBe(
      'To=%2B14155550100&From=%2B15005550006&Url=https%3A%2F%2Fexample.com%2Ftwiml&StatusCallbackEvent=initiated&StatusCallbackEvent=completed&Record=true',
    );

    const listed = await twilio.manager.execute('twilio', 'calls.list', { Status: 'completed' });
    expect(listed).toMatchObject({ ok: true, data: { calls: [{ status: 'completed' }, { status: 'completed' }] } });
    expect(twilio.lastRequest()).toMatchObject({ method: 'GET', path: `${account()}/Calls.json`, query: { Status: 'completed' } });
  });

  it('lists the account’s phone numbers', async () => {
    const result = await twilio.manager.execute('twilio', 'incomingPhoneNumbers.list', { PhoneNumber: '+15005550006' });
    expect(result).toMatchObject({ ok: true, data: { incoming_phone_numbers: [{ phone_number: '+15005550006' }] } });
    expect(twilio.lastRequest()).toMatchObject({ method: 'GET', path: `${account()}/IncomingPhoneNumbers.json`, query: { PhoneNumber: '+15005550006' } });
  });

  it('authenticates with an API key SID and secret, the account SID still in the path', async () => {
    await twilio.manager.connect({
      id: 'api-key',
      connector: 'twilio',
      credentials: { accountSid: twilio.standIn.accountSid, apiKeySid: twilio.standIn.apiKeySid, apiKeySecret: twilio.standIn.apiKeySecret },
      config: { baseUrl: twilio.standIn.url },
    });
    const result = await twilio.manager.execute('api-key', 'messages.list', { PageSize: 1 });
    expect(result.ok).toBe(true);
    expect(twilio.lastRequest().path).toBe(`${account()}/Messages.json`);
    expect(twilio.lastRequest().headers.authorization).toBe(basic(twilio.standIn.apiKeySid, twilio.standIn.apiKeySecret));
  });

  it('addresses a subaccount named in config.accountSid', async () => {
    const subaccount = 'AC' + 'f'.repeat(32);
    await twilio.manager.connect({
      id: 'sub',
      connector: 'twilio',
      credentials: { accountSid: twilio.standIn.accountSid, authToken: twilio.standIn.authToken },
      config: { baseUrl: twilio.standIn.url, accountSid: subaccount },
    });
    await twilio.manager.execute('sub', 'messages.list', {});
    expect(twilio.lastRequest().path).toBe(`/2010-04-01/Accounts/${subaccount}/Messages.json`);
  });

  it('reports Twilio’s validation errors with their code', async () => {
    const result = await twilio.manager.execute('twilio', 'messages.create', { To: 'not-a-number', From: '+15005550006', Body: 'Hi' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, retryable: false, details: { code: 21211 } }, meta: { attempts: 1 } });
    expect(result.ok ? '' : result.error.message).toContain("21211: Invalid 'To' Phone Number");
  });

  it('reports error 20003 as AUTH_FAILED without echoing the token', async () => {
    await twilio.manager.connect({
      id: 'bad',
      connector: 'twilio',
      credentials: { accountSid: twilio.standIn.accountSid, authToken: 'wrong_auth_token_value' },
      config: { baseUrl: twilio.standIn.url },
    });
    const result = await twilio.manager.execute('bad', 'accounts.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, message: expect.stringContaining('20003: Authenticate') } });
    expect(JSON.stringify(result)).not.toContain('wrong_auth_token_value');
  });

  it('retries a message refused with 20429 (nothing was sent), then succeeds', async () => {
    twilio.standIn.rateLimitNext();
    const result = await twilio.manager.execute('twilio', 'messages.create', { To: '+14155550100', From: '+15005550006', Body: 'Again' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2, status: 201 } });
    expect(twilio.standIn.requests.map((request) => request.body)).toEqual(Array(2).fill('To=%2B14155550100&From=%2B15005550006&Body=Again'));
  });

  it('returns RATE_LIMITED for 20429 once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [TwilioModule], retry: { retries: 0 } });
    await manager.connect({ id: 'twilio', connector: 'twilio', ...authTokenConnection(twilio.standIn) });
    twilio.standIn.rateLimitNext();
    const result = await manager.execute('twilio', 'calls.list', {});
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true, message: expect.stringContaining('20429') } });
  });
});
