import type { ConnectionContext, RateLimitState } from '@patchbay/contract';
import {
  BaseAPIClient,
  type ClientDefinition,
  type ClientOptions,
  type HttpResponse,
  type QueryValue,
  type VendorErrorInfo,
} from '@patchbay/runtime';
import { jiraAuth, jiraOAuth, usesOAuth } from './auth.js';
import { jiraRateLimitState, jiraVendorError } from './jira-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** A site reached with email + API token; `config.site` is the `your-domain` of `your-domain.atlassian.net`. */
export const JIRA_SITE_URL = 'https://{site}.atlassian.net';
/** A site reached with OAuth 2.0 (3LO) tokens; `config.cloudId` comes from `accessible-resources`. */
export const JIRA_OAUTH_URL = 'https://api.atlassian.com/ex/jira/{cloudId}';

/** Basic or OAuth, chosen per connection from the shape of its credentials. */
function jiraDefinition(credentials: Record<string, unknown>): ClientDefinition {
  const oauth = usesOAuth(credentials);
  return {
    auth: oauth ? jiraOAuth : jiraAuth,
    baseUrl: oauth ? JIRA_OAUTH_URL : JIRA_SITE_URL,
    headers: { 'user-agent': `patchbay-connector-jira/${VERSION}` },
  };
}

/** Splits an input into the query parameters Jira reads from the URL and the JSON body. */
function split(input: Input, queryNames: readonly string[]): { query: Record<string, QueryValue>; body: Input } {
  const query: Record<string, QueryValue> = {};
  const body: Input = {};
  for (const [name, value] of Object.entries(input)) {
    if (name === 'issueIdOrKey') continue;
    if (queryNames.includes(name)) query[name] = value as QueryValue;
    else body[name] = value;
  }
  return { query, body };
}

/** Jira Cloud REST API v3 client, one per connection. */
export class JiraClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, jiraDefinition(connection.credentials));
    const issuePath = '/rest/api/3/issue/{issueIdOrKey}';
    this.register<Input>('myself.get', (input, call) =>
      call.request({ method: 'GET', path: '/rest/api/3/myself', params: input }),
    );
    // A search changes nothing, so it may be repeated although it is a POST.
    this.register<Input>('issues.search', (input, call) =>
      call.request({ method: 'POST', path: '/rest/api/3/search/jql', params: input, idempotent: true }),
    );
    this.register<Input>('issues.get', (input, call) =>
      call.request({ method: 'GET', path: issuePath, params: input, arrayFormat: 'comma' }),
    );
    this.register<Input>('issues.create', (input, call) => {
      const { query, body } = split(input, ['updateHistory']);
      return call.request({ method: 'POST', path: '/rest/api/3/issue', query, body });
    });
    this.register<Input>('issues.update', (input, call) => {
      const { query, body } = split(input, ['notifyUsers', 'overrideScreenSecurity', 'overrideEditableFlag', 'returnIssue', 'expand']);
      return call.request({ method: 'PUT', path: issuePath, params: input, query, body, idempotent: true });
    });
    this.register<Input>('issues.getTransitions', (input, call) =>
      call.request({ method: 'GET', path: `${issuePath}/transitions`, params: input }),
    );
    this.register<Input>('issues.doTransition', (input, call) => {
      const { body } = split(input, []);
      return call.request({ method: 'POST', path: `${issuePath}/transitions`, params: input, body });
    });
    this.register<Input>('issues.addComment', (input, call) => {
      const { query, body } = split(input, ['expand']);
      return call.request({ method: 'POST', path: `${issuePath}/comment`, params: input, query, body });
    });
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return jiraVendorError(response);
  }

  protected override rateLimitState(headers: Record<string, string>): RateLimitState | undefined {
    return jiraRateLimitState(headers);
  }

  /** The enhanced JQL search pages with `nextPageToken`, absent (and `isLast` true) on the last page. */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const page = response.data as { nextPageToken?: unknown; isLast?: unknown } | null;
    if (page === null || typeof page !== 'object' || page.isLast === true) return undefined;
    return typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
  }
}
