import type { JSONSchema, OperationPagination } from '@patchbay/contract';
import { isRecord } from './schema-converter.js';

/** What the generator learnt about an operation's paging: a style, "a list, but how it pages is unknown", or not a list. */
export type DetectedPaging = { pagination: OperationPagination } | { unknown: true } | undefined;

export interface PagingEvidence {
  method: string;
  /** The operation's query fields, by input field name, with their (dereferenced) schemas. */
  query: Record<string, unknown>;
  /** The first 2xx response as the document declares it (headers and all). */
  response: Record<string, unknown> | undefined;
  /** That response's body schema, dereferenced. */
  responseSchema: unknown;
}

// Names vendors give the same idea, most specific first. Matching is by exact name: a guess on a
// near miss would page the wrong field, which is worse than saying the paging is unknown.
const CURSOR_PARAMS = ['starting_after', 'cursor', 'after', 'page_token', 'pageToken', 'PageToken', 'next_token', 'nextToken', 'continuation_token', 'continuationToken', 'marker', 'start_cursor', 'startCursor'];
const PAGE_PARAMS = ['page', 'Page', 'page_number', 'pageNumber'];
const OFFSET_PARAMS = ['offset', 'Offset', 'skip', 'start'];
const SIZE_PARAMS = ['per_page', 'perPage', 'page_size', 'pageSize', 'PageSize', 'limit', 'Limit', 'max_results', 'maxResults', 'count', 'size'];
const LINK_PARAMS = ['page', 'cursor', 'after', 'since', 'page_token', 'pageToken', 'starting_after'];
const RESPONSE_CURSORS = ['next_cursor', 'nextCursor', 'next_page_token', 'nextPageToken', 'next_token', 'nextToken', 'next_page', 'nextPage', 'next_marker', 'nextMarker', 'continuation_token', 'continuationToken', 'end_cursor', 'endCursor', 'cursor', 'next'];
const RESPONSE_URLS = ['next_page_uri', 'next_page_url', 'nextPageUri', 'nextPageUrl', 'next_url', 'nextUrl', 'next_link', 'nextLink'];
const HAS_MORE = ['has_more', 'hasMore', 'has_next_page', 'hasNextPage', 'more'];
const CONTAINERS = ['response_metadata', 'meta', 'metadata', 'paging', 'pagination', 'page_info', 'pageInfo', 'links', '_links', 'cursor'];
const ITEM_ARRAYS = ['data', 'items', 'results', 'records', 'entries', 'values', 'elements', 'nodes'];

/**
 * How a GET operation pages, read from its document: a `Link` response header (GitHub); a next
 * cursor in the body fed back to a cursor parameter (`next_cursor`, `nextPageToken`, Stripe
 * search's `next_page`), possibly a whole next-page URL whose token parameter is the cursor
 * (Twilio's `next_page_uri`); Stripe's `starting_after` with `has_more`, the last item's id being the
 * cursor; a page number or an offset beside a page size. A list that matches none is `unknown`.
 */
export function paginationFromOpenApi(evidence: PagingEvidence): DetectedPaging {
  if (evidence.method !== 'GET') return undefined;
  const body = evidence.responseSchema;
  const items = itemsPathOf(body);
  const param = (names: string[]) => names.find((name) => name in evidence.query);
  const withItems = (pagination: OperationPagination): { pagination: OperationPagination } => ({
    pagination: items.path === undefined ? pagination : { ...pagination, itemsPath: items.path },
  });

  const linkParam = param(LINK_PARAMS);
  if (declaresLinkHeader(evidence.response) && linkParam !== undefined) return withItems({ style: 'link', cursorParam: linkParam });

  const cursorParam = param(CURSOR_PARAMS);
  const pageParam = param(PAGE_PARAMS);
  const hasMorePath = findPath(body, HAS_MORE, (schema) => schema.type === 'boolean');
  const nextUrl = findPath(body, RESPONSE_URLS, isStringLike) ?? findPath(body, ['next'], (schema) => isStringLike(schema) && isUrlFormat(schema));
  const urlParam = cursorParam ?? pageParam;
  if (nextUrl !== undefined && urlParam !== undefined) {
    return withItems({ style: 'cursor', cursorParam: urlParam, cursorPath: nextUrl, cursorUrlParam: urlParam, ...(hasMorePath ? { hasMorePath } : {}) });
  }
  const nextCursor = findPath(body, RESPONSE_CURSORS, (schema) => isStringLike(schema) && !isUrlFormat(schema));
  if (nextCursor !== undefined && urlParam !== undefined) {
    return withItems({ style: 'cursor', cursorParam: urlParam, cursorPath: nextCursor, ...(hasMorePath ? { hasMorePath } : {}) });
  }
  if (cursorParam === 'starting_after' && hasMorePath !== undefined && items.found) {
    return withItems({ style: 'cursor', cursorParam, cursorPath: items.path === undefined ? '-1.id' : `${items.path}.-1.id`, hasMorePath });
  }
  const sizeParam = param(SIZE_PARAMS);
  if (pageParam !== undefined && sizeParam !== undefined && items.found) return withItems({ style: 'page', cursorParam: pageParam, limitParam: sizeParam });
  const offsetParam = param(OFFSET_PARAMS);
  if (offsetParam !== undefined && sizeParam !== undefined && items.found) return withItems({ style: 'offset', cursorParam: offsetParam, limitParam: sizeParam });

  const pagingParam = [cursorParam, pageParam, offsetParam].some((name) => name !== undefined);
  return items.listLike || pagingParam ? { unknown: true } : undefined;
}

