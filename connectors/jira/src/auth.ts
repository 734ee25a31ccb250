import type { BasicAuth, JSONSchema, OAuth2Auth } from '@patchbay/contract';

/** Either credential shape; the client picks the strategy from which one a connection gives. */
const jiraCredentialsSchema: JSONSchema = {
  type: 'object',
  anyOf: [{ required: ['email', 'apiToken'] }, { required: ['accessToken'] }],
  properties: {
    email: { type: 'string', minLength: 3, description: 'Email address of the Atlassian account' },
    apiToken: { type: 'string', minLength: 1, description: 'API token created at id.atlassian.com' },
    accessToken: { type: 'string', minLength: 1, description: 'OAuth 2.0 (3LO) access token; set config.cloudId' },
    refreshToken: { type: 'string', description: 'OAuth 2.0 refresh token (scope offline_access); rotated on each refresh' },
    expiresAt: { type: ['number', 'string'], description: 'Access token expiry as epoch milliseconds or ISO date' },
    clientId: { type: 'string', description: 'OAuth 2.0 app client id, needed to refresh' },
    clientSecret: { type: 'string', description: 'OAuth 2.0 app client secret, needed to refresh' },
  },
};

/** Atlassian's OAuth 2.0 (3LO) provider, for connections made with `{ accessToken }`. */
export const jiraOAuth: OAuth2Auth = {
  strategy: 'oauth2',
  grantType: 'authorization_code',
  authorizationUrl: 'https://auth.atlassian.com/authorize',
  tokenUrl: 'https://auth.atlassian.com/oauth/token',
  scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'manage:jira-project', 'offline_access'],
  defaultScopes: ['read:jira-work', 'write:jira-work', 'offline_access'],
  scopeSeparator: ' ',
  tokenEndpointAuthMethod: 'client_secret_post',
  // Atlassian's token endpoint takes a JSON body, with the client in it.
  tokenRequestFormat: 'json',
  authorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
  // A 3LO token is not tied to one site: the sites it reaches give the cloud id of the API's base URL.
  accessibleResources: { url: 'https://api.atlassian.com/oauth/token/accessible-resources', config: { cloudId: 'id' } },
  documentationUrl: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
  credentialsSchema: jiraCredentialsSchema,
};

/**
 * Jira Cloud takes two credentials, and each connection uses one:
 * - `{ email, apiToken }`: an Atlassian account's email and an API token as HTTP Basic
 *   credentials, against the site itself (`https://{site}.atlassian.net`, from `config.site`).
 * - `{ accessToken, refreshToken?, expiresAt?, clientId?, clientSecret? }`: OAuth 2.0 (3LO)
 *   tokens, against `https://api.atlassian.com/ex/jira/{cloudId}` (from `config.cloudId`).
 * The module declares the basic strategy (what scripts and automations use) with `jiraOAuth` as
 * its alternative, so the catalog carries the OAuth provider's URLs and scopes too; the client
 * picks the strategy from the credentials' shape.
 */
export const jiraAuth: BasicAuth = {
  strategy: 'basic',
  usernameField: 'email',
  passwordField: 'apiToken',
  documentationUrl: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
  environment: { email: 'JIRA_EMAIL', apiToken: 'JIRA_API_TOKEN' },
  credentialsSchema: jiraCredentialsSchema,
  alternatives: [jiraOAuth],
};

/** An OAuth connection carries an access token; anything else is email + API token. */
export function usesOAuth(credentials: Record<string, unknown>): boolean {
  return typeof credentials.accessToken === 'string' && credentials.accessToken !== '';
}
