export { JiraClient, JiraModule, JIRA_OAUTH_URL, JIRA_SITE_URL } from './jira-module.js';
export { jiraOperations } from './operations.js';
export { jiraAuth, jiraOAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
