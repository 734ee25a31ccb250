import { PatchbayError } from '@patchbay/contract';
import type { OperationCall } from '@patchbay/runtime';

export interface NewEventsInput {
  /** Event type filter, e.g. `invoice.paid` or `customer.*`. */
  type?: string;
  limit?: number;
  /** What the previous poll returned; absent on the first poll. */
  state?: { created?: number };
}

interface StripeList {
  data: { id: string; created: number }[];
  has_more: boolean;
}

/** Pages one poll reads at most: a burst bigger than this is picked up by the next poll. */
const MAX_PAGES_PER_POLL = 10;

/**
 * The `events.new` polling trigger over `GET /v1/events`. Later polls ask for events created at or
 * after the newest one seen (`created[gte]`: seconds are coarse, so several events can share the
 * newest second); the runtime's dedupe by `id` drops the ones already delivered. The first poll
 * answers the latest `limit` events. Items come oldest first.
 */
export async function pollNewEvents(input: NewEventsInput, call: OperationCall) {
  const since = input.state?.created;
  const collected: StripeList['data'] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
    const query = { type: input.type, limit: input.limit ?? 100, starting_after: startingAfter, created: since === undefined ? undefined : { gte: since } };
    const response = await call.request<StripeList>({ method: 'GET', path: '/v1/events', query });
    if (!Array.isArray(response.data?.data)) {
      throw new PatchbayError({ code: 'UPSTREAM_ERROR', status: response.status, message: 'GET /v1/events answered without a data list' });
    }
    collected.push(...response.data.data);
    startingAfter = response.data.data.at(-1)?.id;
    if (since === undefined || !response.data.has_more || startingAfter === undefined) break;
  }
  const items = collected.reverse();
  const newest = items.reduce((latest, event) => Math.max(latest, event.created), since ?? 0);
  return { data: { items, state: newest > 0 ? { created: newest } : {} } };
}
