import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startSendgridStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { SendgridModule, type SendgridOperations } from './index.js';

const sendgrid = useConnectorTest({
  module: SendgridModule,
  start: startSendgridStandIn,
  connectionId: 'sg',
  connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } }),
});

const mail = {
  personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada' }], dynamic_template_data: { first_name: 'Ada' } }],
  from: { email: 'hello@example.com', name: 'Example' },
  subject: 'Welcome',
  content: [{ type: 'text/plain', value: 'Hello Ada' }],
};

describe('SendGrid connector against a SendGrid stand-in', () => {
  it('sends mail with the API key as a bearer token; the 202 has no body, so data carries X-Message-Id', async () => {
    const result = await sendgrid.manager.execute('sg', 'mail.send', mail);
    expect(result).toMatchObject({ ok: true, meta: { status: 202, attempts: 1, rateLimit: { limit: 600 } } });
    expect(result.ok && result.data).toEqual({ messageId: sendgrid.standIn.state.mail[0]!.messageId });
    const request = sendgrid.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/v3/mail/send' });
    expect(request.headers.authorization).toBe(`Bearer ${sendgrid.standIn.apiKey}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-sendgrid\//);
    expect(request.json).toEqual(mail);
    expect(sendgrid.standIn.state.mail).toHaveLength(1);
  });

  it('reports SendGrid’s field errors', async () => {
    const result = await sendgrid.manager.execute('sg', 'mail.send', { personalizations: mail.personalizations, from: mail.from, content: mail.content });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, retryable: false }, meta: { attempts: 1 } });
    expect(result.ok ? '' : result.error.message).toContain('subject: The subject is required');
    expect(result.ok ? [] : (result.error.details as { errors: { help: string }[] }).errors[0]!.help).toMatch(/#message\.subject$/);
  });

  it('upserts contacts with PUT and answers the job id', async () => {
    const result = await sendgrid.manager.execute('sg', 'contacts.upsert', { list_ids: ['list-1'], contacts: [{ email: 'new@example.com', first_name: 'New' }] });
    expect(result).toMatchObject({ ok: true, data: { job_id: expect.any(String) }, meta: { status: 202 } });
    expect(sendgrid.lastRequest()).toMatchObject({ method: 'PUT', path: '/v3/marketing/contacts' });
    expect(sendgrid.lastRequest().json).toEqual({ list_ids: ['list-1'], contacts: [{ email: 'new@example.com', first_name: 'New' }] });
  });

  it('upserts a contact by any one identifier; phone_number_id is the phone field, phone_number is refused', async () => {
    const byPhone = { contacts: [{ phone_number_id: '+14155550100', first_name: 'Pat' }, { external_id: 'crm-42' }, { anonymous_id: 'anon-9' }] };
    const result = await sendgrid.manager.execute('sg', 'contacts.upsert', byPhone);
    expect(result).toMatchObject({ ok: true, data: { job_id: expect.any(String) }, meta: { status: 202 } });
    expect(sendgrid.lastRequest()).toMatchObject({ method: 'PUT', path: '/v3/marketing/contacts', json: byPhone });
    expect(sendgrid.standIn.state.contacts.get('phone_number_id:+14155550100')).toMatchObject({ first_name: 'Pat' });

    const requests = sendgrid.standIn.requests.length;
    const oldName = await sendgrid.manager.execute('sg', 'contacts.upsert', { contacts: [{ email: 'pat@example.com', phone_number: '+14155550100' }] });
    expect(oldName).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    const anonymous = await sendgrid.manager.execute('sg', 'contacts.upsert', { contacts: [{ first_name: 'Nobody' }] });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(sendgrid.standIn.requests).toHaveLength(requests);
  });

  it('searches contacts with SGQL', async () => {
    const result = await sendgrid.manager.execute('sg', 'contacts.search', { query: "email LIKE 'a%'" });
    expect(result).toMatchObject({ ok: true, data: { contact_count: 2 } });
    expect(sendgrid.lastRequest()).toMatchObject({ method: 'POST', path: '/v3/marketing/contacts/search' });
    expect(sendgrid.lastRequest().json).toEqual({ query: "email LIKE 'a%'" });
  });

  it('lists contact lists page by page with the page_token of _metadata.next', async () => {
    const sg = sendgrid.manager.connection<SendgridOperations>('sg');
    const names: string[] = [];
    let page_token: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const result = await sg.execute('lists.list', { page_size: 2, ...(page_token ? { page_token } : {}) });
      if (!result.ok) throw new Error(result.error.message);
      names.push(...result.data.result.map((list) => list.name));
      page_token = result.meta.nextCursor;
      if (page_token === undefined) break;
    }
    expect(names).toEqual(sendgrid.standIn.state.lists.map((list) => list.name));
    expect(sendgrid.standIn.requests).toHaveLength(3);
    expect(sendgrid.standIn.requests[1]).toMatchObject({ method: 'GET', path: '/v3/marketing/lists', query: { page_size: '2', page_token: expect.any(String) } });
  });

  it('lists dynamic templates', async () => {
    const result = await sendgrid.manager.connection<SendgridOperations>('sg').execute('templates.list', { generations: 'dynamic', page_size: 10 });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.data.result.map((template) => template.id.slice(0, 2))).toEqual(Array(5).fill('d-'));
    expect(sendgrid.lastRequest()).toMatchObject({ method: 'GET', path: '/v3/templates', query: { generations: 'dynamic', page_size: '10' } });
  });

  it('lists bounces by offset, the next offset as the cursor', async () => {
    const first = await sendgrid.manager.execute('sg', 'bounces.list', { limit: 3 });
    expect(first).toMatchObject({ ok: true, meta: { nextCursor: '3' } });
    const second = await sendgrid.manager.execute('sg', 'bounces.list', { limit: 3, offset: 3 });
    expect(second).toMatchObject({ ok: true, data: [{ email: 'bounced4@example.com' }] });
    expect(second.meta.nextCursor).toBeUndefined();
    expect(sendgrid.lastRequest()).toMatchObject({ method: 'GET', path: '/v3/suppression/bounces', query: { limit: '3', offset: '3' } });
  });

  it('reads global stats for a date range', async () => {
    const result = await sendgrid.manager.execute('sg', 'stats.get', { start_date: '2026-01-01', end_date: '2026-01-03', aggregated_by: 'day' });
    expect(result).toMatchObject({ ok: true, data: [{ date: '2026-01-01' }, { date: '2026-01-02' }, { date: '2026-01-03' }] });
    expect(sendgrid.lastRequest()).toMatchObject({ method: 'GET', path: '/v3/stats', query: { start_date: '2026-01-01', end_date: '2026-01-03', aggregated_by: 'day' } });
  });

  it('rejects a mail without content or template before sending anything', async () => {
    const result = await sendgrid.manager.execute('sg', 'mail.send', { personalizations: mail.personalizations, from: mail.from, subject: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(sendgrid.standIn.requests).toHaveLength(0);
  });

  it('reports a revoked key as AUTH_FAILED without echoing it', async () => {
    await sendgrid.manager.connect({ id: 'bad', connector: 'sendgrid', credentials: { apiKey: 'SG.wrong_key_value' }, config: { baseUrl: sendgrid.standIn.url } });
    const result = await sendgrid.manager.execute('bad', 'lists.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, message: expect.stringContaining('authorization grant is invalid') } });
    expect(JSON.stringify(result)).not.toContain('SG.wrong_key_value');
  });

  it('waits for X-RateLimit-Reset after a 429, then sends the mail', async () => {
    sendgrid.standIn.rateLimitNext();
    const started = Date.now();
    const result = await sendgrid.manager.execute('sg', 'mail.send', mail);
    expect(result).toMatchObject({ ok: true, data: { messageId: expect.any(String) }, meta: { attempts: 2, status: 202 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(sendgrid.standIn.requests.map((request) => request.json)).toEqual([mail, mail]);
  });

  it('returns RATE_LIMITED with the reset time once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [SendgridModule], retry: { retries: 0 } });
    await manager.connect({ id: 'sg', connector: 'sendgrid', credentials: { apiKey: sendgrid.standIn.apiKey }, config: { baseUrl: sendgrid.standIn.url } });
    sendgrid.standIn.rateLimitNext();
    const result = await manager.execute('sg', 'stats.get', { start_date: '2026-01-01' });
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true }, meta: { attempts: 1, rateLimit: { remaining: 0 } } });
    expect(result.ok ? '' : result.error.message).toContain('too many requests');
  });
});
