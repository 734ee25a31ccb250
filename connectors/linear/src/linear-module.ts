import { BaseAPIClient } from '@patchbay/runtime';
import { linearApiKeyAuth, linearAuth, usesApiKey } from './auth.js';
import { linearVendorError } from './linear-error.js';
import { linearHandlers } from './linear-handlers.js';
import { linearOperations } from './operations.js';
import { VERSION } from './version.js';

/** Linear GraphQL API client, one per connection: an API key or OAuth, chosen from the shape of its credentials. */
export class LinearClient extends BaseAPIClient.define(
  (connection) => ({
    auth: usesApiKey(connection.credentials) ? linearApiKeyAuth : linearAuth,
    baseUrl: 'https://api.linear.app',
    headers: { 'user-agent': `patchbay-connector-linear/${VERSION}` },
    vendorError: linearVendorError,
    // Linear budgets requests and query complexity apart, each with its reset in epoch milliseconds.
    rateLimitHeaders: [
      { limit: 'x-ratelimit-requests-limit', remaining: 'x-ratelimit-requests-remaining', reset: 'x-ratelimit-requests-reset' },
      { limit: 'x-ratelimit-complexity-limit', remaining: 'x-ratelimit-complexity-remaining', reset: 'x-ratelimit-complexity-reset' },
    ],
  }),
  linearHandlers,
) {}

/** The Linear connector module, discovered through this package's `patchbay` metadata. */
export const LinearModule = LinearClient.toConnectorModule({
  id: 'linear',
  displayName: 'Linear',
  version: VERSION,
  description: 'Issues, comments, teams and projects through the Linear GraphQL API.',
  documentationUrl: 'https://linear.app/developers/graphql',
  operations: linearOperations,
  // Linear allows 5,000 requests an hour per API key or OAuth user; complexity is budgeted apart.
  rateLimit: { limit: 5000, intervalMs: 3_600_000 },
});
