import { JiraClient } from './jira-client.js';
import { jiraOperations } from './operations.js';
import { VERSION } from './version.js';

/** The Jira Cloud connector module, discovered through this package's `patchbay` metadata. */
export const JiraModule = JiraClient.toConnectorModule({
  id: 'jira',
  displayName: 'Jira',
  version: VERSION,
  description: 'Search issues with JQL, create and update issues, move them through their workflow and comment, through the Jira Cloud REST API v3.',
  documentationUrl: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/',
  operations: jiraOperations,
  // Jira Cloud meters cost per time window rather than publishing a fixed count; staying at
  // ten requests a second and ten in flight keeps clear of its burst limit.
  rateLimit: { limit: 10, intervalMs: 1000, maxConcurrent: 10 },
});
