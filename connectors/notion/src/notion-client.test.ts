import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startNotionStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { NotionModule, type NotionOperations } from './index.js';

const notion = useConnectorTest({
  module: NotionModule,
  start: startNotionStandIn,
  connectionId: 'notion',
  connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } }),
});

const title = (content: string) => ({ title: [{ type: 'text', text: { content } }] });

describe('Notion connector against a Notion stand-in', () => {
  it('sends requests as Notion documents them', async () => {
    const result = await notion.manager.execute('notion', 'users.me', {});
    expect(result).toMatchObject({ ok: true, data: { object: 'user', type: 'bot' }, meta: { attempts: 1, status: 200 } });
    const request = notion.lastRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/v1/users/me');
    expect(request.headers['notion-version']).toBe('2022-06-28');
    expect(request.headers.authorization).toBe(`Bearer ${notion.standIn.token}`);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-notion\//);
  });

  it('creates, retrieves and updates a database page with the id kept out of the body', async () => {
    const created = await notion.manager.execute('notion', 'pages.create', {
      parent: { database_id: notion.standIn.databaseId },
      properties: { Name: title('Write the launch post') },
    });
    expect(created).toMatchObject({ ok: true, data: { object: 'page', parent: { database_id: notion.standIn.databaseId } } });
    expect(notion.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/pages' });
    expect(notion.lastRequest().json).toEqual({ parent: { database_id: notion.standIn.databaseId }, properties: { Name: title('Write the launch post') } });
    const pageId = (created as { data: { id: string } }).data.id;

    const fetched = await notion.manager.execute('notion', 'pages.retrieve', { page_id: pageId });
    expect(fetched).toMatchObject({ ok: true, data: { id: pageId } });
    expect(notion.lastRequest()).toMatchObject({ method: 'GET', path: `/v1/pages/${pageId}`, body: '' });

    const trashed = await notion.manager.execute('notion', 'pages.update', { page_id: pageId, in_trash: true, properties: { Name: title('Old') } });
    expect(trashed).toMatchObject({ ok: true, data: { in_trash: true } });
    expect(notion.lastRequest()).toMatchObject({ method: 'PATCH', path: `/v1/pages/${pageId}` });
    expect(notion.lastRequest().json).toEqual({ in_trash: true, properties: { Name: title('Old') } });
  });

  it('retrieves a database', async () => {
    const result = await notion.manager.execute('notion', 'databases.retrieve', { database_id: notion.standIn.databaseId });
    expect(result).toMatchObject({ ok: true, data: { object: 'database', id: notion.standIn.databaseId } });
    expect(notion.lastRequest()).toMatchObject({ method: 'GET', path: `/v1/databases/${notion.standIn.databaseId}` });
  });

  it('queries a database page by page with the cursor in the POST body', async () => {
    const connection = notion.manager.connection<NotionOperations>('notion');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const input: NotionOperations['databases.query']['input'] = {
        database_id: notion.standIn.databaseId,
        page_size: 5,
        sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
        ...(cursor ? { start_cursor: cursor } : {}),
      };
      const result = await connection.execute('databases.query', input);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.data.results.map((row) => row.id));
      cursor = result.meta.nextCursor;
      if (cursor === undefined) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(12);
    expect(notion.standIn.requests).toHaveLength(Math.ceil(seen.length / 5));
    expect(notion.standIn.requests.every((request) => request.method === 'POST' && request.path === `/v1/databases/${notion.standIn.databaseId}/query`)).toBe(true);
    expect(notion.standIn.requests[0]!.json).toEqual({ page_size: 5, sorts: [{ timestamp: 'created_time', direction: 'ascending' }] });
    expect((notion.standIn.requests[1]!.json as { start_cursor: string }).start_cursor).toBe(seen[5]);
  });

  it('appends blocks, then lists them with the cursor in the query string', async () => {
    const appended = await notion.manager.execute('notion', 'blocks.children.append', {
      block_id: notion.standIn.pageId,
      children: [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Shipped.' } }] } }],
    });
    expect(appended).toMatchObject({ ok: true, data: { object: 'list', results: [{ type: 'paragraph' }] } });
    expect(notion.lastRequest()).toMatchObject({ method: 'PATCH', path: `/v1/blocks/${notion.standIn.pageId}/children` });
    expect(Object.keys(notion.lastRequest().json as object)).toEqual(['children']);

    const first = await notion.manager.execute('notion', 'blocks.children.list', { block_id: notion.standIn.pageId, page_size: 4 });
    expect(first).toMatchObject({ ok: true, meta: { nextCursor: expect.any(String) } });
    expect(notion.lastRequest().query).toEqual({ page_size: '4' });
    const second = await notion.manager.execute('notion', 'blocks.children.list', { block_id: notion.standIn.pageId, page_size: 4, start_cursor: first.meta.nextCursor });
    expect(second.ok && second.meta.nextCursor).toBe(undefined);
    expect((second as { data: { results: unknown[] } }).data.results.length).toBeGreaterThanOrEqual(2);
    expect(notion.lastRequest().query).toEqual({ page_size: '4', start_cursor: first.meta.nextCursor });
  });

  it('searches pages by title', async () => {
    const result = await notion.manager.execute('notion', 'search', { query: 'roadmap', filter: { property: 'object', value: 'page' } });
    expect(result).toMatchObject({ ok: true, data: { object: 'list', results: [{ id: notion.standIn.pageId }], has_more: false } });
    expect(result.ok && result.meta.nextCursor).toBe(undefined);
    expect(notion.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/search' });
    expect(notion.lastRequest().json).toEqual({ query: 'roadmap', filter: { property: 'object', value: 'page' } });
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await notion.manager.execute('notion', 'blocks.children.append', { block_id: 'not-an-id', children: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer).sort()).toEqual(['/block_id', '/children']);
    expect(notion.standIn.requests).toHaveLength(0);
  });

  it('maps Notion’s error codes: object_not_found, validation_error, conflict_error', async () => {
    const missing = await notion.manager.execute('notion', 'pages.retrieve', { page_id: '00000000-0000-0000-0000-000000000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false } });
    expect(missing.ok ? '' : missing.error.message).toContain('object_not_found: Could not find object');

    notion.standIn.injectFaults({ status: 400, body: { object: 'error', status: 400, code: 'validation_error', message: 'body.properties.Name.title should be an array' } });
    const rejected = await notion.manager.execute('notion', 'pages.create', { parent: { database_id: notion.standIn.databaseId }, properties: {} });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, retryable: false }, meta: { attempts: 1 } });

    notion.standIn.injectFaults({ status: 409, body: { object: 'error', status: 409, code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' } });
    const retried = await notion.manager.execute('notion', 'pages.update', { page_id: notion.standIn.pageId, archived: false });
    expect(retried).toMatchObject({ ok: true, meta: { attempts: 2 } });
  });

  it('reports a bad token and a missing capability as AUTH_FAILED without echoing the token', async () => {
    await notion.manager.connect({ id: 'bad', connector: 'notion', credentials: { token: 'secret_wrong_token_value' }, config: { baseUrl: notion.standIn.apiUrl } });
    const result = await notion.manager.execute('bad', 'users.me', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('unauthorized') } });
    expect(JSON.stringify(result)).not.toContain('secret_wrong_token_value');
    expect(notion.lastRequest().headers.authorization).toBe('Bearer secret_wrong_token_value');

    notion.standIn.injectFaults({ status: 403, body: { object: 'error', status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.' } });
    const restricted = await notion.manager.execute('notion', 'search', {});
    expect(restricted).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 403 } });
  });

  it('waits for Retry-After on 429 rate_limited, then succeeds', async () => {
    notion.standIn.rateLimitNext();
    const started = Date.now();
    const result = await notion.manager.execute('notion', 'search', { query: 'Task' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(notion.standIn.requests.map((request) => request.json)).toEqual([{ query: 'Task' }, { query: 'Task' }]);
  });

  it('returns RATE_LIMITED once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [NotionModule], retry: { retries: 0 } });
    await manager.connect({ id: 'notion', connector: 'notion', credentials: { token: notion.standIn.token }, config: { baseUrl: notion.standIn.apiUrl } });
    notion.standIn.rateLimitNext();
    const result = await manager.execute('notion', 'pages.create', { parent: { page_id: notion.standIn.pageId }, properties: { Name: title('x') } });
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true }, meta: { attempts: 1 } });
  });

  it('keeps to three requests a second on one connection', async () => {
    await Promise.all([1, 2, 3, 4].map(() => notion.manager.execute('notion', 'users.me', {})));
    const times = notion.standIn.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(4);
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(900);
  });
});
