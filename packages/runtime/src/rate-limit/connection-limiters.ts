import type { RateLimitRule } from '@patchbay/contract';
import { LocalRateLimiter } from './local-rate-limiter.js';
import type { NormalizedRateLimits } from './rate-limit-rules.js';
import type { RateLimiter, RateLimiterFactory } from './rate-limiter.js';

/**
 * The limiters of one connection: one for the connection's own rule and one per operation that
 * has a hint, each created on first use, never at module scope. A call to an operation with a
 * hint waits for both.
 */
export class ConnectionLimiters {
  private connectionLimiter: RateLimiter | undefined;
  private readonly operationLimiters = new Map<string, RateLimiter>();
  private readonly combined = new Map<string, RateLimiter>();

  constructor(
    private readonly key: string,
    private readonly rules: () => NormalizedRateLimits | undefined,
    private readonly factory: RateLimiterFactory | undefined,
  ) {}

  /** The limiter a call to `operation` goes through, or `undefined` when nothing limits it. */
  for(operation: string | undefined): RateLimiter | undefined {
    const rules = this.rules();
    if (rules?.connection && !this.connectionLimiter) this.connectionLimiter = this.create(this.key, rules.connection);
    const operationRule = operation === undefined ? undefined : rules?.operations[operation];
    if (!operationRule) return this.connectionLimiter;
    let operationLimiter = this.operationLimiters.get(operation!);
    if (!operationLimiter) {
      operationLimiter = this.create(`${this.key}:${operation}`, operationRule);
      this.operationLimiters.set(operation!, operationLimiter);
    }
    const connectionLimiter = this.connectionLimiter;
    if (!connectionLimiter) return operationLimiter;
    let both = this.combined.get(operation!);
    if (!both) {
      const inner = operationLimiter;
      both = {
        schedule: (task, signal, deadline) => inner.schedule(() => connectionLimiter.schedule(task, signal, deadline), signal, deadline),
        pauseUntil: (epochMs) => connectionLimiter.pauseUntil(epochMs),
        close: async () => undefined,
      };
      this.combined.set(operation!, both);
    }
    return both;
  }

  /** Holds every request of the connection until `epochMs`. */
  pauseUntil(epochMs: number): void {
    this.connectionLimiter ??= this.create(this.key, this.rules()?.connection ?? {});
    this.connectionLimiter.pauseUntil(epochMs);
  }

  async close(): Promise<void> {
    await Promise.all([this.connectionLimiter?.close(), ...[...this.operationLimiters.values()].map((limiter) => limiter.close())]);
  }

  private create(key: string, rule: RateLimitRule): RateLimiter {
    return this.factory?.(key, rule) ?? new LocalRateLimiter(rule);
  }
}
