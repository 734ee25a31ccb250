import type { RateLimitRule } from '@patchbay/contract';

/**
 * Slack's per-method rate-limit tiers, per workspace and app
 * (https://api.slack.com/apis/rate-limits). Each operation carries its method's tier as its
 * `rateLimit`, which the runtime merges with the connection's own rules.
 */
export const SLACK_TIERS = {
  /** Tier 1: about 1 request a minute. */
  tier1: { limit: 1, intervalMs: 60_000 },
  /** Tier 2: about 20 requests a minute. */
  tier2: { limit: 20, intervalMs: 60_000 },
  /** Tier 3: about 50 requests a minute. */
  tier3: { limit: 50, intervalMs: 60_000 },
  /** Tier 4: about 100 requests a minute. */
  tier4: { limit: 100, intervalMs: 60_000 },
  /**
   * `chat.postMessage`: about one message a second per channel. Approximated as one a second for
   * the operation, whatever the channel, which never exceeds the real limit.
   */
  postMessage: { limit: 1, intervalMs: 1_000 },
} as const satisfies Record<string, RateLimitRule>;
