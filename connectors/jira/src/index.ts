export { JiraModule } from './jira-module.js';
export { JiraClient, JIRA_OAUTH_URL, JIRA_SITE_URL } from './jira-client.js';
export { jiraOperations } from './operations.js';
export { jiraAuth, jiraOAuth } from './auth.js';
export { VERSION } from './version.js';
