import { startStandIn, type RecordedRequest, type StandIn, type StandInResponse } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, managerForPlan, planFromObject } from './generated-paging.test-helper.js';
import { unpagedNotice } from './pagination-from-openapi.js';

// Seven items, three a page: every style must ask for three pages to read them all.
const ITEMS = Array.from({ length: 7 }, (_, index) => ({ id: `i${index + 1}` }));
const PAGE_SIZE = 3;

type Parameter = { name: string; schema: Record<string, unknown> };

/** An OpenAPI 3.0 document with one list operation, the way each vendor declares it. */
function listDocument(path: string, parameters: Parameter[], body: Record<string, unknown>, headers?: Record<string, unknown>): Record<string, unknown> {
  const response: Record<string, unknown> = { description: 'A page', content: { 'application/json': { schema: body } } };
  if (headers) response.headers = headers;
  return {
    openapi: '3.0.3',
    info: { title: 'Paged', version: '1.0.0' },
    servers: [{ url: 'https://api.paged.example' }],
    paths: {
      [path]: { get: { operationId: 'things/list', parameters: parameters.map((parameter) => ({ ...parameter, in: 'query' })), responses: { 200: response } } },
    },
  };
}

const item = { type: 'object', properties: { id: { type: 'string' } } };
const itemArray = { type: 'array', items: item };
const integer = { type: 'integer' };
const string = { type: 'string' };

/** From the item at `start`, the page and whether more follow. */
function page(start: number): { items: typeof ITEMS; more: boolean; next: number } {
  return { items: ITEMS.slice(start, start + PAGE_SIZE), more: start + PAGE_SIZE < ITEMS.length, next: start + PAGE_SIZE };
}

interface Style {
  name: string;
  document: Record<string, unknown>;
  pagination: Record<string, unknown>;
  answer: (request: RecordedRequest, url: string) => StandInResponse;
}

const styles: Style[] = [
  {
    name: 'a Link header (GitHub)',
    document: listDocument('/things', [{ name: 'per_page', schema: { type: 'integer', default: 30 } }, { name: 'page', schema: integer }], itemArray, {
      Link: { schema: string },
    }),
    pagination: { style: 'link', cursorParam: 'page' },
    answer: (request, url) => {
      const number = Number(request.query.page ?? 1);
      const current = page((number - 1) * PAGE_SIZE);
      const headers: Record<string, string> = current.more ? { link: `<${url}/things?page=${number + 1}&per_page=3>; rel="next"` } : {};
      return { status: 200, headers, body: current.items };
    },
  },
  {
    name: 'starting_after and has_more (Stripe)',
    document: listDocument('/v1/things', [{ name: 'limit', schema: integer }, { name: 'starting_after', schema: string }], {
      type: 'object',
      required: ['data', 'has_more'],
      properties: { object: { type: 'string', enum: ['list'] }, data: itemArray, has_more: { type: 'boolean' }, url: string },
    }),
    pagination: { style: 'cursor', cursorParam: 'starting_after', cursorPath: 'data.-1.id', hasMorePath: 'has_more', itemsPath: 'data' },
    answer: (request) => {
      const after = request.query.starting_after;
      const current = page(after === undefined ? 0 : ITEMS.findIndex((candidate) => candidate.id === after) + 1);
      return { status: 200, body: { object: 'list', data: current.items, has_more: current.more, url: '/v1/things' } };
    },
  },
  {
    name: 'next_page_uri (Twilio)',
    document: listDocument('/Things.json', [{ name: 'PageSize', schema: integer }, { name: 'Page', schema: integer }, { name: 'PageToken', schema: string }], {
      type: 'object',
      properties: { things: itemArray, next_page_uri: { type: 'string', format: 'uri', nullable: true }, page: integer, page_size: integer, uri: string },
    }),
    pagination: { style: 'cursor', cursorParam: 'PageToken', cursorPath: 'next_page_uri', cursorUrlParam: 'PageToken', itemsPath: 'things' },
    answer: (request) => {
      const start = request.query.PageToken === undefined ? 0 : Number(request.query.PageToken.slice(2));
      const current = page(start);
      const next = current.more ? `/Things.json?PageSize=3&Page=${current.next / PAGE_SIZE}&PageToken=PT${current.next}` : null;
      return { status: 200, body: { things: current.items, next_page_uri: next, page: start / PAGE_SIZE, page_size: PAGE_SIZE, uri: '/Things.json' } };
    },
  },
  {
    name: 'cursor and next_cursor',
    document: listDocument('/things', [{ name: 'cursor', schema: string }, { name: 'limit', schema: integer }], {
      type: 'object',
      properties: { items: itemArray, next_cursor: { type: 'string', nullable: true } },
    }),
    pagination: { style: 'cursor', cursorParam: 'cursor', cursorPath: 'next_cursor', itemsPath: 'items' },
    answer: (request) => {
      const current = page(request.query.cursor === undefined ? 0 : Number(request.query.cursor.slice(1)));
      return { status: 200, body: { items: current.items, next_cursor: current.more ? `c${current.next}` : null } };
    },
  },
  {
    name: 'a cursor in a container (response_metadata.next_cursor)',
    document: listDocument('/things', [{ name: 'cursor', schema: string }], {
      type: 'object',
      properties: { ok: { type: 'boolean' }, members: itemArray, response_metadata: { type: 'object', properties: { next_cursor: string } } },
    }),
    pagination: { style: 'cursor', cursorParam: 'cursor', cursorPath: 'response_metadata.next_cursor', itemsPath: 'members' },
    answer: (request) => {
      const current = page(request.query.cursor === undefined ? 0 : Number(request.query.cursor.slice(1)));
      return { status: 200, body: { ok: true, members: current.items, response_metadata: { next_cursor: current.more ? `c${current.next}` : '' } } };
    },
  },
  {
    name: 'pageToken and nextPageToken',
    document: listDocument('/things', [{ name: 'pageSize', schema: integer }, { name: 'pageToken', schema: string }], {
      type: 'object',
      properties: { results: itemArray, nextPageToken: string },
    }),
    pagination: { style: 'cursor', cursorParam: 'pageToken', cursorPath: 'nextPageToken', itemsPath: 'results' },
    answer: (request) => {
      const current = page(request.query.pageToken === undefined ? 0 : Number(request.query.pageToken.slice(1)));
      return { status: 200, body: current.more ? { results: current.items, nextPageToken: `t${current.next}` } : { results: current.items } };
    },
  },
  {
    name: 'page and per_page',
    document: listDocument('/things', [{ name: 'page', schema: { type: 'integer', minimum: 1 } }, { name: 'per_page', schema: { type: 'integer', default: 3 } }], {
      type: 'object',
      properties: { total_count: integer, entries: itemArray },
    }),
    pagination: { style: 'page', cursorParam: 'page', limitParam: 'per_page', itemsPath: 'entries' },
    answer: (request) => ({ status: 200, body: { total_count: ITEMS.length, entries: page((Number(request.query.page ?? 1) - 1) * PAGE_SIZE).items } }),
  },
  {
    name: 'offset and limit',
    document: listDocument('/things', [{ name: 'offset', schema: integer }, { name: 'limit', schema: integer }], {
      type: 'object',
      properties: { data: itemArray, total: integer },
    }),
    pagination: { style: 'offset', cursorParam: 'offset', limitParam: 'limit', itemsPath: 'data' },
    answer: (request) => ({ status: 200, body: { data: page(Number(request.query.offset ?? 0)).items, total: ITEMS.length } }),
  },
];

