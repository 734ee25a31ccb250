import { randomBytes } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface AirtableStandInOptions extends StandInOptions {
  /** The only personal access token or OAuth token accepted, as `Bearer <token>`. Default `patStandIn.secret`. */
  token?: string;
}

export interface AirtableRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

export interface AirtableTable {
  id: string;
  name: string;
  primaryFieldId: string;
  fields: { id: string; name: string; type: string }[];
  records: AirtableRecord[];
}

export interface AirtableBase {
  id: string;
  name: string;
  permissionLevel: 'none' | 'read' | 'comment' | 'edit' | 'create';
  tables: AirtableTable[];
}

export interface AirtableStandIn extends StandIn {
  readonly token: string;
  /** Base URL clients use: the stand-in's URL plus `/v0`, as `https://api.airtable.com/v0`. */
  readonly apiUrl: string;
  /** Seeded with base `appStandIn0000001` ("Sales CRM") whose table `Leads` holds 30 records. */
  readonly bases: AirtableBase[];
  /** The next request gets Airtable's 429, which carries no `Retry-After`: Airtable documents a 30 s wait. */
  rateLimitNext(): void;
}

const idOf = (prefix: string): string => prefix + randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14);

/** Airtable's error body, `{ error: { type, message } }`. */
export function airtableError(status: number, type: string, message?: string): StandInResponse {
  return { status, body: { error: message === undefined ? { type } : { type, message } } };
}

const notPermitted = (): StandInResponse =>
  airtableError(
    403,
    'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
  );
const invalidRequest = (message: string): StandInResponse => airtableError(422, 'INVALID_REQUEST_UNKNOWN', message);

/** `fields[]=a&fields[]=b`, as Airtable reads repeated bracketed keys. */
function repeated(request: StandInRequest, name: string): string[] {
  return new URLSearchParams(request.search).getAll(`${name}[]`);
}

function select(record: AirtableRecord, fields: string[]): AirtableRecord {
  if (fields.length === 0) return record;
  return { ...record, fields: Object.fromEntries(Object.entries(record.fields).filter(([name]) => fields.includes(name))) };
}

