import type { OperationMap, RateLimitRule } from '@patchbay/contract';

/** The limits that apply to one connection: its own rule and each operation's hint. */
export interface NormalizedRateLimits {
  connection: RateLimitRule | undefined;
  operations: Record<string, RateLimitRule>;
}

const KEYS = ['limit', 'intervalMs', 'maxConcurrent', 'minTimeMs'] as const;

/**
 * Merges rules field by field (later ones win) and drops anything that would not limit: a `limit`
 * without an interval, zeros, negatives and non-numbers. `undefined` means "no limit".
 */
export function normalizeRateLimitRule(...rules: (RateLimitRule | undefined)[]): RateLimitRule | undefined {
  const merged: RateLimitRule = {};
  for (const rule of rules) {
    if (!rule) continue;
    for (const key of KEYS) {
      const value = rule[key];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) merged[key] = value;
    }
  }
  if ((merged.limit === undefined) !== (merged.intervalMs === undefined)) {
    delete merged.limit;
    delete merged.intervalMs;
  }
  if (merged.limit !== undefined) merged.limit = Math.max(1, Math.floor(merged.limit));
  if (merged.maxConcurrent !== undefined) merged.maxConcurrent = Math.max(1, Math.floor(merged.maxConcurrent));
  return Object.keys(merged).length === 0 ? undefined : merged;
}

/** The `rateLimit` a connection's config sets, when it sets one. */
export function configuredRule(config: Record<string, unknown>): RateLimitRule | undefined {
  const rule = config.rateLimit;
  return typeof rule === 'object' && rule !== null ? (rule as RateLimitRule) : undefined;
}

/** A connection's limits from the module's default, the connection's override and operation hints. */
export function normalizeRateLimits(
  moduleRule: RateLimitRule | undefined,
  connectionRule: RateLimitRule | undefined,
  operations: OperationMap,
): NormalizedRateLimits {
  const perOperation: Record<string, RateLimitRule> = {};
  for (const [id, operation] of Object.entries(operations)) {
    const rule = normalizeRateLimitRule(operation.rateLimit);
    if (rule) perOperation[id] = rule;
  }
  return { connection: normalizeRateLimitRule(moduleRule, connectionRule), operations: perOperation };
}
