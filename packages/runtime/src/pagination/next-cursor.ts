import type { OperationDefinition, OperationPagination } from '@patchbay/contract';
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
 * The position of the next page of an `offset` or `page` list that declares its `limitParam`: a
 * page as long as the limit (asked for, or the schema's default) means there may be more, starting
 * where this one ended (`offset + length`) or at the next page number. Without a known limit, any
 * non-empty page may have a successor; the empty page after the last one ends the loop.
 */
export function nextPosition(definition: OperationDefinition | undefined, input: Record<string, unknown>, data: unknown): string | undefined {
  const pagination = definition?.pagination;
  if (definition === undefined || (pagination?.style !== 'offset' && pagination?.style !== 'page') || pagination.limitParam === undefined) return undefined;
  const items = readPath(data, pagination.itemsPath);
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const limit = Number(input[pagination.limitParam] ?? schemaDefault(definition, pagination.limitParam));
  if (Number.isInteger(limit) && limit > 0 && items.length < limit) return undefined;
  if (pagination.style === 'page') {
    const page = Number(input[pagination.cursorParam] ?? schemaDefault(definition, pagination.cursorParam) ?? 1);
    return Number.isInteger(page) ? String(page + 1) : undefined;
  }
  const offset = Number(input[pagination.cursorParam] ?? 0);
  return Number.isFinite(offset) ? String(offset + items.length) : undefined;
}

function schemaDefault(definition: OperationDefinition, field: string): unknown {
  const schema = definition.inputSchema.properties?.[field];
  return typeof schema === 'object' ? schema.default : undefined;
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