function declaresLinkHeader(response: Record<string, unknown> | undefined): boolean {
  return isRecord(response?.headers) && Object.keys(response.headers).some((name) => name.toLowerCase() === 'link');
}

/**
 * Where a list response keeps its items: the body itself when it is an array; else a conventional
 * array property (`data`, `items`), or the one array beside paging fields (Twilio's `calls`).
 */
function itemsPathOf(schema: unknown): { path?: string; found: boolean; listLike: boolean } {
  if (isRecord(schema) && (schema.type === 'array' || isRecord(schema.items))) return { found: true, listLike: true };
  const properties = propertiesOf(schema);
  const arrays = Object.keys(properties).filter((name) => isRecord(properties[name]) && (properties[name].type === 'array' || isRecord(properties[name].items)));
  const named = ITEM_ARRAYS.find((name) => arrays.includes(name));
  if (named !== undefined) return { path: named, found: true, listLike: true };
  if (arrays.length !== 1) return { found: false, listLike: false };
  const pagingSibling = Object.keys(properties).some((name) => /^(total(_?count)?|count|has_?more|next.*|page|per_?page|page_?size|cursor|offset|limit)$/i.test(name));
  return { path: arrays[0]!, found: true, listLike: pagingSibling };
}

/** A dotted path to a property with one of these names, at the top of the body or one container down. */
function findPath(schema: unknown, names: string[], accepts: (schema: Record<string, unknown>) => boolean): string | undefined {
  const properties = propertiesOf(schema);
  const top = names.find((name) => isRecord(properties[name]) && accepts(properties[name]));
  if (top !== undefined) return top;
  for (const container of CONTAINERS) {
    const inner = propertiesOf(properties[container]);
    const name = names.find((candidate) => isRecord(inner[candidate]) && accepts(inner[candidate]));
    if (name !== undefined) return `${container}.${name}`;
  }
  return undefined;
}

/** An object schema's properties, those of its `allOf` members included. */
function propertiesOf(schema: unknown, depth = 0): Record<string, unknown> {
  if (!isRecord(schema) || depth > 4) return {};
  const own = isRecord(schema.properties) ? schema.properties : {};
  const inherited = Array.isArray(schema.allOf) ? schema.allOf.map((member) => propertiesOf(member, depth + 1)) : [];
  return Object.assign({}, ...inherited, own) as Record<string, unknown>;
}

function isStringLike(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  if (type === undefined) return !isRecord(schema.properties);
  return type === 'string' || type === 'integer' || (Array.isArray(type) && (type.includes('string') || type.includes('integer')));
}

function isUrlFormat(schema: Record<string, unknown>): boolean {
  return schema.format === 'uri' || schema.format === 'url' || schema.format === 'uri-reference';
}

/**
 * The line the generator prints about list operations whose paging it could not find, or
 * undefined when there are none. They are marked `paginationUnknown`, so `pages()` warns on them.
 */
export function unpagedNotice(operations: readonly { id: string; paginationUnknown?: boolean }[]): string | undefined {
  const unpaged = operations.filter((operation) => operation.paginationUnknown).map((operation) => operation.id);
  if (unpaged.length === 0) return undefined;
  return `${unpaged.length} list operation${unpaged.length === 1 ? '' : 's'} with no paging the generator recognises (marked paginationUnknown; pages() reads one page and warns): ${unpaged.join(', ')}`;
}

/**
 * A numeric cursor field's schema widened to take the cursor as text too: `meta.nextCursor` is a
 * string, and a caller feeding it back as is (the contract's promise) must not be refused.
 */
export function cursorAcceptingText(schema: JSONSchema): JSONSchema {
  const type = schema.type;
  if (type !== 'integer' && type !== 'number') return schema;
  const { description, default: fallback, deprecated, ...numeric } = schema;
  const widened: JSONSchema = { anyOf: [numeric, { type: 'string', pattern: type === 'integer' ? '^-?[0-9]+$' : '^-?[0-9]+(\\.[0-9]+)?$' }] };
  if (description !== undefined) widened.description = description;
  if (fallback !== undefined) widened.default = fallback;
  if (deprecated !== undefined) widened.deprecated = deprecated;
  return widened;
}
