import type { JSONSchema } from './json-schema.js';

/** How a list operation pages through results. */
export type PaginationStyle = 'link' | 'cursor' | 'offset' | 'page';

/** How to page a list operation: the style, and where the next page's cursor goes in the input. */
export interface OperationPagination {
  /** Where the API puts the next page's position: a `Link` header, a cursor, an offset or a page number. */
  style: PaginationStyle;
  /** Input field that takes the cursor of `meta.nextCursor` (e.g. `page`, `cursor`, `starting_after`). */
  cursorParam: string;
  /** Dotted path to the array of items in `data` (e.g. `items`, `results`); `data` itself when absent. */
  itemsPath?: string;
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
  /** Safe to repeat: the runtime may retry it after a network error or 5xx. */
  idempotent?: boolean;
  /** Present on list operations. */
  pagination?: OperationPagination;
  /** Set when the operation should no longer be used; the text says what replaces it. */
  deprecated?: boolean | string;
  /** HTTP method and path, for documentation and spec conformance checks. */
  http?: { method: string; path: string };
  /** Present on `trigger` operations: how new items arrive and how they are told apart. */
  trigger?: OperationTrigger;
}

/** The `operations` facet. */
export type OperationMap = Record<string, OperationDefinition>;
