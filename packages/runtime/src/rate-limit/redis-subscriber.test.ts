import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { observeSubscribes } from './redis-subscriber.js';

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

afterEach(() => {
  process.off('unhandledRejection', record);
  unhandled.length = 0;
});

describe('observeSubscribes', () => {
  it('turns the subscribe ioredis fires and forgets on a dead stream into a reported failure, not an unhandled rejection', async () => {
    process.on('unhandledRejection', record);
    // Never connected, offline queue off: subscribe fails exactly as it does when a reconnect drops again.
    // The command makes a lazy client start connecting: to a closed loopback port, never retried.
    const subscriber = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    subscriber.on('error', () => undefined);
    const failures: unknown[] = [];
    observeSubscribes(subscriber, (error) => failures.push(error));

    void subscriber.subscribe('patchbay:channel');
    const awaited = subscriber.subscribe('patchbay:other');
    await expect(awaited).rejects.toThrow(/enableOfflineQueue/);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(failures).toHaveLength(2);
    expect(String(failures[0])).toMatch(/isn't writeable/);
    expect(unhandled).toEqual([]);
    subscriber.disconnect();
  });
});
