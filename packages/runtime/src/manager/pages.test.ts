import { PatchbayError } from '@patchbay/contract';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationManager } from './integration-manager.js';
import { RECORD_COUNT, RecordsModule, startRecordsStandIn, type RecordsStandIn } from './records-connector.test-helper.js';

let standIn: RecordsStandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  standIn = await startRecordsStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(async () => {
  standIn.requests.length = 0;
  manager = await IntegrationManager.create({ modules: [RecordsModule], retry: { retries: 0 } });
  await manager.connect({ id: 'rec', connector: 'records', config: { baseUrl: standIn.url } });
});
afterEach(async () => {
  await manager.close();
});

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterator) all.push(value);
  return all;
}

describe('IntegrationManager.pages', () => {
  it('follows a body cursor set by the nextCursor hook until the last page', async () => {
    const pages = await collect(manager.pages('rec', 'records.list', { limit: 10 }));
    expect(pages.map((page) => page.ok && page.meta.nextCursor)).toEqual(['c10', 'c20', undefined]);
    expect(standIn.requests.map((request) => request.query)).toEqual([{ limit: '10' }, { limit: '10', cursor: 'c10' }, { limit: '10', cursor: 'c20' }]);
  });

  it('follows a cursor returned by the handler, as an integer when the schema says so', async () => {
    const pages = await collect(manager.pages('rec', 'records.numbered', {}));
    expect(pages).toHaveLength(3);
    expect(pages.every((page) => page.ok)).toBe(true);
    expect(standIn.requests.map((request) => request.query.page)).toEqual([undefined, '2', '3']);
  });

  it('stops at maxPages and at the page that reaches maxItems', async () => {
    expect(await collect(manager.pages('rec', 'records.list', { limit: 5 }, { maxPages: 2 }))).toHaveLength(2);
    standIn.requests.length = 0;
    expect(await collect(manager.pages('rec', 'records.list', { limit: 5 }, { maxItems: 11 }))).toHaveLength(3);
    expect(standIn.requests).toHaveLength(3);
  });

  it('stops when the API hands back a cursor it already gave', async () => {
    const pages = await collect(manager.pages('rec', 'records.looping', {}));
    expect(pages).toHaveLength(2);
    expect(standIn.requests.map((request) => request.query.cursor)).toEqual([undefined, 'same-cursor']);
  });

  it('yields a failed page as the last result and sends nothing more', async () => {
    const pages = await collect(manager.pages('rec', 'records.broken', {}));
    expect(pages).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'UPSTREAM_ERROR', status: 503 }) })]);
    expect(standIn.requests).toHaveLength(1);
  });

  it('yields a single result for an unknown connection', async () => {
    const pages = await collect(manager.pages('nope', 'records.list', {}));
    expect(pages).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'CONNECTION_NOT_FOUND' }) })]);
  });
});

describe('pages() and items() on a list whose paging is unknown', () => {
  it('read the first page and warn once per operation, through the logger', async () => {
    const warnings: string[] = [];
    const logged = await IntegrationManager.create({ modules: [RecordsModule], retry: { retries: 0 }, logger: { warn: (message) => warnings.push(message) } });
    try {
      await logged.connect({ id: 'rec', connector: 'records', config: { baseUrl: standIn.url } });
      expect(await collect(logged.pages('rec', 'records.unpaged', {}))).toHaveLength(1);
      expect(await collect(logged.items('rec', 'records.unpaged', {}))).toHaveLength(10);
      expect(standIn.requests).toHaveLength(2);
      expect(warnings).toEqual(['records.unpaged declares no pagination: pages() and items() read its first page only, and there may be more']);
    } finally {
      await logged.close();
    }
  });
});

describe('IntegrationManager.items', () => {
  it('reads every item at itemsPath across pages', async () => {
    const items = await collect(manager.items('rec', 'records.list', { limit: 10 }));
    expect(items).toHaveLength(RECORD_COUNT);
    expect(items[0]).toEqual({ id: 'r1' });
    expect(items.at(-1)).toEqual({ id: `r${RECORD_COUNT}` });
  });

  it('reads data itself when there is no itemsPath, and yields exactly maxItems', async () => {
    const items = await collect(manager.items('rec', 'records.numbered', {}, { maxItems: 12 }));
    expect(items.map((item) => (item as { id: string }).id)).toEqual(Array.from({ length: 12 }, (_, index) => `r${index + 1}`));
    expect(standIn.requests).toHaveLength(2);
  });

  it('throws the failed page as a PatchbayError with its code', async () => {
    const error = await collect(manager.items('rec', 'records.broken', {})).catch((caught: unknown) => caught);
    expect(PatchbayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await collect(manager.items('rec', 'records.list', {}, { signal: controller.signal })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(standIn.requests).toHaveLength(0);
  });
});
