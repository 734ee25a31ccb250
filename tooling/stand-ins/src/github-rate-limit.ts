import type { StatusFault } from './fault.js';

export const GITHUB_CORE_LIMIT = 5000;
const windowSeconds = 3600;

const primaryDocumentationUrl =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits';
const secondaryDocumentationUrl =
  'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

export interface RateLimitWindow {
  /** Counts one request; false when the window was already spent. */
  take(): boolean;
  /** The `x-ratelimit-*` headers GitHub sends on every response. */
  headers(): Record<string, string>;
}

const epochSeconds = (): number => Math.floor(Date.now() / 1000);

/** One hourly window of the `core` resource, held per stand-in so tests never share a budget. */
export function createRateLimitWindow(limit: number = GITHUB_CORE_LIMIT): RateLimitWindow {
  let used = 0;
  let reset = epochSeconds() + windowSeconds;
  const roll = (): void => {
    if (epochSeconds() < reset) return;
    used = 0;
    reset = epochSeconds() + windowSeconds;
  };
  return {
    take() {
      roll();
      if (used >= limit) return false;
      used += 1;
      return true;
    },
    headers() {
      roll();
      return {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - used)),
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-used': String(used),
        'x-ratelimit-resource': 'core',
      };
    },
  };
}

/**
 * The primary limit answer: remaining 0 and a reset 1–2 s ahead, so a client that waits for
 * `x-ratelimit-reset` recovers within a test's time budget.
 */
export function primaryRateLimitFault(userId: number, requestId: string, status: 403 | 429 = 403): StatusFault {
  return {
    status,
    headers: {
      'x-ratelimit-limit': String(GITHUB_CORE_LIMIT),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(epochSeconds() + 2),
      'x-ratelimit-used': String(GITHUB_CORE_LIMIT),
      'x-ratelimit-resource': 'core',
      'x-github-request-id': requestId,
    },
    body: { message: `API rate limit exceeded for user ID ${userId}.`, documentation_url: primaryDocumentationUrl },
  };
}

/** The secondary (abuse) limit answer: quota left, but `retry-after` says to back off. */
export function secondaryRateLimitFault(
  windowHeaders: Record<string, string>,
  requestId: string,
  status: 403 | 429 = 403,
): StatusFault {
  return {
    status,
    headers: { ...windowHeaders, 'retry-after': '1', 'x-github-request-id': requestId },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: secondaryDocumentationUrl,
    },
  };
}
