import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { startHubspotStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { HubspotModule, type HubspotOperations } from './index.js';

const hubspot = useConnectorTest({
  module: HubspotModule,
  // A 1 s burst window keeps the rate-limit waits of these tests short; HubSpot's is 10 s.
  start: () => startHubspotStandIn({ intervalMs: 1000 }),
  connectionId: 'hubspot',
  connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.url } }),
});

describe('HubSpot connector against a HubSpot stand-in', () => {
  it('creates, gets and updates a contact as HubSpot documents it', async () => {
    const created = await hubspot.manager.execute('hubspot', 'contacts.create', { properties: { email: 'ada@example.com', firstname: 'Ada' } });
    expect(created).toMatchObject({ ok: true, data: { properties: { email: 'ada@example.com' } }, meta: { status: 201, attempts: 1, rateLimit: { limit: 100, remaining: 99 } } });
    const request = hubspot.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts' });
    expect(request.headers.authorization).toBe(`Bearer ${hubspot.standIn.token}`);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-hubspot\//);
    expect(request.json).toEqual({ properties: { email: 'ada@example.com', firstname: 'Ada' }, associations: [] });
    const contactId = (created as { data: { id: string } }).data.id;

    const fetched = await hubspot.manager.execute('hubspot', 'contacts.get', { contactId, properties: ['email', 'firstname'] });
    expect(fetched).toMatchObject({ ok: true, data: { id: contactId, properties: { email: 'ada@example.com', firstname: 'Ada' } } });
    expect(hubspot.lastRequest()).toMatchObject({ method: 'GET', path: `/crm/v3/objects/contacts/${contactId}`, query: { properties: 'email,firstname' } });
    expect(hubspot.lastRequest().body).toBe('');

    const updated = await hubspot.manager.execute('hubspot', 'contacts.update', { contactId, properties: { lastname: 'Lovelace' } });
    expect(updated).toMatchObject({ ok: true, data: { properties: { lastname: 'Lovelace' } } });
    expect(hubspot.lastRequest()).toMatchObject({ method: 'PATCH', path: `/crm/v3/objects/contacts/${contactId}` });
    expect(hubspot.lastRequest().json).toEqual({ properties: { lastname: 'Lovelace' } });
  });

  it('gets a contact by email through idProperty', async () => {
    const result = await hubspot.manager.execute('hubspot', 'contacts.get', { contactId: 'person3@example.com', idProperty: 'email' });
    expect(result).toMatchObject({ ok: true, data: { properties: { firstname: 'Person3' } } });
    expect(hubspot.lastRequest().query).toEqual({ idProperty: 'email' });
  });

  it('lists contacts page by page through paging.next.after, feeding meta.nextCursor back as the cursor', async () => {
    const connection = hubspot.manager.connection<HubspotOperations>('hubspot');
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const input: HubspotOperations['contacts.list']['input'] = { limit: 10, properties: ['email'], ...(after ? { after } : {}) };
      const result = await connection.execute('contacts.list', input);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.data.results.map((contact) => contact.id));
      after = result.meta.nextCursor;
      if (after === undefined) break;
    }
    expect(new Set(seen).size).toBe(hubspot.standIn.state.contacts.length);
    expect(hubspot.standIn.requests.map((request) => request.query.after)).toEqual([undefined, '10', '20']);
    expect(hubspot.standIn.requests[0]!.query).toEqual({ limit: '10', properties: 'email' });
  });

  it('searches contacts with filter groups, the cursor in the body', async () => {
    const input = { filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ', value: 'Lovelace' }] }], properties: ['email'], limit: 5 };
    const lovelaces = hubspot.standIn.state.contacts.filter((contact) => contact.properties.lastname === 'Lovelace').length;
    const first = await hubspot.manager.execute('hubspot', 'contacts.search', input);
    expect(first).toMatchObject({ ok: true, data: { total: lovelaces, results: expect.any(Array) }, meta: { nextCursor: '5' } });
    expect((first as { data: { results: unknown[] } }).data.results).toHaveLength(5);
    expect(hubspot.lastRequest()).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts/search' });
    expect(hubspot.lastRequest().json).toEqual(input);
    const second = await hubspot.manager.execute('hubspot', 'contacts.search', { ...input, after: first.meta.nextCursor });
    expect(second.ok).toBe(true);
    expect(hubspot.lastRequest().json).toEqual({ ...input, after: '5' });
  });

  it('creates and gets a company, creates a deal associated with it, and updates the deal', async () => {
    const company = await hubspot.manager.execute('hubspot', 'companies.create', { properties: { name: 'Hooli', domain: 'hooli.com' } });
    expect(company).toMatchObject({ ok: true, data: { properties: { name: 'Hooli' } } });
    // HubSpot's description requires `associations`; a caller that leaves it out still creates.
    expect(hubspot.lastRequest().json).toEqual({ properties: { name: 'Hooli', domain: 'hooli.com' }, associations: [] });
    const companyId = (company as { data: { id: string } }).data.id;
    const fetched = await hubspot.manager.execute('hubspot', 'companies.get', { companyId });
    expect(fetched).toMatchObject({ ok: true, data: { properties: { domain: 'hooli.com' } } });
    expect(hubspot.lastRequest().path).toBe(`/crm/v3/objects/companies/${companyId}`);

    const associations = [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }] }];
    const deal = await hubspot.manager.execute('hubspot', 'deals.create', { properties: { dealname: 'Hooli expansion', amount: 12000, pipeline: 'default', dealstage: 'qualifiedtobuy' }, associations });
    expect(deal).toMatchObject({ ok: true, data: { properties: { dealname: 'Hooli expansion', amount: '12000' } }, meta: { status: 201 } });
    expect(hubspot.lastRequest().json).toEqual({ properties: { dealname: 'Hooli expansion', amount: 12000, pipeline: 'default', dealstage: 'qualifiedtobuy' }, associations });
    const dealId = (deal as { data: { id: string } }).data.id;

    const won = await hubspot.manager.execute('hubspot', 'deals.update', { dealId, properties: { dealstage: 'closedwon' } });
    expect(won).toMatchObject({ ok: true, data: { properties: { dealstage: 'closedwon' } } });
    expect(hubspot.lastRequest()).toMatchObject({ method: 'PATCH', path: `/crm/v3/objects/deals/${dealId}` });
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await hubspot.manager.execute('hubspot', 'contacts.search', { limit: 500, filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE' }] }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer).sort()).toEqual([
      '/filterGroups/0/filters/0/operator',
      '/limit',
    ]);
    expect(hubspot.standIn.requests).toHaveLength(0);
  });

  it('maps HubSpot categories: OBJECT_NOT_FOUND and CONFLICT, with the correlation id', async () => {
    const missing = await hubspot.manager.execute('hubspot', 'contacts.get', { contactId: '1' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false } });
    const duplicate = await hubspot.manager.execute('hubspot', 'contacts.create', { properties: { email: 'person1@example.com' } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 409, retryable: false }, meta: { attempts: 1 } });
    expect(duplicate.ok ? '' : duplicate.error.message).toMatch(/CONFLICT: Contact already exists\. Existing ID: \d+ \(correlationId [\w-]+\)/);
  });

  it('reports a bad token as AUTH_FAILED without echoing it', async () => {
    await hubspot.manager.connect({ id: 'bad', connector: 'hubspot', credentials: { token: 'pat-na1-wrong-token-value' }, config: { baseUrl: hubspot.standIn.url } });
    const result = await hubspot.manager.execute('bad', 'contacts.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('INVALID_AUTHENTICATION') } });
    expect(JSON.stringify(result)).not.toContain('pat-na1-wrong-token-value');
    expect(hubspot.lastRequest().headers.authorization).toBe('Bearer pat-na1-wrong-token-value');
  });

  it('waits one burst interval after a TEN_SECONDLY_ROLLING 429, then succeeds', async () => {
    hubspot.standIn.rateLimitNext();
    const started = Date.now();
    const result = await hubspot.manager.execute('hubspot', 'contacts.create', { properties: { email: 'grace@example.com' } });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2, status: 201 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const sent = { properties: { email: 'grace@example.com' }, associations: [] };
    expect(hubspot.standIn.requests.map((request) => request.json)).toEqual([sent, sent]);
  });

  it('does not retry a spent DAILY allowance', async () => {
    hubspot.standIn.rateLimitNext('DAILY');
    const result = await hubspot.manager.execute('hubspot', 'contacts.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: false, message: expect.stringContaining('DAILY') }, meta: { attempts: 1 } });
    expect(hubspot.standIn.requests).toHaveLength(1);
  });

  it('holds search to five requests a second', async () => {
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => hubspot.manager.execute('hubspot', 'contacts.search', { query: 'person' })));
    const times = hubspot.standIn.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(6);
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(900);
  });
});
