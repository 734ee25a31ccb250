import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Airtable from 'airtable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AirtableModule } from './index.js';

/**
 * Airtable publishes no machine-readable API description; its official client (`airtable`) is the
 * vendor's own code for the records API. Each operation and the client's equivalent call are sent
 * to one loopback server, and the two requests must agree: method, path, query parameter names
 * and body fields. The client does not cover the metadata API (`bases.list`, `tables.list`).
 */
interface Seen {
  method: string;
  path: string;
  query: string[];
  body: Record<string, unknown> | undefined;
}

const RECORD = { id: 'recAAAAAAAAAAAAA1', fields: { Name: 'Ada' }, createdTime: '2026-01-01T00:00:00.000Z' };
const BASE = 'appStandIn0000001';
const TABLE = 'Leads';

let server: Server;
let url: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = new URL(request.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method ?? '', path: target.pathname, query: [...new Set(target.searchParams.keys())].sort(), body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined });
      const single = request.method === 'GET' && target.pathname.split('/').length === 5;
      const answer = request.method === 'DELETE' ? { records: [{ id: RECORD.id, deleted: true }] } : single ? RECORD : { records: [RECORD] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The request the official client sends for a call, and the one the connector sends for its operation. */
async function both(clientCall: (table: Airtable.Table<Airtable.FieldSet>) => Promise<unknown>, operation: string, input: Record<string, unknown>): Promise<[Seen, Seen]> {
  seen.length = 0;
  const client = new Airtable({ apiKey: 'patTestToken.0123456789', endpointUrl: url });
  await clientCall(client.base(BASE)(TABLE));
  const result = await AirtableModule.execute({ operation, input: { baseId: BASE, tableIdOrName: TABLE, ...input }, connection: { id: 'airtable', credentials: { token: 'patTestToken.0123456789' }, config: { baseUrl: `${url}/v0` } } });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  expect(seen).toHaveLength(2);
  return [seen[0]!, seen[1]!];
}

const shape = (request: Seen) => ({
  // The client writes create and update as `/{table}/`; Airtable routes both spellings alike.
  line: `${request.method} ${request.path.replace(/\/$/, '')}`,
  query: request.query,
  body: request.body === undefined ? undefined : Object.keys(request.body).sort(),
  recordFields: Array.isArray(request.body?.records) ? Object.keys((request.body.records as Record<string, unknown>[])[0]!).sort() : undefined,
});

describe('Airtable operations against the official client (airtable@0.12.2)', () => {
  it('covers every records operation; the metadata API is outside the client', () => {
    const covered = ['records.list', 'records.get', 'records.create', 'records.update', 'records.delete'];
    expect(Object.keys(AirtableModule.operations).filter((id) => !covered.includes(id)).sort()).toEqual(['bases.list', 'tables.list']);
  });

  it('records.list sends the select() options under the client’s parameter names', async () => {
    const options = { fields: ['Name', 'Status'], filterByFormula: "{Status} = 'Won'", maxRecords: 20, pageSize: 5, sort: [{ field: 'Name', direction: 'desc' as const }], view: 'Grid view', cellFormat: 'json' as const, returnFieldsByFieldId: true };
    const [client, connector] = await both((table) => table.select(options).firstPage(), 'records.list', options);
    expect(shape(connector)).toEqual(shape(client));
  });

  it('records.get reads one record by id', async () => {
    const [client, connector] = await both((table) => table.find(RECORD.id), 'records.get', { recordId: RECORD.id });
    expect(shape(connector)).toEqual(shape(client));
  });

  it('records.create sends records and typecast as the client does', async () => {
    const records = [{ fields: { Name: 'Ada' } }];
    const [client, connector] = await both((table) => table.create(records, { typecast: true }), 'records.create', { records, typecast: true });
    expect(shape(connector)).toEqual(shape(client));
  });

  it('records.update sends a PATCH of records with ids, as the client’s update()', async () => {
    const records = [{ id: RECORD.id, fields: { Status: 'Won' } }];
    const [client, connector] = await both((table) => table.update(records, { typecast: true }), 'records.update', { records, typecast: true });
    expect(shape(connector)).toEqual(shape(client));
  });

  it('records.delete sends the ids as records[] in the query, as the client’s destroy()', async () => {
    const ids = [RECORD.id, 'recAAAAAAAAAAAAA2'];
    const [client, connector] = await both((table) => table.destroy(ids), 'records.delete', { records: ids });
    expect(shape(connector)).toEqual(shape(client));
  });
});
