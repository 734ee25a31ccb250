import type { JSONSchema } from './json-schema.js';

/** How a list operation pages through results. */
export type PaginationStyle = 'link' | 'cursor' | 'offset' | 'page';

/** HTTP methods an operation may be sent with. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * How a request body is encoded: `json`; `form` (application/x-www-form-urlencoded); `multipart`
 * (multipart/form-data, where a `{ filename, content, contentType? }` value is a file, its content
 * base64 text or bytes); `raw` (a string or bytes sent as they are).
 */
export type BodyType = 'json' | 'form' | 'multipart' | 'raw';

/** How arrays are written in query strings and form bodies. */
export type ArrayFormat = 'repeat' | 'comma' | 'brackets' | 'indices';

/**
 * The wire form of an operation. A runtime sends a plain REST operation from this alone: input
 * fields named in the path template fill it (URL-encoded); the rest go to the query string (GET,
 * HEAD, DELETE, OPTIONS) or the body (other methods), except those listed in `query`.
 */
export interface OperationHttp {
  method: HttpMethod;
  /** Path relative to the connection's base URL, with `{name}` placeholders filled from the input. */
  path: string;
  /** Body encoding for methods that send one; `json` by default. */
  bodyType?: BodyType;
  /** How arrays are written in the query string or form body. */
  arrayFormat?: ArrayFormat;
  /** Input fields sent in the query string although the method carries a body. */
  query?: readonly string[];
  /** Input fields sent as request headers: input field → header name. */
  headerParams?: Record<string, string>;
  /** The input field whose value is the whole body (an array, text); the other fields go to the path and query. */
  bodyParam?: string;
  /** Input fields whose name on the wire differs (two parameters of one name in different places): input field → wire name. */
  wireNames?: Record<string, string>;
  /** Headers this operation always sends (e.g. a content type with a charset). */
  headers?: Record<string, string>;
}

/** How to page a list operation: the style, and where the next page's cursor goes in the input. */
export interface OperationPagination {
  /** Where the API puts the next page's position: a `Link` header, a cursor, an offset or a page number. */
  style: PaginationStyle;
  /**
   * Input field that takes the cursor of `meta.nextCursor` (e.g. `page`, `cursor`, `starting_after`).
   * Its schema accepts the cursor as the string `meta.nextCursor` carries, so it feeds back as is.
   */
  cursorParam: string;
  /**
   * `offset` style only: the input field holding the page size. A page as long as it asks for
   * means there may be more, starting at `offset + length`.
   */
  limitParam?: string;
  /** Dotted path to the array of items in `data` (e.g. `items`, `results`); `data` itself when absent. */
  itemsPath?: string;
  /**
   * Where the next page's cursor is in the response body, as a dotted path (`next_cursor`,
   * `paging.next.after`, `data.-1.id` for the last item's id). Absent, null or empty means the
   * last page. Without it, `link` reads the `Link` header and `offset` counts items.
   */
  cursorPath?: string;
  /** When the value at `cursorPath` is a URL (`next_page_uri`), the query parameter of it that is the cursor. */
  cursorUrlParam?: string;
  /** Dotted path to a boolean that is true while there are more pages (`has_more`). */
  hasMorePath?: string;
}

/** A rate-limit rule: at most `limit` requests every `intervalMs`, `maxConcurrent` at once. */
export interface RateLimitRule {
  /** Requests allowed per interval. */
  limit?: number;
  /** Length of the interval in milliseconds. */
  intervalMs?: number;
  /** Requests allowed in flight at once. */
  maxConcurrent?: number;
  /** Minimum spacing between two requests in milliseconds. */
  minTimeMs?: number;
}

/**
 * How a `trigger` operation delivers new items. A polling trigger's handler receives its input plus
 * `state` (what it returned last time, absent on the first poll) and answers `{ items, state }`;
 * the runtime drops items whose `dedupeKey` it has already delivered.
 */
export interface OperationTrigger {
  /** `polling`: the app calls it on a schedule; `webhook`: the vendor pushes events to the app. */
  type: 'polling' | 'webhook';
  /** Dotted path to the field that identifies an item across polls (e.g. `id`, `ts`). */
  dedupeKey: string;
}

/** Metadata of one operation, keyed by its id (e.g. `issues.create`) in the `operations` facet. */
export interface OperationDefinition {
  /** `action` runs on demand; `trigger` is polled or fed by webhooks for new items. */
  kind: 'action' | 'trigger';
  /** Human-readable name, e.g. `Create an issue`. */
  displayName: string;
  /** What the operation does, for catalogs and generated docs. */
  description?: string;
  /** JSON Schema (draft 2020-12) of the operation's input object. */
  inputSchema: JSONSchema;
  /** JSON Schema of `data` in a successful result. */
  outputSchema?: JSONSchema;
  /** Per-operation limit, merged with the connection's rules (e.g. Slack method tiers). */
  rateLimit?: RateLimitRule;
  /**
   * Safe to repeat: the runtime may retry it after a network error or 5xx. Defaults to what the
   * method says (GET, HEAD, PUT, DELETE, OPTIONS are; POST and PATCH are not).
   */
  idempotent?: boolean;
  /** Present on list operations. */
  pagination?: OperationPagination;
  /**
   * Set on a list operation whose paging is not known (a generator found no paging style in its
   * document): `pages()` and `items()` read its first page only, and warn that more may exist.
   */
  paginationUnknown?: boolean;
  /** Set when the operation should no longer be used; the text says what replaces it. */
  deprecated?: boolean | string;
  /**
   * The request that runs the operation: a runtime sends it from this with no code. An operation
   * without one needs a handler in code (a GraphQL document, a multi-step call, a trigger).
   */
  http?: OperationHttp;
  /** Present on `trigger` operations: how new items arrive and how they are told apart. */
  trigger?: OperationTrigger;
}

/** The `operations` facet. */
export type OperationMap = Record<string, OperationDefinition>;

/**
 * Compile-time shapes of a connector's operations, keyed by operation id: each connector package
 * exports one, generated from its schemas. `item` is the element type of a list operation's page.
 */
export type OperationTypes = {
  [operation: string]: { input: object; output: unknown; item?: unknown };
};
