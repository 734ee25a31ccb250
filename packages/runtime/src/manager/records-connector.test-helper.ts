import type { ConnectionContext, OperationMap } from '@patchbay/contract';
import { startStandIn, type StandIn } from '@patchbay/stand-ins';
import { BaseAPIClient, type ClientOptions } from '../client/base-api-client.js';
import type { OperationCall } from '../client/operation-call.js';
import type { HttpResponse } from '../http/request-options.js';

// Test-only: a small cursor-paged API and its connector, for the paging and polling tests.

export const RECORD_COUNT = 25;

export interface RecordsStandIn extends StandIn {
  /** Records served by `/events`, newest last; tests append to simulate new activity. */
  events: { id: string; at: number }[];
}

/**
 * `/records?cursor=&limit=` pages 25 records with a body cursor (`next`); `/numbered?page=` pages
 * them by number with an `x-next-page` header; `/events?since=` answers every event at or after
 * `since`, so consecutive polls overlap by design.
 */
export async function startRecordsStandIn(): Promise<RecordsStandIn> {
  const records = Array.from({ length: RECORD_COUNT }, (_, index) => ({ id: `r${index + 1}` }));
  const events: RecordsStandIn['events'] = [];
  const standIn = await startStandIn((request) => {
    if (request.path === '/records') {
      const start = request.query.cursor ? Number(request.query.cursor.slice(1)) : 0;
      const limit = Number(request.query.limit ?? 10);
      const page = records.slice(start, start + limit);
      const next = start + limit < records.length ? `c${start + limit}` : null;
      return { status: 200, body: { records: page, next } };
    }
    if (request.path === '/numbered') {
      const page = Number(request.query.page ?? 1);
      const headers: Record<string, string> = page * 10 < records.length ? { 'x-next-page': String(page + 1) } : {};
      return { status: 200, headers, body: records.slice((page - 1) * 10, page * 10) };
    }
    if (request.path === '/events') {
      const since = Number(request.query.since ?? 0);
      return { status: 200, body: { events: events.filter((event) => event.at >= since) } };
    }
    if (request.path === '/looping') return { status: 200, body: { records: [{ id: 'again' }], next: 'same-cursor' } };
    if (request.path === '/broken') return { status: 503, body: { message: 'down for maintenance' } };
    return { status: 404, body: { message: 'Not Found' } };
  });
  return Object.assign(standIn, { events });
}

const recordList = { type: 'object', properties: { records: { type: 'array' }, next: { type: ['string', 'null'] } } } as const;

export const recordsOperations = {
  'records.list': {
    kind: 'action',
    displayName: 'List records (body cursor)',
    pagination: { style: 'cursor', cursorParam: 'cursor', itemsPath: 'records' },
    inputSchema: { type: 'object', additionalProperties: false, properties: { cursor: { type: 'string' }, limit: { type: 'integer' } } },
    outputSchema: recordList,
  },
  'records.numbered': {
    kind: 'action',
    displayName: 'List records (page number)',
    pagination: { style: 'page', cursorParam: 'page' },
    inputSchema: { type: 'object', additionalProperties: false, properties: { page: { type: 'integer', minimum: 1 } } },
  },
  'records.looping': {
    kind: 'action',
    displayName: 'A list whose cursor never advances',
    pagination: { style: 'cursor', cursorParam: 'cursor', itemsPath: 'records' },
    inputSchema: { type: 'object', properties: { cursor: { type: 'string' } } },
  },
  'records.unpaged': {
    kind: 'action',
    displayName: 'A list whose paging is unknown',
    paginationUnknown: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
  },
  'records.broken': {
    kind: 'action',
    displayName: 'A list that fails',
    pagination: { style: 'cursor', cursorParam: 'cursor' },
    inputSchema: { type: 'object', properties: { cursor: { type: 'string' } } },
  },
  'events.new': {
    kind: 'trigger',
    displayName: 'New event',
    trigger: { type: 'polling', dedupeKey: 'id' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { state: { type: 'object', properties: { since: { type: 'integer' } } } },
    },
  },
} satisfies OperationMap;

/** Reads the cursor from the body through the `nextCursor` hook; `/numbered` sets it in its handler. */
export class RecordsClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, { auth: { strategy: 'none' }, baseUrl: 'http://127.0.0.1:9' });
    this.register('records.list', (input, call) => call.request({ method: 'GET', path: '/records', params: input }));
    this.register<{ page?: number }>('records.numbered', async (input, call) => {
      const response = await call.request({ method: 'GET', path: '/numbered', params: input });
      return { data: response.data, nextCursor: response.headers['x-next-page'] };
    });
    this.register('records.looping', (input, call) => call.request({ method: 'GET', path: '/looping', params: input }));
    this.register('records.unpaged', (input, call) => call.request({ method: 'GET', path: '/numbered', params: input }));
    this.register('records.broken', (input, call) => call.request({ method: 'GET', path: '/broken', params: input }));
    this.register<{ state?: { since?: number } }>('events.new', async (input, call) => {
      const since = input.state?.since ?? 0;
      const response = await call.request<{ events: { id: string; at: number }[] }>({ method: 'GET', path: '/events', query: { since } });
      const events = response.data.events;
      // The vendor's `since` is inclusive, so the newest event comes back on the next poll too.
      const newest = events.reduce((latest, event) => Math.max(latest, event.at), since);
      return { data: { items: events, state: { since: newest } } };
    });
  }

  protected override nextCursor(response: HttpResponse, call: OperationCall | undefined): string | undefined {
    if (call?.definition?.pagination?.style !== 'cursor') return super.nextCursor(response, call);
    const next = (response.data as { next?: unknown } | null)?.next;
    return typeof next === 'string' ? next : undefined;
  }
}

export const RecordsModule = RecordsClient.toConnectorModule({
  id: 'records',
  displayName: 'Records',
  version: '1.0.0',
  operations: recordsOperations,
});
