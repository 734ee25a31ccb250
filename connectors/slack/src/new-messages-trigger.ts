import { PatchbayError } from '@patchbay/contract';
import type { OperationCall } from '@patchbay/runtime';
import { compareSlackTs } from './slack-timestamp.js';

export interface NewMessagesInput {
  channel: string;
  limit?: number;
  /** What the previous poll returned; absent on the first poll. */
  state?: { oldest?: string };
}

interface HistoryPage {
  messages: unknown[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** Pages one poll reads at most: a burst bigger than this is picked up by the next poll. */
const MAX_PAGES_PER_POLL = 10;

const SLACK_TS = /^\d{1,12}(?:\.\d{1,6})?$/;

function hasTs(message: unknown): message is { ts: string } {
  return typeof message === 'object' && message !== null && typeof (message as { ts?: unknown }).ts === 'string' && SLACK_TS.test((message as { ts: string }).ts);
}

/**
 * The `messages.new` polling trigger over `conversations.history`. The first poll answers the latest
 * `limit` messages; later ones everything from the newest message seen on (`oldest`, inclusive, so a
 * message at exactly that ts is never lost; the runtime's dedupe by `ts` drops the repeat). Items
 * come oldest first, the order people read them in.
 */
export async function pollNewMessages(input: NewMessagesInput, call: OperationCall) {
  const oldest = input.state?.oldest;
  const limit = input.limit ?? 100;
  const collected: { ts: string }[] = [];
  // A message without a usable ts cannot be ordered or deduplicated: throwing on it would fail
  // this poll and every later one the same way, so it is left out and reported.
  const skipped: { item: unknown; reason: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
    const form: Record<string, unknown> = { channel: input.channel, limit, cursor };
    if (oldest !== undefined) Object.assign(form, { oldest, inclusive: true });
    const response = await call.request<HistoryPage>({ method: 'POST', path: '/conversations.history', body: form, bodyType: 'form' });
    if (!Array.isArray(response.data?.messages)) {
      throw new PatchbayError({ code: 'UPSTREAM_ERROR', status: response.status, message: 'conversations.history answered without a messages list' });
    }
    for (const message of response.data.messages) {
      if (hasTs(message)) collected.push(message);
      else skipped.push({ item: message, reason: 'message has no valid string ts' });
    }
    cursor = response.data.response_metadata?.next_cursor || undefined;
    // Without a starting point the latest page is the whole answer; older history is not "new".
    if (oldest === undefined || !response.data.has_more || cursor === undefined) break;
  }
  const items = collected.sort((left, right) => compareSlackTs(left.ts, right.ts));
  const newest = items.at(-1)?.ts ?? oldest;
  return { data: { items, state: newest === undefined ? {} : { oldest: newest }, ...(skipped.length > 0 ? { skipped } : {}) } };
}