let standIn: StandIn;
let current: Style | undefined;

beforeAll(async () => {
  standIn = await startStandIn((request) => (current ? current.answer(request, standIn.url) : { status: 404, body: { message: 'no style' } }));
});

afterAll(async () => {
  await standIn.close();
});

describe('pagination detected from OpenAPI, paged by a generated connector over HTTP', () => {
  for (const style of styles) {
    it(`${style.name}: detected, and items() reads every item across three pages`, async () => {
      const plan = await planFromObject(style.document);
      const operation = plan.operations[0]!;
      expect(operation.id).toBe('things.list');
      expect(operation.pagination).toEqual(style.pagination);
      expect(operation.paginationUnknown).toBeUndefined();

      current = style;
      standIn.requests.length = 0;
      const manager = await managerForPlan(plan, standIn.url);
      try {
        // The page size goes in the input only where the style needs it to know a page is the last.
        const limit = Object.hasOwn(operation.inputSchema.properties ?? {}, 'limit') ? { limit: PAGE_SIZE } : {};
        const items = await collect(manager.items('generated', 'things.list', limit));
        expect(items).toEqual(ITEMS);
        expect(standIn.requests.length).toBe(3);
        expect(standIn.requests.every((request) => request.method === 'GET')).toBe(true);
      } finally {
        await manager.close();
      }
    });
  }

  it('marks a list it cannot page as paginationUnknown, says so, and pages() warns instead of stopping silently', async () => {
    const plan = await planFromObject(listDocument('/things', [{ name: 'q', schema: string }], itemArray));
    const operation = plan.operations[0]!;
    expect(operation.pagination).toBeUndefined();
    expect(operation.paginationUnknown).toBe(true);
    expect(unpagedNotice(plan.operations)).toBe(
      '1 list operation with no paging the generator recognises (marked paginationUnknown; pages() reads one page and warns): things.list',
    );

    current = { ...styles[0]!, answer: () => ({ status: 200, headers: {}, body: ITEMS.slice(0, PAGE_SIZE) }) };
    standIn.requests.length = 0;
    const warnings: string[] = [];
    const manager = await managerForPlan(plan, standIn.url, warnings);
    try {
      expect(await collect(manager.pages('generated', 'things.list', {}))).toHaveLength(1);
      expect(await collect(manager.items('generated', 'things.list', {}))).toHaveLength(PAGE_SIZE);
      expect(warnings).toEqual(['things.list declares no pagination: pages() and items() read its first page only, and there may be more']);
    } finally {
      await manager.close();
    }
  });

  it('leaves operations that are not lists alone', async () => {
    const single = listDocument('/things/{id}', [], item);
    const plan = await planFromObject(single);
    expect(plan.operations[0]).not.toHaveProperty('pagination');
    expect(plan.operations[0]).not.toHaveProperty('paginationUnknown');
    expect(unpagedNotice(plan.operations)).toBeUndefined();
  });
});
