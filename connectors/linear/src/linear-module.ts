import { LinearClient } from './linear-client.js';
import { linearOperations } from './operations.js';
import { VERSION } from './version.js';

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
