import { BaseAPIClient } from '@patchbay/runtime';
import { githubAuth } from './auth.js';
import { githubVendorError } from './github-error.js';
import { githubDefinitions, githubOperations } from './operations.js';
import { VERSION } from './version.js';

/** GitHub REST API client, one per connection. `config.baseUrl` points at GitHub Enterprise. */
export class GithubClient extends BaseAPIClient.define({
  auth: githubAuth,
  baseUrl: 'https://api.github.com',
  headers: {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': `patchbay-connector-github/${VERSION}`,
  },
  vendorError: githubVendorError,
}) {}

/** The GitHub connector module, discovered through this package's `patchbay` metadata. */
export const GithubModule = GithubClient.toConnectorModule({
  id: 'github',
  displayName: 'GitHub',
  version: VERSION,
  description: 'The whole GitHub REST API: every operation of api.github.com, typed and paged.',
  documentationUrl: 'https://docs.github.com/en/rest',
  operations: githubOperations,
  $defs: githubDefinitions,
  // 5,000 requests an hour for a user token; GitHub Enterprise connections override it in config.
  rateLimit: { limit: 5000, intervalMs: 3_600_000, maxConcurrent: 100 },
});
