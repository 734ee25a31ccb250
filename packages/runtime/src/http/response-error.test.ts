import { describe, expect, it } from 'vitest';
import { errorFromResponse, type ErrorResponse } from './response-error.js';

function response(overrides: Partial<ErrorResponse>): ErrorResponse {
  return {
    status: 429,
    headers: {},
    rateLimit: undefined,
    retryAfterMs: undefined,
    vendor: undefined,
    request: { method: 'GET', url: 'https://api.example.com/things', headers: {} },
    label: 'GET /things',
    ...overrides,
  };
}

describe('errorFromResponse', () => {
  it('takes the wait a vendor documents when no header names one', () => {
    const error = errorFromResponse(response({ vendor: { code: 'RATE_LIMITED', retryAfterMs: 30_000, message: 'Rate limit exceeded' } }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: 429, retryAfterMs: 30_000 });
    expect(error.message).toBe('GET /things failed with HTTP 429: Rate limit exceeded');
  });

  it('prefers a Retry-After header to the vendor’s documented wait', () => {
    const error = errorFromResponse(response({ retryAfterMs: 2000, vendor: { retryAfterMs: 30_000 } }));
    expect(error.retryAfterMs).toBe(2000);
  });

  it('leaves the wait unset when neither the vendor nor a header gives one', () => {
    const error = errorFromResponse(response({ status: 503, vendor: { message: 'down' } }));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: true, retryAfterMs: undefined });
  });
});
