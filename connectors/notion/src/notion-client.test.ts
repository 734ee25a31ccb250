import { IntegrationManager } from '@patchbay/runtime';
import { startNotionStandIn, type NotionStandIn } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotionModule } from './index.js';

let standIn: NotionStandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  standIn = await startNotionStandIn();
});

afterAll(async () => {
  await standIn.close();
});

async function connect(retry: { minDelayMs?: number; maxDelayMs?: number; retries: number }) {
  manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [NotionModule], retry });
  await manager.connect({ id: 'notion', connector: 'notion', credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } });
}

beforeEach(async () => {
  standIn.requests.length = 0;
  await connect({ minDelayMs: 1, maxDelayMs: 5, retries: 2 });
});

afterEach(async () => {
  await manager.close();
});

function lastRequest() {
  const request = standIn.requests.at(-1);
  if (!request) throw new Error('the stand-in received no request');
  return request;
}

const title = (content: string) => ({ title: [{ type: 'text', text: { content } }] });

describe('Notion connector against a Notion stand-in', () => {
  it('sends requests as Notion documents them', async () => {
    const result = await manager.execute('notion', 'users.me', {});
    expect(result).toMatchObject({ ok: true, data: { object: 'user', type: 'bot' }, meta: { attempts: 1, status: 200 } });
    const request = lastRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/v1/users/me');
    expect(request.headers['notion-version']).toBe('2022-06-28');
    expect(request.headers.authorization).toBe(`Bearer ${standIn.token}`);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-notion\//);
  });

  it('creates, retrieves and updates a database page with the id kept out of the body', async () => {
    const created = await manager.execute('notion', 'pages.create', {
      parent: { database_id: standIn.databaseId },
      properties: { Name: title('Write the launch post') },
    });
    expect(created).toMatchObject({ ok: true, data: { object: 'page', parent: { database_id: standIn.databaseId } } });
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/v1/pages' });
    expect(lastRequest().json).toEqual({ parent: { database_id: standIn.databaseId }, properties: { Name: title('Write the launch post') } });
    const pageId = (created as { data: { id: string } }).data.id;

    const fetched = await manager.execute('notion', 'pages.retrieve', { page_id: pageId });
    expect(fetched).toMatchObject({ ok: true, data: { id: pageId } });
    expect(lastRequest()).toMatchObject({ method: 'GET', path: `/v1/pages/${pageId}`, body: '' });

    const trashed = await manager.execute('notion', 'pages.update', { page_id: pageId, in_trash: true, properties: { Name: title('Old') } });
    expect(trashed).toMatchObject({ ok: true, data: { in_trash: true } });
    expect(lastRequest()).toMatchObject({ method: 'PATCH', path: `/v1/pages/${pageId}` });
    expect(lastRequest().json).toEqual({ in_trash: true, properties: { Name: title('Old') } });
  });

  it('retrieves a database', async () => {
    const result = await manager.execute('notion', 'databases.retrieve', { database_id: standIn.databaseId });
    expect(result).toMatchObject({ ok: true, data: { object: 'database', id: standIn.databaseId } });
    expect(lastRequest()).toMatchObject({ method: 'GET', path: `/v1/databases/${standIn.databaseId}` });
  });

  it('queries a database page by page with the cursor in the POST body', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const input = { database_id: standIn.databaseId, page_size: 5, sorts: [{ timestamp: 'created_time', direction: 'ascending' }], ...(cursor ? { start_cursor: cursor } : {}) };
      const result = await manager.execute('notion', 'databases.query', input);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...(result.data as { results: { id: string }[] }).results.map((row) => row.id));
      cursor = result.meta.nextCursor;
      if (cursor === undefined) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(12);
    expect(standIn.requests).toHaveLength(Math.ceil(seen.length / 5));
    expect(standIn.requests.every((request) => request.method === 'POST' && request.path === `/v1/databases/${standIn.databaseId}/query`)).toBe(true);
    expect(standIn.requests[0]!.json).toEqual({ page_size: 5, sorts: [{ timestamp: 'created_time', direction: 'ascending' }] });
    expect((standIn.requests[1]!.json as { start_cursor: string }).start_cursor).toBe(seen[5]);
  });

  it('appends blocks, then lists them with the cursor in the query string', async () => {
    const appended = await manager.execute('notion', 'blocks.children.append', {
      block_id: standIn.pageId,
      children: [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Shipped.' } }] } }],
    });
    expect(appended).toMatchObject({ ok: true, data: { object: 'list', results: [{ type: 'paragraph' }] } });
    expect(lastRequest()).toMatchObject({ method: 'PATCH', path: `/v1/blocks/${standIn.pageId}/children` });
    expect(Object.keys(lastRequest().json as object)).toEqual(['children']);

    const first = await manager.execute('notion', 'blocks.children.list', { block_id: standIn.pageId, page_size: 4 });
    expect(first).toMatchObject({ ok: true, meta: { nextCursor: expect.any(String) } });
    expect(lastRequest().query).toEqual({ page_size: '4' });
    const second = await manager.execute('notion', 'blocks.children.list', { block_id: standIn.pageId, page_size: 4, start_cursor: first.meta.nextCursor });
    expect(second.ok && second.meta.nextCursor).toBe(undefined);
    expect((second as { data: { results: unknown[] } }).data.results.length).toBeGreaterThanOrEqual(2);
    expect(lastRequest().query).toEqual({ page_size: '4', start_cursor: first.meta.nextCursor });
  });

  it('searches pages by title', async () => {
    const result = await manager.execute('notion', 'search', { query: 'roadmap', filter: { property: 'object', value: 'page' } });
    expect(result).toMatchObject({ ok: true, data: { object: 'list', results: [{ id: standIn.pageId }], has_more: false } });
    expect(result.ok && result.meta.nextCursor).toBe(undefined);
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/v1/search' });
    expect(lastRequest().json).toEqual({ query: 'roadmap', filter: { property: 'object', value: 'page' } });
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await manager.execute('notion', 'blocks.children.append', { block_id: 'not-an-id', children: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer).sort()).toEqual(['/block_id', '/children']);
    expect(standIn.requests).toHaveLength(0);
  });

  it('maps Notion’s error codes: object_not_found, validation_error, conflict_error', async () => {
    const missing = await manager.execute('notion', 'pages.retrieve', { page_id: '00000000-0000-0000-0000-000000000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false } });
    expect(missing.ok ? '' : missing.error.message).toContain('object_not_found: Could not find object');

    standIn.injectFaults({ status: 400, body: { object: 'error', status: 400, code: 'validation_error', message: 'body.properties.Name.title should be an array' } });
    const rejected = await manager.execute('notion', 'pages.create', { parent: { database_id: standIn.databaseId }, properties: {} });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, retryable: false }, meta: { attempts: 1 } });

    standIn.injectFaults({ status: 409, body: { object: 'error', status: 409, code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' } });
    const retried = await manager.execute('notion', 'pages.update', { page_id: standIn.pageId, archived: false });
    expect(retried).toMatchObject({ ok: true, meta: { attempts: 2 } });
  });

  it('reports a bad token and a missing capability as AUTH_FAILED without echoing the token', async () => {
    await manager.connect({ id: 'bad', connector: 'notion', credentials: { token: 'secret_wrong_token_value' }, config: { baseUrl: standIn.apiUrl } });
    const result = await manager.execute('bad', 'users.me', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('unauthorized') } });
    expect(JSON.stringify(result)).not.toContain('secret_wrong_token_value');
    expect(lastRequest().headers.authorization).toBe('Bearer secret_wrong_token_value');

    standIn.injectFaults({ status: 403, body: { object: 'error', status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.' } });
    const restricted = await manager.execute('notion', 'search', {});
    expect(restricted).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 403 } });
  });

  it('waits for Retry-After on 429 rate_limited, then succeeds', async () => {
    standIn.rateLimitNext();
    const started = Date.now();
    const result = await manager.execute('notion', 'search', { query: 'Task' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(standIn.requests.map((request) => request.json)).toEqual([{ query: 'Task' }, { query: 'Task' }]);
  });

  it('returns RATE_LIMITED once retries run out', async () => {
    await manager.close();
    await connect({ retries: 0 });
    standIn.rateLimitNext();
    const result = await manager.execute('notion', 'pages.create', { parent: { page_id: standIn.pageId }, properties: { Name: title('x') } });
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true }, meta: { attempts: 1 } });
  });

  it('keeps to three requests a second on one connection', async () => {
    await Promise.all([1, 2, 3, 4].map(() => manager.execute('notion', 'users.me', {})));
    const times = standIn.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(4);
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(900);
  });
});
