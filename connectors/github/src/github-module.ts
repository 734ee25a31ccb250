import { GithubClient } from './github-client.js';
import { githubOperations } from './operations.js';
import { VERSION } from './version.js';

/** The GitHub connector module, discovered through this package's `patchbay` metadata. */
export const GithubModule = GithubClient.toConnectorModule({
  id: 'github',
  displayName: 'GitHub',
  version: VERSION,
  description: 'Issues, pull requests and repositories through the GitHub REST API.',
  documentationUrl: 'https://docs.github.com/en/rest',
  operations: githubOperations,
  // 5,000 requests an hour for a user token; GitHub Enterprise connections override it in config.
  rateLimit: { limit: 5000, intervalMs: 3_600_000, maxConcurrent: 100 },
});
