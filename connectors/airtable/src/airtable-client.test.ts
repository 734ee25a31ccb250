import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startAirtableStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { AirtableModule, type AirtableOperations } from './index.js';

const leads = { baseId: 'appStandIn0000001', tableIdOrName: 'Leads' };

const airtable = useConnectorTest({
  module: AirtableModule,
  start: startAirtableStandIn,
  connectionId: 'airtable',
  connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } }),
});

const table = () => airtable.standIn.bases[0]!.tables[0]!;

describe('Airtable connector against an Airtable stand-in', () => {
  it('lists records with Airtable’s bracketed fields[] and sort[0][field] parameters', async () => {
    const result = await airtable.manager.execute('airtable', 'records.list', {
      ...leads,
      fields: ['Name', 'Email'],
      sort: [{ field: 'Name', direction: 'desc' }],
      filterByFormula: "{Status} = 'Won'",
      pageSize: 3,
    });
    expect(result).toMatchObject({ ok: true, data: { records: [{ fields: { Name: 'Lead 28' } }, { fields: { Name: 'Lead 25' } }, { fields: { Name: 'Lead 22' } }] } });
    expect(Object.keys((result as { data: { records: { fields: object }[] } }).data.records[0]!.fields)).toEqual(['Name', 'Email']);
    const request = airtable.lastRequest();
    expect(request).toMatchObject({ method: 'GET', path: '/v0/appStandIn0000001/Leads' });
    expect(request.headers.authorization).toBe(`Bearer ${airtable.standIn.token}`);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-airtable\//);
    const query = new URLSearchParams(request.search);
    expect(query.getAll('fields[]')).toEqual(['Name', 'Email']);
    expect(query.get('sort[0][field]')).toBe('Name');
    expect(query.get('sort[0][direction]')).toBe('desc');
    expect(query.get('filterByFormula')).toBe("{Status} = 'Won'");
  });

  it('pages through records with offset, feeding meta.nextCursor back as the offset', async () => {
    const connection = airtable.manager.connection<AirtableOperations>('airtable');
    const seen: string[] = [];
    let offset: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const input: AirtableOperations['records.list']['input'] = { ...leads, pageSize: 12, ...(offset ? { offset } : {}) };
      const result = await connection.execute('records.list', input);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.data.records.map((record) => record.id));
      offset = result.meta.nextCursor;
      if (offset === undefined) break;
    }
    expect(new Set(seen).size).toBe(table().records.length);
    expect(airtable.standIn.requests).toHaveLength(Math.ceil(table().records.length / 12));
    expect(airtable.standIn.requests[1]!.query.offset).toMatch(/^itrrec/);
  });

  it('creates, gets, updates and deletes records with the path kept out of the body', async () => {
    const created = await airtable.manager.execute('airtable', 'records.create', {
      ...leads,
      records: [{ fields: { Name: 'Ada', Status: 'Open' } }, { fields: { Name: 'Grace', Status: 'Open' } }],
      typecast: true,
    });
    expect(created).toMatchObject({ ok: true, data: { records: [{ fields: { Name: 'Ada' } }, { fields: { Name: 'Grace' } }] } });
    expect(airtable.lastRequest()).toMatchObject({ method: 'POST', path: '/v0/appStandIn0000001/Leads' });
    expect(airtable.lastRequest().json).toEqual({ records: [{ fields: { Name: 'Ada', Status: 'Open' } }, { fields: { Name: 'Grace', Status: 'Open' } }], typecast: true });
    const ids = (created as { data: { records: { id: string }[] } }).data.records.map((record) => record.id);

    const fetched = await airtable.manager.execute('airtable', 'records.get', { ...leads, recordId: ids[0] });
    expect(fetched).toMatchObject({ ok: true, data: { id: ids[0], fields: { Name: 'Ada' } } });
    expect(airtable.lastRequest().path).toBe(`/v0/appStandIn0000001/Leads/${ids[0]}`);

    const updated = await airtable.manager.execute('airtable', 'records.update', { ...leads, records: [{ id: ids[0], fields: { Status: 'Won' } }] });
    expect(updated).toMatchObject({ ok: true, data: { records: [{ id: ids[0], fields: { Name: 'Ada', Status: 'Won' } }] } });
    expect(airtable.lastRequest()).toMatchObject({ method: 'PATCH', path: '/v0/appStandIn0000001/Leads' });
    expect(airtable.lastRequest().json).toEqual({ records: [{ id: ids[0], fields: { Status: 'Won' } }] });

    const deleted = await airtable.manager.execute('airtable', 'records.delete', { ...leads, records: ids });
    expect(deleted).toMatchObject({ ok: true, data: { records: [{ id: ids[0], deleted: true }, { id: ids[1], deleted: true }] } });
    expect(airtable.lastRequest()).toMatchObject({ method: 'DELETE', path: '/v0/appStandIn0000001/Leads', body: '' });
    expect(new URLSearchParams(airtable.lastRequest().search).getAll('records[]')).toEqual(ids);
  });

  it('refuses an eleventh record before sending anything', async () => {
    const records = Array.from({ length: 11 }, (_, index) => ({ fields: { Name: `Bulk ${index}` } }));
    const result = await airtable.manager.execute('airtable', 'records.create', { ...leads, records });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer)).toEqual(['/records']);
    const ten = await airtable.manager.execute('airtable', 'records.create', { ...leads, records: records.slice(0, 10) });
    expect(ten).toMatchObject({ ok: true, meta: { attempts: 1 } });
    expect(airtable.standIn.requests).toHaveLength(1);
  });

  it('lists bases and the tables of a base', async () => {
    const bases = await airtable.manager.execute('airtable', 'bases.list', {});
    expect(bases).toMatchObject({ ok: true, data: { bases: [{ id: 'appStandIn0000001', permissionLevel: 'create' }, { name: 'Hiring' }] } });
    expect(airtable.lastRequest()).toMatchObject({ method: 'GET', path: '/v0/meta/bases' });
    const tables = await airtable.manager.execute('airtable', 'tables.list', { baseId: 'appStandIn0000001' });
    expect(tables).toMatchObject({ ok: true, data: { tables: [{ name: 'Leads', fields: [{ name: 'Name' }, { name: 'Status' }, { name: 'Email' }] }] } });
    expect(airtable.lastRequest().path).toBe('/v0/meta/bases/appStandIn0000001/tables');
  });

  it('maps Airtable’s error types: unknown table, missing record, unknown field', async () => {
    const unknownTable = await airtable.manager.execute('airtable', 'records.list', { ...leads, tableIdOrName: 'Leeds' });
    expect(unknownTable).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 403, retryable: false, message: expect.stringContaining('INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND') } });
    const missing = await airtable.manager.execute('airtable', 'records.get', { ...leads, recordId: 'recMissing000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404 } });
    const unknownField = await airtable.manager.execute('airtable', 'records.create', { ...leads, records: [{ fields: { Nmae: 'typo' } }] });
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 422, retryable: false, message: expect.stringContaining('UNKNOWN_FIELD_NAME') }, meta: { attempts: 1 } });
  });

  it('reports AUTHENTICATION_REQUIRED as AUTH_FAILED without echoing the token', async () => {
    await airtable.manager.connect({ id: 'bad', connector: 'airtable', credentials: { token: 'patWrongTokenValue.secret' }, config: { baseUrl: airtable.standIn.apiUrl } });
    const result = await airtable.manager.execute('bad', 'bases.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('AUTHENTICATION_REQUIRED') } });
    expect(JSON.stringify(result)).not.toContain('patWrongTokenValue');
    expect(airtable.lastRequest().headers.authorization).toBe('Bearer patWrongTokenValue.secret');
  });

  it('asks for Airtable’s 30 s wait after a 429 and holds the connection meanwhile', async () => {
    const waits: (number | undefined)[] = [];
    const manager = await IntegrationManager.create({
      cwd: new URL('..', import.meta.url).pathname,
      modules: [AirtableModule],
      retry: { retries: 2, shouldRetry: ({ error }) => (waits.push(error.retryAfterMs), false) },
    });
    await manager.connect({ id: 'airtable', connector: 'airtable', credentials: { token: airtable.standIn.token }, config: { baseUrl: airtable.standIn.apiUrl } });
    try {
      airtable.standIn.rateLimitNext();
      const limited = await manager.execute('airtable', 'records.list', leads);
      expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true }, meta: { attempts: 1 } });
      expect(waits).toEqual([30_000]);
      const held = await manager.execute('airtable', 'records.list', leads, { signal: AbortSignal.timeout(300) });
      expect(held).toMatchObject({ ok: false, error: { code: 'ABORTED' }, meta: { attempts: 0 } });
      expect(airtable.standIn.requests).toHaveLength(1);
    } finally {
      await manager.close();
    }
  });

  it('keeps to five requests a second on one connection', async () => {
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => airtable.manager.execute('airtable', 'bases.list', {})));
    const times = airtable.standIn.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(6);
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(900);
  });
});