function listRecords(table: AirtableTable, request: StandInRequest, fields: string[]): StandInResponse {
  const pageSize = Number(request.query.pageSize ?? 100);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return invalidRequest('Invalid request: parameter validation failed. Check your request data.');
  let records = table.records;
  const formula = /^\{(.+)\}\s*=\s*'(.*)'$/.exec(request.query.filterByFormula ?? '');
  if (formula) records = records.filter((record) => String(record.fields[formula[1]!]) === formula[2]);
  const sortField = request.query['sort[0][field]'];
  if (sortField) {
    const direction = request.query['sort[0][direction]'] === 'desc' ? -1 : 1;
    records = [...records].sort((a, b) => (String(a.fields[sortField]) < String(b.fields[sortField]) ? -direction : direction));
  }
  if (request.query.maxRecords) records = records.slice(0, Number(request.query.maxRecords));
  const start = request.query.offset ? records.findIndex((record) => `itr${record.id}` === request.query.offset) : 0;
  if (start === -1) return airtableError(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
  const page = records.slice(start, start + pageSize);
  const next = records[start + pageSize];
  return { status: 200, body: { records: page.map((record) => select(record, fields)), ...(next ? { offset: `itr${next.id}` } : {}) } };
}

function writeRecords(table: AirtableTable, request: StandInRequest): StandInResponse {
  const body = request.json as { records?: { id?: string; fields?: Record<string, unknown> }[]; typecast?: boolean } | undefined;
  const records = body?.records;
  if (!Array.isArray(records) || records.length === 0) return invalidRequest('Could not find field "records" in the request body');
  if (records.length > 10) return invalidRequest('Invalid request: parameter validation failed. Check your request data.');
  const known = new Set(table.fields.map((field) => field.name));
  for (const record of records) {
    const unknown = Object.keys(record.fields ?? {}).find((name) => !known.has(name));
    if (unknown) return airtableError(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${unknown}"`);
  }
  if (request.method === 'POST') {
    const created = records.map((record) => ({ id: idOf('rec'), createdTime: new Date().toISOString(), fields: { ...record.fields } }));
    table.records.push(...created);
    return { status: 200, body: { records: created } };
  }
  const updated: AirtableRecord[] = [];
  for (const change of records) {
    const record = table.records.find((candidate) => candidate.id === change.id);
    if (!record) return airtableError(404, 'MODEL_ID_NOT_FOUND', `Could not find a record with ID "${String(change.id)}".`);
    Object.assign(record.fields, change.fields);
    updated.push(record);
  }
  return { status: 200, body: { records: updated } };
}

function route(bases: AirtableBase[], request: StandInRequest): StandInResponse {
  const path = request.path.replace(/^\/v0/, '');
  if (request.method === 'GET' && path === '/meta/bases') {
    return { status: 200, body: { bases: bases.map(({ id, name, permissionLevel }) => ({ id, name, permissionLevel })) } };
  }
  const meta = /^\/meta\/bases\/([^/]+)\/tables$/.exec(path);
  if (meta && request.method === 'GET') {
    const base = bases.find((candidate) => candidate.id === meta[1]);
    if (!base) return notPermitted();
    return { status: 200, body: { tables: base.tables.map(({ records: _records, ...table }) => ({ ...table, views: [{ id: 'viwGrid', name: 'Grid view', type: 'grid' }] })) } };
  }
  const match = /^\/(app\w+)\/([^/]+)(?:\/(rec\w+))?$/.exec(path);
  if (!match) return airtableError(404, 'NOT_FOUND');
  const base = bases.find((candidate) => candidate.id === match[1]);
  const name = decodeURIComponent(match[2]!);
  const table = base?.tables.find((candidate) => candidate.id === name || candidate.name === name);
  if (!table) return notPermitted();
  const recordId = match[3];
  if (recordId) {
    const record = table.records.find((candidate) => candidate.id === recordId);
    if (!record) return airtableError(404, 'MODEL_ID_NOT_FOUND', `Could not find a record with ID "${recordId}".`);
    if (request.method === 'GET') return { status: 200, body: record };
    return airtableError(404, 'NOT_FOUND');
  }
  switch (request.method) {
    case 'GET':
      return listRecords(table, request, repeated(request, 'fields'));
    case 'POST':
    case 'PATCH':
      return writeRecords(table, request);
    case 'DELETE': {
      const ids = repeated(request, 'records');
      if (ids.length === 0 || ids.length > 10) return invalidRequest('Invalid request: parameter validation failed. Check your request data.');
      table.records = table.records.filter((record) => !ids.includes(record.id));
      return { status: 200, body: { records: ids.map((id) => ({ id, deleted: true })) } };
    }
    default:
      return airtableError(404, 'NOT_FOUND');
  }
}

function seed(): AirtableBase[] {
  const createdTime = '2026-04-01T12:00:00.000Z';
  const fields = [
    { id: 'fldName00000001', name: 'Name', type: 'singleLineText' },
    { id: 'fldStatus000001', name: 'Status', type: 'singleSelect' },
    { id: 'fldEmail0000001', name: 'Email', type: 'email' },
  ];
  const records = Array.from({ length: 30 }, (_, index) => ({
    id: `rec${String(index + 1).padStart(14, '0')}`,
    createdTime,
    fields: { Name: `Lead ${String(index + 1).padStart(2, '0')}`, Status: index % 3 === 0 ? 'Won' : 'Open', Email: `lead${index + 1}@example.com` },
  }));
  return [
    { id: 'appStandIn0000001', name: 'Sales CRM', permissionLevel: 'create', tables: [{ id: 'tblLeads00000001', name: 'Leads', primaryFieldId: 'fldName00000001', fields, records }] },
    { id: 'appStandIn0000002', name: 'Hiring', permissionLevel: 'read', tables: [] },
  ];
}

/**
 * Starts a stand-in of Airtable's Web API (`/v0/{baseId}/{tableIdOrName}` and the meta API) on
 * 127.0.0.1, with Airtable's error bodies, `offset` paging and 10-record write batches.
 */
export async function startAirtableStandIn(options: AirtableStandInOptions = {}): Promise<AirtableStandIn> {
  const token = options.token ?? 'patStandIn.secret';
  const bases = seed();
  const standIn = await startStandIn((request) => {
    if (request.headers.authorization !== `Bearer ${token}`) return airtableError(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
    return route(bases, request);
  }, options);
  return {
    ...standIn,
    token,
    apiUrl: `${standIn.url}/v0`,
    bases,
    rateLimitNext() {
      standIn.injectFaults({ status: 429, body: { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }] } });
    },
  };
}
