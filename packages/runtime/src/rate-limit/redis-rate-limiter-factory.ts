import type { Logger } from '../client/logger.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import type { RateLimiterFactory } from './rate-limiter.js';
import { SharedRedisConnection, type RedisRateLimitOptions } from './shared-redis-connection.js';

/** A limiter factory whose limiters share one Redis connection; `close()` releases it. */
export interface RedisRateLimiterFactory extends RateLimiterFactory {
  close(): Promise<void>;
}

/**
 * Limits shared by every process that uses the same Redis: limiters are keyed by connection id
 * (and operation), created when a connection first needs one, and connect to Redis on first use.
 * See {@link RedisRateLimiter} for how slices of each limit are leased and what happens when Redis is down.
 */
export function createRedisRateLimiterFactory(options: RedisRateLimitOptions, logger?: Logger): RedisRateLimiterFactory {
  const redis = new SharedRedisConnection(options, logger);
  const limiters = new Set<RedisRateLimiter>();
  const factory: RateLimiterFactory = (key, rule) => {
    const limiter = new RedisRateLimiter(key, rule, redis, (closed) => limiters.delete(closed));
    limiters.add(limiter);
    return limiter;
  };
  return Object.assign(factory, {
    close: async () => {
      await Promise.all([...limiters].map((limiter) => limiter.close()));
      await redis.close();
    },
  });
}
