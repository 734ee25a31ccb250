import type { ConnectionContext, RateLimitState } from '@patchbay/contract';
import { BaseAPIClient, parseDuration, type ClientOptions, type HttpResponse, type VendorErrorInfo } from '@patchbay/runtime';
import { openaiAuth } from './auth.js';
import { openaiVendorError } from './openai-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** OpenAI API client, one per connection. */
export class OpenaiClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: openaiAuth,
      baseUrl: 'https://api.openai.com/v1',
      headers: { 'user-agent': `patchbay-connector-openai/${VERSION}`, ...scopeHeaders(connection.config ?? {}) },
    });
    // Generating text, vectors or verdicts changes nothing on OpenAI's side, so these may be
    // repeated after a 5xx, as OpenAI's own SDKs do; an image costs enough not to.
    this.register<Input>('chat.completions.create', (input, call) =>
      call.request({ method: 'POST', path: '/chat/completions', params: input, idempotent: true }),
    );
    this.register<Input>('embeddings.create', (input, call) => call.request({ method: 'POST', path: '/embeddings', params: input, idempotent: true }));
    this.register<Input>('moderations.create', (input, call) =>
      call.request({ method: 'POST', path: '/moderations', params: input, idempotent: true }),
    );
    this.register<Input>('images.generate', (input, call) => call.request({ method: 'POST', path: '/images/generations', params: input }));
    this.register<Input>('models.list', (_input, call) => call.request({ method: 'GET', path: '/models' }));
    this.register<Input>('models.retrieve', (input, call) => call.request({ method: 'GET', path: '/models/{model}', params: input }));
    this.register<Input>('files.create', (input, call) => call.request({ method: 'POST', path: '/files', params: input, bodyType: 'multipart' }));
    this.register<Input>('files.list', (input, call) => call.request({ method: 'GET', path: '/files', params: input }));
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return openaiVendorError(response);
  }

  /**
   * OpenAI reports a request budget and a token budget, with resets as durations (`6m0s`, `1s`,
   * `20ms`). The state is the request budget, or the token budget when that one is spent, so a
   * 429 waits for the reset of whichever ran out.
   */
  protected override rateLimitState(headers: Record<string, string>): RateLimitState | undefined {
    const requests = readBudget(headers, 'requests');
    const tokens = readBudget(headers, 'tokens');
    return tokens?.remaining === 0 && requests?.remaining !== 0 ? tokens : requests;
  }

  /** Cursor lists (files) end a page with `has_more`; the last item's id goes back as `after`. */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const list = response.data as { object?: string; has_more?: boolean; last_id?: string | null; data?: { id?: string }[] } | null;
    if (list?.object !== 'list' || list.has_more !== true) return undefined;
    const last = list.last_id ?? list.data?.at(-1)?.id;
    return typeof last === 'string' ? last : undefined;
  }
}

function readBudget(headers: Record<string, string>, kind: 'requests' | 'tokens'): RateLimitState | undefined {
  const limit = headers[`x-ratelimit-limit-${kind}`];
  const remaining = headers[`x-ratelimit-remaining-${kind}`];
  if (limit === undefined && remaining === undefined) return undefined;
  const state: RateLimitState = {};
  if (limit !== undefined && !Number.isNaN(Number(limit))) state.limit = Number(limit);
  if (remaining !== undefined && !Number.isNaN(Number(remaining))) state.remaining = Number(remaining);
  const resetMs = parseDuration(headers[`x-ratelimit-reset-${kind}`]);
  if (resetMs !== undefined) state.resetAt = Date.now() + resetMs;
  return state;
}

/** `OpenAI-Organization` and `OpenAI-Project` from the connection's config, when they are set. */
function scopeHeaders(config: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof config.organization === 'string' && config.organization !== '') headers['openai-organization'] = config.organization;
  if (typeof config.project === 'string' && config.project !== '') headers['openai-project'] = config.project;
  return headers;
}
