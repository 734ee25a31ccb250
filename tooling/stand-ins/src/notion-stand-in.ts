import { randomUUID } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface NotionStandInOptions extends StandInOptions {
  /** The only integration token accepted, as `Bearer <token>`. Default `secret_standin_token`. */
  token?: string;
}

/** A page, database or block as the stand-in stores it: Notion's object with its `id` and `object`. */
export type NotionObject = Record<string, unknown> & { id: string; object: string };

export interface NotionState {
  pages: NotionObject[];
  databases: NotionObject[];
  /** Child blocks by parent id (a page or a block), in order. */
  children: Map<string, NotionObject[]>;
}

export interface NotionStandIn extends StandIn {
  readonly token: string;
  /** Base URL clients use: the stand-in's URL plus `/v1`, as `https://api.notion.com/v1`. */
  readonly apiUrl: string;
  readonly state: NotionState;
  /** Id of the seeded "Tasks" database (12 pages titled `Task 1` … `Task 12`). */
  readonly databaseId: string;
  /** Id of the seeded "Roadmap" page (5 paragraph blocks). */
  readonly pageId: string;
  /** The next request (or the next one whose path starts with `match`) gets Notion's 429 with `Retry-After: 1`. */
  rateLimitNext(match?: string): void;
}

const bot = {
  object: 'user',
  id: '9a3b5ae0-c6e6-482d-b0e1-ed315ee6dc57',
  name: 'Patchbay stand-in',
  avatar_url: null,
  type: 'bot',
  bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Stand-in workspace' },
};

/** Notion's error body: `{ object: 'error', status, code, message }`. */
export function notionError(status: number, code: string, message: string): StandInResponse {
  return { status, body: { object: 'error', status, code, message, request_id: randomUUID() } };
}

/** Notion accepts ids with or without dashes. */
const sameId = (a: string, b: string): boolean => a.replace(/-/g, '') === b.replace(/-/g, '');

function titleOf(object: NotionObject): string {
  const title = object.object === 'database' ? object.title : (object.properties as Record<string, { title?: unknown }>)?.Name?.title;
  if (!Array.isArray(title)) return '';
  return title.map((part: { text?: { content?: string }; plain_text?: string }) => part.plain_text ?? part.text?.content ?? '').join('');
}

function richText(content: string) {
  return [{ type: 'text', text: { content, link: null }, plain_text: content, href: null }];
}

function newPage(parent: Record<string, unknown>, properties: Record<string, unknown>, created: Date): NotionObject {
  const id = randomUUID();
  return {
    object: 'page',
    id,
    created_time: created.toISOString(),
    last_edited_time: created.toISOString(),
    created_by: { object: 'user', id: bot.id },
    archived: false,
    in_trash: false,
    icon: null,
    cover: null,
    parent,
    properties,
    url: `https://www.notion.so/${id.replace(/-/g, '')}`,
  };
}

function paragraph(content: string): NotionObject {
  return { object: 'block', id: randomUUID(), type: 'paragraph', has_children: false, archived: false, paragraph: { rich_text: richText(content) } };
}

/**
 * One page of a list the way Notion pages: `page_size` up to 100 (default 100), `start_cursor` is
 * the id of the first item of the page, `next_cursor` null and `has_more` false at the end.
 */
function listPage(items: NotionObject[], startCursor: unknown, pageSize: unknown, type: string): StandInResponse {
  const size = Math.min(100, Number(pageSize ?? 100));
  if (!Number.isInteger(size) || size < 1) return notionError(400, 'validation_error', 'body failed validation: body.page_size should be a number between 1 and 100.');
  let start = 0;
  if (startCursor !== undefined) {
    start = items.findIndex((item) => sameId(item.id, String(startCursor)));
    if (start === -1) return notionError(400, 'validation_error', 'The start_cursor provided is invalid: ' + String(startCursor));
  }
  const results = items.slice(start, start + size);
  const next = items[start + size];
  return {
    status: 200,
    body: { object: 'list', results, next_cursor: next ? next.id : null, has_more: next !== undefined, type, [type]: {}, request_id: randomUUID() },
  };
}

