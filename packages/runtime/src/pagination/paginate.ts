import { PatchbayError, type ConnectorExecuteOutput, type OperationDefinition } from '@patchbay/contract';
import { readPath } from './read-path.js';

export interface PageOptions {
  /** Stop after this many pages. Default 1,000, a guard against an API that never stops paging. */
  maxPages?: number;
  /** Stop once this many items were read: `pages()` ends with the page that reaches it, `items()` yields exactly this many. */
  maxItems?: number;
  signal?: AbortSignal | undefined;
  context?: Record<string, unknown> | undefined;
}

/** Told once per operation that is paged without known paging (`paginationUnknown`). */
export type UnknownPagingWarning = (operation: string) => void;

export type PageExecutor = (input: Record<string, unknown>) => Promise<ConnectorExecuteOutput>;

export const DEFAULT_MAX_PAGES = 1000;

/**
 * Runs a list operation page after page, feeding each page's `meta.nextCursor` back into the input
 * field the operation's `pagination.cursorParam` names. Yields every result. Stops after the last
 * page (no cursor), at `maxPages` or `maxItems`, when a cursor repeats, or on a failure: a failed
 * result is yielded as the last one, so a caller sees why paging ended and never gets a rejection.
 */
export async function* paginate(
  execute: PageExecutor,
  definition: OperationDefinition | undefined,
  input: Record<string, unknown>,
  options: PageOptions = {},
  warnUnknownPaging?: UnknownPagingWarning,
): AsyncGenerator<ConnectorExecuteOutput, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const maxItems = options.maxItems ?? Infinity;
  const pagination = definition?.pagination;
  const seenCursors = new Set<string>();
  let pageInput = input;
  let itemCount = 0;
  for (let page = 0; page < maxPages && itemCount < maxItems; page++) {
    const result = await execute(pageInput);
    yield result;
    if (result.ok && definition?.paginationUnknown === true) warnUnknownPaging?.(result.meta.operation);
    if (!result.ok || !pagination) return;
    const items = readPath(result.data, pagination.itemsPath);
    if (Array.isArray(items)) itemCount += items.length;
    const cursor = result.meta.nextCursor;
    if (cursor === undefined || cursor === '' || seenCursors.has(cursor)) return;
    seenCursors.add(cursor);
    pageInput = { ...input, [pagination.cursorParam]: cursorValue(definition, pagination.cursorParam, cursor) };
  }
}

/**
 * Every item of every page, read at `pagination.itemsPath` (or `data` itself), at most `maxItems`.
 * Unlike `paginate`, a failed page has no place among the items, so it is thrown as a PatchbayError
 * carrying the result's code and status (`for await` loops expect exactly that).
 */
export async function* paginateItems(
  execute: PageExecutor,
  definition: OperationDefinition | undefined,
  input: Record<string, unknown>,
  options: PageOptions = {},
  warnUnknownPaging?: UnknownPagingWarning,
): AsyncGenerator<unknown, void, undefined> {
  const maxItems = options.maxItems ?? Infinity;
  if (maxItems <= 0) return;
  let count = 0;
  for await (const result of paginate(execute, definition, input, options, warnUnknownPaging)) {
    if (!result.ok) {
      throw new PatchbayError({ ...result.error, message: `${result.meta.operation}: ${result.error.message}` });
    }
    const items = readPath(result.data, definition?.pagination?.itemsPath);
    if (!Array.isArray(items)) {
      throw new PatchbayError({
        code: 'CONNECTOR_ERROR',
        message: `${result.meta.operation} returned no array at ${definition?.pagination?.itemsPath ?? 'data'}`,
      });
    }
    for (const item of items) {
      yield item;
      if (++count >= maxItems) return;
    }
  }
}

/** A page cursor as the operation's input schema wants it: `page` cursors are often integers. */
function cursorValue(definition: OperationDefinition, cursorParam: string, cursor: string): string | number {
  const schema = definition.inputSchema.properties?.[cursorParam];
  const type = typeof schema === 'object' ? schema.type : undefined;
  const numeric = type === 'integer' || type === 'number' || (Array.isArray(type) && !type.includes('string'));
  return numeric && cursor.trim() !== '' && Number.isFinite(Number(cursor)) ? Number(cursor) : cursor;
}
