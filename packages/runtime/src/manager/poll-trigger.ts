import {
  PatchbayError,
  type ConnectorError,
  type ConnectorExecuteOutput,
  type ExecuteMeta,
  type OperationDefinition,
} from '@patchbay/contract';
import { readPath } from '../pagination/read-path.js';

/**
 * What `poll` hands back for the app to store and pass to the next poll. Opaque to apps: plain
 * JSON, its shape may change between versions.
 */
export interface PollState {
  /** The connector's own state (what its handler returned), e.g. `{ oldest: '1712.0001' }`. */
  cursor?: unknown;
  /** Dedupe keys of the most recently delivered items, oldest first, at most `maxSeen`. */
  seen: string[];
}

export interface PollOptions {
  /** The trigger's input (e.g. `{ channel }`), without `state`. */
  input?: Record<string, unknown>;
  /** The `state` of the previous poll's result; absent on the first poll. */
  state?: PollState | undefined;
  signal?: AbortSignal | undefined;
  context?: Record<string, unknown> | undefined;
  /** How many delivered keys the state remembers. Default 1,000: more than any one poll returns. */
  maxSeen?: number;
}

/** An item the trigger could not use (a vendor record missing the field it orders by), reported instead of failing the poll. */
export interface SkippedItem {
  item: unknown;
  reason: string;
}

export interface PollResult<TItem = unknown> {
  ok: boolean;
  /** Items not delivered by an earlier poll, in the order the connector returned them. */
  items: TItem[];
  /**
   * Malformed items the trigger left out. One bad record must not fail every later poll the same
   * way (the state would never move past it), so it is skipped and reported here.
   */
  skipped?: SkippedItem[];
  /** Store this and pass it to the next poll. On a failure it is the state that was passed in. */
  state: PollState;
  error?: ConnectorError;
  meta?: ExecuteMeta;
}

export const DEFAULT_MAX_SEEN = 1000;

/**
 * One poll of a polling trigger. The handler gets `{ ...input, state }` (its own state from last
 * time) and answers `{ items, state }`; items whose `dedupeKey` was delivered before are dropped,
 * so an app that polls on a schedule sees each item once even when the vendor's pages overlap.
 * An item without a value at `dedupeKey` cannot be recognised later and is always delivered. A
 * handler may also answer `skipped: [{ item, reason }]` for records it could not use; they are
 * passed on in the result.
 */
export async function pollTrigger(
  execute: (input: Record<string, unknown>) => Promise<ConnectorExecuteOutput>,
  operation: string,
  definition: OperationDefinition | undefined,
  options: PollOptions = {},
): Promise<PollResult> {
  const previous = options.state ?? { seen: [] };
  const fail = (error: PatchbayError, meta?: ExecuteMeta): PollResult => ({
    ok: false,
    items: [],
    state: previous,
    error: error.toConnectorError(),
    ...(meta ? { meta } : {}),
  });
  if (definition?.kind !== 'trigger' || definition.trigger?.type !== 'polling') {
    return fail(new PatchbayError({ code: 'UNKNOWN_OPERATION', message: `"${operation}" is not a polling trigger` }));
  }
  if (!isPollState(previous)) {
    return fail(new PatchbayError({ code: 'VALIDATION_FAILED', message: 'state must be the state a previous poll returned' }));
  }

  const input: Record<string, unknown> = { ...options.input };
  if (previous.cursor !== undefined) input.state = previous.cursor;
  const result = await execute(input);
  if (!result.ok) return { ok: false, items: [], state: previous, error: result.error, meta: result.meta };

  const data = result.data as { items?: unknown; state?: unknown; skipped?: unknown } | null;
  if (typeof data !== 'object' || data === null || !Array.isArray(data.items)) {
    return fail(new PatchbayError({ code: 'CONNECTOR_ERROR', message: `${operation} did not answer { items, state }` }), result.meta);
  }

  const dedupeKey = definition.trigger.dedupeKey;
  const seen = new Set(previous.seen);
  const delivered: string[] = [];
  const items = data.items.filter((item) => {
    const key = keyOf(readPath(item, dedupeKey));
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    delivered.push(key);
    return true;
  });
  const maxSeen = Math.max(1, options.maxSeen ?? DEFAULT_MAX_SEEN);
  const state: PollState = { seen: [...previous.seen, ...delivered].slice(-maxSeen) };
  const cursor = data.state === undefined ? previous.cursor : data.state;
  if (cursor !== undefined) state.cursor = cursor;
  const skipped = Array.isArray(data.skipped) ? data.skipped.filter(isSkippedItem) : [];
  return { ok: true, items, state, meta: result.meta, ...(skipped.length > 0 ? { skipped } : {}) };
}

function isSkippedItem(value: unknown): value is SkippedItem {
  return typeof value === 'object' && value !== null && typeof (value as { reason?: unknown }).reason === 'string';
}

function keyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

function isPollState(value: unknown): value is PollState {
  if (typeof value !== 'object' || value === null) return false;
  const seen = (value as { seen?: unknown }).seen;
  return Array.isArray(seen) && seen.every((key) => typeof key === 'string');
}
