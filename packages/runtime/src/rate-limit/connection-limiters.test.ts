import type { RateLimitRule } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { ConnectionLimiters } from './connection-limiters.js';
import type { NormalizedRateLimits } from './rate-limit-rules.js';
import type { RateLimiter } from './rate-limiter.js';

function recordingFactory() {
  const created: { key: string; rule: RateLimitRule; order: string[]; paused: number[] }[] = [];
  const order: string[] = [];
  const factory = (key: string, rule: RateLimitRule): RateLimiter => {
    const entry = { key, rule, order, paused: [] as number[] };
    created.push(entry);
    return {
      schedule: (task) => {
        order.push(key);
        return task();
      },
      pauseUntil: (epochMs) => entry.paused.push(epochMs),
      close: async () => undefined,
    };
  };
  return { created, order, factory };
}

const rules: NormalizedRateLimits = {
  connection: { limit: 10, intervalMs: 1000 },
  operations: { 'chat.postMessage': { limit: 1, intervalMs: 1000 } },
};

describe('ConnectionLimiters', () => {
  it('creates nothing until a call needs a limiter, and nothing at all without rules', () => {
    const { created, factory } = recordingFactory();
    const none = new ConnectionLimiters('c1', () => ({ connection: undefined, operations: {} }), factory);
    expect(none.for('users.me')).toBeUndefined();
    const limited = new ConnectionLimiters('c1', () => rules, factory);
    expect(created).toEqual([]);
    limited.for('users.me');
    expect(created.map((entry) => entry.key)).toEqual(['c1']);
  });

  it('sends an operation with a hint through its own limiter, then the connection’s, reusing both', async () => {
    const { created, order, factory } = recordingFactory();
    const limiters = new ConnectionLimiters('c1', () => rules, factory);
    const first = limiters.for('chat.postMessage')!;
    expect(limiters.for('chat.postMessage')).toBe(first);
    await first.schedule(async () => 'sent');
    expect(order).toEqual(['c1:chat.postMessage', 'c1']);
    expect(created.map((entry) => [entry.key, entry.rule])).toEqual([
      ['c1', { limit: 10, intervalMs: 1000 }],
      ['c1:chat.postMessage', { limit: 1, intervalMs: 1000 }],
    ]);
  });

  it('pauses the connection limiter, created with the connection’s rule when a pause comes first', () => {
    const { created, factory } = recordingFactory();
    const limiters = new ConnectionLimiters('c1', () => rules, factory);
    limiters.pauseUntil(5_000);
    expect(created).toMatchObject([{ key: 'c1', rule: { limit: 10, intervalMs: 1000 }, paused: [5_000] }]);
    limiters.for('users.me');
    expect(created).toHaveLength(1);
  });
});
