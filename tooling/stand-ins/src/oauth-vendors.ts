/**
 * What each vendor's OAuth endpoints look like and insist on, from their documentation:
 * - Slack v2 (api.slack.com/authentication/oauth-v2): comma-separated `scope` and `user_scope`;
 *   `oauth.v2.access` answers HTTP 200 with `{ ok: false, error }` on failure, and a bot token at
 *   the top with the user's token in `authed_user`.
 * - Notion (developers.notion.com/docs/authorization): `owner=user` on the authorize URL; the token
 *   endpoint takes a JSON body and the client as HTTP Basic credentials.
 * - Atlassian 3LO (developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps): `audience` and
 *   `prompt=consent`; JSON token body with the client in it; a refresh token only with
 *   `offline_access`; `accessible-resources` lists the sites (cloud ids) the token reaches.
 * - Airtable (airtable.com/developers/web/api/oauth-reference): PKCE S256 required; a
 *   confidential client authenticates with HTTP Basic.
 * - Google (developers.google.com/identity/protocols/oauth2/web-server): a refresh token only with
 *   `access_type=offline` (and reliably only with `prompt=consent`); client in the form body.
 * - HubSpot (developers.hubspot.com/docs/api/oauth-quickstart-guide): form body with the client;
 *   access tokens last 30 minutes.
 */
export type OAuthVendor = 'generic' | 'slack' | 'notion' | 'jira' | 'airtable' | 'google' | 'hubspot';

export interface OAuthVendorProfile {
  authorizePath: string;
  tokenPath: string;
  resourcesPath?: string;
  /** How the client must authenticate at the token endpoint. */
  clientAuth: 'basic' | 'post' | 'either';
  bodyFormat: 'form' | 'json';
  /** Authorize parameters that must be present, with their value. */
  requiredAuthorizeParams: Record<string, string>;
  requirePkce: boolean;
  scopeSeparator: string;
  /** Errors are HTTP 200 `{ ok: false, error }` (Slack). */
  okEnvelope: boolean;
  /** The refresh token is issued only when this holds for the authorize request. */
  issuesRefreshToken: (authorize: URLSearchParams) => boolean;
  expiresIn?: number;
}

export const OAUTH_VENDORS: Record<OAuthVendor, OAuthVendorProfile> = {
  generic: { authorizePath: '/oauth/authorize', tokenPath: '/oauth/token', clientAuth: 'either', bodyFormat: 'form', requiredAuthorizeParams: {}, requirePkce: false, scopeSeparator: ' ', okEnvelope: false, issuesRefreshToken: () => true, expiresIn: 3600 },
  slack: { authorizePath: '/oauth/v2/authorize', tokenPath: '/api/oauth.v2.access', clientAuth: 'either', bodyFormat: 'form', requiredAuthorizeParams: {}, requirePkce: false, scopeSeparator: ',', okEnvelope: true, issuesRefreshToken: () => false },
  notion: { authorizePath: '/v1/oauth/authorize', tokenPath: '/v1/oauth/token', clientAuth: 'basic', bodyFormat: 'json', requiredAuthorizeParams: { owner: 'user' }, requirePkce: false, scopeSeparator: ' ', okEnvelope: false, issuesRefreshToken: () => false },
  jira: {
    authorizePath: '/authorize',
    tokenPath: '/oauth/token',
    resourcesPath: '/oauth/token/accessible-resources',
    clientAuth: 'post',
    bodyFormat: 'json',
    requiredAuthorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    requirePkce: false,
    scopeSeparator: ' ',
    okEnvelope: false,
    issuesRefreshToken: (authorize) => (authorize.get('scope') ?? '').split(' ').includes('offline_access'),
    expiresIn: 3600,
  },
  airtable: { authorizePath: '/oauth2/v1/authorize', tokenPath: '/oauth2/v1/token', clientAuth: 'basic', bodyFormat: 'form', requiredAuthorizeParams: {}, requirePkce: true, scopeSeparator: ' ', okEnvelope: false, issuesRefreshToken: () => true, expiresIn: 3600 },
  google: {
    authorizePath: '/o/oauth2/v2/auth',
    tokenPath: '/token',
    clientAuth: 'post',
    bodyFormat: 'form',
    requiredAuthorizeParams: {},
    requirePkce: false,
    scopeSeparator: ' ',
    okEnvelope: false,
    issuesRefreshToken: (authorize) => authorize.get('access_type') === 'offline' && authorize.get('prompt') === 'consent',
    expiresIn: 3599,
  },
  hubspot: { authorizePath: '/oauth/authorize', tokenPath: '/oauth/v1/token', clientAuth: 'post', bodyFormat: 'form', requiredAuthorizeParams: {}, requirePkce: false, scopeSeparator: ' ', okEnvelope: false, issuesRefreshToken: () => true, expiresIn: 1800 },
};
