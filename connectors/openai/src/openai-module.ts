import { BaseAPIClient } from '@patchbay/runtime';
import { openaiAuth } from './auth.js';
import { openaiVendorError } from './openai-error.js';
import { openaiOperations } from './operations.js';
import { VERSION } from './version.js';

/**
 * OpenAI API client, one per connection. OpenAI reports a request budget and a token budget,
 * with resets as durations (`6m0s`, `1s`, `20ms`); a 429 waits for whichever of them ran out.
 */
export class OpenaiClient extends BaseAPIClient.define((connection) => ({
  auth: openaiAuth,
  baseUrl: 'https://api.openai.com/v1',
  headers: { 'user-agent': `patchbay-connector-openai/${VERSION}`, ...scopeHeaders(connection.config ?? {}) },
  vendorError: openaiVendorError,
  rateLimitHeaders: [
    { limit: 'x-ratelimit-limit-requests', remaining: 'x-ratelimit-remaining-requests', reset: 'x-ratelimit-reset-requests' },
    { limit: 'x-ratelimit-limit-tokens', remaining: 'x-ratelimit-remaining-tokens', reset: 'x-ratelimit-reset-tokens' },
  ],
})) {}

/** `OpenAI-Organization` and `OpenAI-Project` from the connection's config, when they are set. */
function scopeHeaders(config: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof config.organization === 'string' && config.organization !== '') headers['openai-organization'] = config.organization;
  if (typeof config.project === 'string' && config.project !== '') headers['openai-project'] = config.project;
  return headers;
}

/**
 * The OpenAI connector module, discovered through this package's `patchbay` metadata. It sets no
 * default limit: OpenAI's limits depend on the account's tier and the model, and every response
 * reports them, so the runtime follows `x-ratelimit-*` instead (set `config.rateLimit` to pace).
 */
export const OpenaiModule = OpenaiClient.toConnectorModule({
  id: 'openai',
  displayName: 'OpenAI',
  version: VERSION,
  description: 'Chat completions, embeddings, moderations, image generation, models and files through the OpenAI API.',
  documentationUrl: 'https://platform.openai.com/docs/api-reference',
  operations: openaiOperations,
});
