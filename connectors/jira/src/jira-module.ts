import { BaseAPIClient } from '@patchbay/runtime';
import { jiraAuth, jiraOAuth, usesOAuth } from './auth.js';
import { jiraVendorError } from './jira-error.js';
import { jiraOperations } from './operations.js';
import { VERSION } from './version.js';

/** A site reached with email + API token; `config.site` is the `your-domain` of `your-domain.atlassian.net`. */
export const JIRA_SITE_URL = 'https://{site}.atlassian.net';
/** A site reached with OAuth 2.0 (3LO) tokens; `config.cloudId` comes from `accessible-resources`. */
export const JIRA_OAUTH_URL = 'https://api.atlassian.com/ex/jira/{cloudId}';

/** Jira Cloud REST API v3 client, one per connection: Basic or OAuth, chosen from the shape of its credentials. */
export class JiraClient extends BaseAPIClient.define((connection) => {
  const oauth = usesOAuth(connection.credentials);
  return {
    auth: oauth ? jiraOAuth : jiraAuth,
    baseUrl: oauth ? JIRA_OAUTH_URL : JIRA_SITE_URL,
    headers: { 'user-agent': `patchbay-connector-jira/${VERSION}` },
    vendorError: jiraVendorError,
    // Jira Cloud's `X-RateLimit-Reset` is an ISO 8601 timestamp (`2026-11-25T21:30Z`), not epoch seconds.
    rateLimitHeaders: [{ limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' }],
  };
}) {}

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
