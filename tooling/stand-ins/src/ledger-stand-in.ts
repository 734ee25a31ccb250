import { setTimeout as sleep } from 'node:timers/promises';
import { startStandIn, type StandIn } from './stand-in-server.js';

export interface LedgerStandIn extends StandIn {
  /** How many writes arrived with each idempotency key. */
  writesByKey: Map<string, number>;
  /** Adds one item to a feed; answers its id. */
  addFeedItem(feed: string): string;
}

/**
 * A generic vendor for queue tests and the bench's worker curve: `POST /entries` records a write
 * under its `Idempotency-Key`; `GET /feeds/{feed}?after=` answers the feed's items after a sequence
 * number, after a short pause so polls are in flight when a worker is killed.
 */
export async function startLedgerStandIn(pollDelayMs = 2): Promise<LedgerStandIn> {
  const writesByKey = new Map<string, number>();
  const feeds = new Map<string, { id: string; seq: number }[]>();
  const standIn = await startStandIn(async (request) => {
    if (request.method === 'POST' && request.path === '/entries') {
      const key = request.headers['idempotency-key'] ?? '';
      writesByKey.set(key, (writesByKey.get(key) ?? 0) + 1);
      return { status: 201, body: { key } };
    }
    const feed = /^\/feeds\/([\w-]+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && feed !== undefined) {
      await sleep(pollDelayMs);
      const after = Number(request.query.after ?? 0);
      return { status: 200, body: { items: (feeds.get(feed) ?? []).filter((item) => item.seq > after) } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  });
  return Object.assign(standIn, {
    writesByKey,
    addFeedItem(name: string) {
      const items = feeds.get(name) ?? [];
      feeds.set(name, items);
      const item = { id: `${name}-item-${items.length + 1}`, seq: items.length + 1 };
      items.push(item);
      return item.id;
    },
  });
}