function jsonBody(request: StandInRequest): Record<string, unknown> | undefined {
  const value = request.body === '' ? {} : request.json;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function route(state: NotionState, request: StandInRequest): StandInResponse {
  const path = request.path.replace(/^\/v1/, '');
  const body = jsonBody(request);
  if (body === undefined) return notionError(400, 'invalid_json', 'Error parsing JSON body.');
  const findPage = (id: string) => state.pages.find((page) => sameId(page.id, id));
  const notFound = (id: string) =>
    notionError(404, 'object_not_found', `Could not find object with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
  let match: RegExpExecArray | null;

  if (request.method === 'GET' && path === '/users/me') return { status: 200, body: bot };
  if (request.method === 'POST' && path === '/pages') {
    const parent = body.parent as Record<string, unknown> | undefined;
    if (!parent || (typeof parent.database_id !== 'string' && typeof parent.page_id !== 'string')) {
      return notionError(400, 'validation_error', 'body failed validation: body.parent.database_id should be defined, instead was `undefined`.');
    }
    const parentId = String(parent.database_id ?? parent.page_id);
    const exists = parent.database_id ? state.databases.some((database) => sameId(database.id, parentId)) : findPage(parentId);
    if (!exists) return notFound(parentId);
    const page = newPage({ type: parent.database_id ? 'database_id' : 'page_id', ...parent }, (body.properties ?? {}) as Record<string, unknown>, new Date());
    for (const key of ['icon', 'cover'] as const) if (body[key] !== undefined) page[key] = body[key];
    state.pages.push(page);
    if (Array.isArray(body.children)) state.children.set(page.id, (body.children as Record<string, unknown>[]).map((block) => ({ ...block, object: 'block', id: randomUUID(), has_children: false, archived: false })));
    return { status: 200, body: page };
  }
  if ((match = /^\/pages\/([\w-]+)$/.exec(path))) {
    const page = findPage(match[1]!);
    if (!page) return notFound(match[1]!);
    if (request.method === 'GET') return { status: 200, body: page };
    if (request.method === 'PATCH') {
      if (page.archived && body.archived !== false) return notionError(400, 'validation_error', "Can't edit block that is archived. You must unarchive the block before editing.");
      page.properties = { ...(page.properties as object), ...(body.properties as object) };
      for (const key of ['archived', 'in_trash', 'icon', 'cover'] as const) if (body[key] !== undefined) page[key] = body[key];
      page.last_edited_time = new Date().toISOString();
      return { status: 200, body: page };
    }
  }
  if ((match = /^\/databases\/([\w-]+)(\/query)?$/.exec(path))) {
    const database = state.databases.find((candidate) => sameId(candidate.id, match![1]!));
    if (!database) return notFound(match[1]!);
    if (request.method === 'GET' && !match[2]) return { status: 200, body: database };
    if (request.method === 'POST' && match[2]) {
      const rows = state.pages.filter((page) => sameId(String((page.parent as { database_id?: string }).database_id ?? ''), database.id));
      return listPage(rows, body.start_cursor, body.page_size, 'page_or_database');
    }
  }
  if ((match = /^\/blocks\/([\w-]+)\/children$/.exec(path))) {
    const parentId = [...state.children.keys()].find((id) => sameId(id, match![1]!)) ?? (findPage(match[1]!)?.id);
    if (!parentId) return notFound(match[1]!);
    const blocks = state.children.get(parentId) ?? [];
    if (request.method === 'GET') return listPage(blocks, request.query.start_cursor, request.query.page_size, 'block');
    if (request.method === 'PATCH') {
      if (!Array.isArray(body.children)) return notionError(400, 'validation_error', 'body failed validation: body.children should be defined, instead was `undefined`.');
      if (body.children.length > 100) return notionError(400, 'validation_error', 'body failed validation: body.children.length should be ≤ `100`.');
      const added = (body.children as Record<string, unknown>[]).map((block) => ({ ...block, object: 'block', id: randomUUID(), has_children: false, archived: false }));
      state.children.set(parentId, [...blocks, ...added]);
      return { status: 200, body: { object: 'list', results: added, next_cursor: null, has_more: false, type: 'block', block: {} } };
    }
  }
  if (request.method === 'POST' && path === '/search') {
    const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
    const filter = body.filter as { property?: string; value?: string } | undefined;
    const everything = [...state.databases, ...state.pages].filter(
      (object) => titleOf(object).toLowerCase().includes(query) && (!filter?.value || object.object === filter.value),
    );
    return listPage(everything, body.start_cursor, body.page_size, 'page_or_database');
  }
  return notionError(400, 'invalid_request_url', 'Invalid request URL.');
}

function seed(state: NotionState): { databaseId: string; pageId: string } {
  const created = new Date('2026-01-05T09:00:00.000Z');
  const databaseId = randomUUID();
  state.databases.push({
    object: 'database',
    id: databaseId,
    created_time: created.toISOString(),
    last_edited_time: created.toISOString(),
    title: richText('Tasks'),
    parent: { type: 'workspace', workspace: true },
    properties: {
      Name: { id: 'title', name: 'Name', type: 'title', title: {} },
      Status: { id: 'stat', name: 'Status', type: 'status', status: {} },
    },
    archived: false,
    in_trash: false,
    url: `https://www.notion.so/${databaseId.replace(/-/g, '')}`,
  });
  for (let index = 1; index <= 12; index++) {
    state.pages.push(newPage({ type: 'database_id', database_id: databaseId }, { Name: { title: richText(`Task ${index}`) } }, created));
  }
  const page = newPage({ type: 'workspace', workspace: true }, { Name: { title: richText('Roadmap') } }, created);
  state.pages.push(page);
  state.children.set(page.id, [1, 2, 3, 4, 5].map((index) => paragraph(`Paragraph ${index}`)));
  return { databaseId, pageId: page.id };
}

/**
 * Starts a stand-in of Notion's API (version 2022-06-28) on 127.0.0.1: bearer integration token,
 * `Notion-Version` required, Notion's error bodies and cursor pagination.
 */
export async function startNotionStandIn(options: NotionStandInOptions = {}): Promise<NotionStandIn> {
  const token = options.token ?? 'secret_standin_token';
  const state: NotionState = { pages: [], databases: [], children: new Map() };
  const { databaseId, pageId } = seed(state);
  const standIn = await startStandIn((request) => {
    if (request.headers.authorization !== `Bearer ${token}`) return notionError(401, 'unauthorized', 'API token is invalid.');
    if (request.headers['notion-version'] === undefined) {
      return notionError(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.');
    }
    return route(state, request);
  }, options);
  return {
    ...standIn,
    token,
    apiUrl: `${standIn.url}/v1`,
    state,
    databaseId,
    pageId,
    rateLimitNext(match) {
      const fault = { ...notionError(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.'), headers: { 'retry-after': '1' } };
      standIn.injectFaults(match === undefined ? fault : { ...fault, match });
    },
  };
}
