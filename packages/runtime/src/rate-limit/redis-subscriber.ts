import type { Redis } from 'ioredis';

/**
 * ioredis subscribes again after every reconnect and drops the promise. With the offline queue
 * off (calls must fall back to local limits, not wait), a connection that drops again at that
 * moment rejects it: an unhandled rejection, which ends the app's process under Node's defaults.
 * Every subscribe of bottleneck's subscriber is therefore observed here: a failure is reported as
 * Redis being down, and whoever awaits the promise (bottleneck) still gets the rejection.
 */
export function observeSubscribes(subscriber: Redis, onFailure: (error: unknown) => void): void {
  const subscribe = subscriber.subscribe.bind(subscriber) as (...args: unknown[]) => Promise<unknown>;
  subscriber.subscribe = ((...args: unknown[]) => {
    const pending = subscribe(...args);
    pending.catch(onFailure);
    return pending;
  }) as Redis['subscribe'];
}
