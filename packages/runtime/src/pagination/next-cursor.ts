import type { OperationPagination } from '@patchbay/contract';
import type { HttpResponse } from '../http/request-options.js';
import { parseLinkHeader } from '../http/link-header.js';
import { readPath } from './read-path.js';

/**
 * The next page's cursor, read where the operation's pagination says it is: a body path
 * (optionally a URL whose query parameter is the cursor, optionally guarded by a `has_more`
 * flag), or the cursor parameter of a `Link: rel="next"` URL. `undefined` on the last page.
 */
export function readNextCursor(response: HttpResponse, pagination: OperationPagination | undefined): string | undefined {
  if (pagination === undefined) return undefined;
  if (pagination.hasMorePath !== undefined && readPath(response.data, pagination.hasMorePath) !== true) return undefined;
  if (pagination.cursorPath !== undefined) {
    const value = readPath(response.data, pagination.cursorPath);
    const cursor = typeof value === 'number' ? String(value) : value;
    if (typeof cursor !== 'string' || cursor === '') return undefined;
    return pagination.cursorUrlParam === undefined ? cursor : queryParameter(cursor, pagination.cursorUrlParam);
  }
  if (pagination.style === 'link') {
    const next = parseLinkHeader(response.headers.link).next;
    return next === undefined ? undefined : queryParameter(next, pagination.cursorParam);
  }
  return undefined;
}

/**
 * The offset of the next page of an `offset` list: a page as long as the limit it asked for means
 * there may be more, starting where this one ended.
 */
export function nextOffset(pagination: OperationPagination | undefined, input: Record<string, unknown>, data: unknown): string | undefined {
  if (pagination?.style !== 'offset' || pagination.limitParam === undefined) return undefined;
  const limit = Number(input[pagination.limitParam]);
  const items = readPath(data, pagination.itemsPath);
  if (!Number.isInteger(limit) || limit <= 0 || !Array.isArray(items) || items.length < limit) return undefined;
  const offset = Number(input[pagination.cursorParam] ?? 0);
  return Number.isFinite(offset) ? String(offset + items.length) : undefined;
}

/** A query parameter of an absolute or relative URL; the URL is only read, never requested. */
function queryParameter(url: string, name: string): string | undefined {
  try {
    const value = new URL(url, 'http://cursor.invalid').searchParams.get(name);
    return value === null || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
