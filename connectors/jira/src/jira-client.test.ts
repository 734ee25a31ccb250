import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startJiraStandIn, type JiraStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { JiraClient, JiraModule, type JiraOperations } from './index.js';

/** Email and API token against the site itself; the harness and the tests with their own manager both connect so. */
const siteConnection = (standIn: JiraStandIn) => ({ credentials: { email: standIn.email, apiToken: standIn.apiToken }, config: { baseUrl: standIn.url } });

const jira = useConnectorTest({ module: JiraModule, start: startJiraStandIn, connectionId: 'jira', connect: siteConnection });

const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('Jira connector against a Jira Cloud stand-in', () => {
  it('sends email and API token as HTTP Basic credentials', async () => {
    const result = await jira.manager.execute('jira', 'myself.get', {});
    expect(result).toMatchObject({ ok: true, data: { emailAddress: jira.standIn.email, accountType: 'atlassian' }, meta: { attempts: 1, status: 200 } });
    const request = jira.lastRequest();
    expect(request).toMatchObject({ method: 'GET', path: '/rest/api/3/myself', body: '' });
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${jira.standIn.email}:${jira.standIn.apiToken}`).toString('base64')}`);
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-jira\//);
  });

  it('fills the site and cloud id into the base URL from the connection config', () => {
    const site = new JiraClient({ id: 'site', credentials: { email: 'a@example.com', apiToken: 't' }, config: { site: 'acme' } });
    expect(site.baseUrl.href).toBe('https://acme.atlassian.net/');
    expect(site.auth.strategy).toBe('basic');
    const oauth = new JiraClient({ id: 'oauth', credentials: { accessToken: 'a' }, config: { cloudId: jira.standIn.cloudId } });
    expect(oauth.baseUrl.href).toBe(`https://api.atlassian.com/ex/jira/${jira.standIn.cloudId}`);
    expect(oauth.auth.strategy).toBe('oauth2');
  });

  it('searches with JQL page by page, meta.nextCursor going back as the nextPageToken in the POST body', async () => {
    const connection = jira.manager.connection<JiraOperations>('jira');
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const input: JiraOperations['issues.search']['input'] = {
        jql: 'project = PB ORDER BY created DESC',
        fields: ['summary', 'status'],
        maxResults: 5,
        ...(nextPageToken ? { nextPageToken } : {}),
      };
      const result = await connection.execute('issues.search', input);
      if (!result.ok) throw new Error(result.error.message);
      keys.push(...result.data.issues.map((issue) => issue.key));
      nextPageToken = result.meta.nextCursor;
      if (nextPageToken === undefined) break;
    }
    expect(keys).toEqual(jira.standIn.issues.map((issue) => issue.key));
    expect(jira.standIn.requests.map((request) => request.method + ' ' + request.path)).toEqual(Array(3).fill('POST /rest/api/3/search/jql'));
    expect(jira.standIn.requests[0]!.json).toEqual({ jql: 'project = PB ORDER BY created DESC', fields: ['summary', 'status'], maxResults: 5 });
    expect((jira.standIn.requests[1]!.json as { nextPageToken?: string }).nextPageToken).toEqual(expect.any(String));
    expect(jira.standIn.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('creates an issue with an ADF description, then reads chosen fields of it', async () => {
    const fields = { project: { key: 'PB' }, summary: 'Checkout fails on Safari', issuetype: { name: 'Bug' }, description: doc('Steps to reproduce') };
    const created = await jira.manager.execute('jira', 'issues.create', { fields });
    expect(created).toMatchObject({ ok: true, data: { key: 'PB-13' }, meta: { status: 201, attempts: 1 } });
    expect(jira.lastRequest()).toMatchObject({ method: 'POST', path: '/rest/api/3/issue', query: {} });
    expect(jira.lastRequest().json).toEqual({ fields });

    const fetched = await jira.manager.execute('jira', 'issues.get', { issueIdOrKey: 'PB-13', fields: ['summary', 'description'] });
    expect(fetched).toMatchObject({ ok: true, data: { key: 'PB-13', fields: { summary: 'Checkout fails on Safari', description: doc('Steps to reproduce') } } });
    expect(jira.lastRequest()).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/PB-13', query: { fields: 'summary,description' } });
  });

  it('edits an issue with query flags kept out of the JSON body; 204 gives null data', async () => {
    const result = await jira.manager.execute('jira', 'issues.update', {
      issueIdOrKey: 'PB-2',
      notifyUsers: false,
      fields: { summary: 'Renamed' },
      update: { labels: [{ add: 'triaged' }] },
    });
    expect(result).toMatchObject({ ok: true, data: null, meta: { status: 204 } });
    expect(jira.lastRequest()).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/PB-2', query: { notifyUsers: 'false' } });
    expect(jira.lastRequest().json).toEqual({ fields: { summary: 'Renamed' }, update: { labels: [{ add: 'triaged' }] } });
    expect(jira.standIn.issues[1]!.fields).toMatchObject({ summary: 'Renamed', labels: ['triaged'] });
  });

  it('lists transitions and moves an issue to Done', async () => {
    const listed = await jira.manager.execute('jira', 'issues.getTransitions', { issueIdOrKey: 'PB-3' });
    expect(listed).toMatchObject({ ok: true, data: { transitions: expect.arrayContaining([expect.objectContaining({ id: '31', name: 'Done' })]) } });
    expect(jira.lastRequest()).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/PB-3/transitions' });

    const moved = await jira.manager.execute('jira', 'issues.doTransition', { issueIdOrKey: 'PB-3', transition: { id: '31' } });
    expect(moved).toMatchObject({ ok: true, data: null, meta: { status: 204, attempts: 1 } });
    expect(jira.lastRequest()).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/PB-3/transitions' });
    expect(jira.lastRequest().json).toEqual({ transition: { id: '31' } });
    expect(jira.standIn.issues[2]!.fields.status).toMatchObject({ name: 'Done' });
  });

  it('comments on an issue in Atlassian Document Format', async () => {
    const result = await jira.manager.execute('jira', 'issues.addComment', { issueIdOrKey: 'PB-4', body: doc('Looking into it') });
    expect(result).toMatchObject({ ok: true, data: { body: doc('Looking into it') }, meta: { status: 201 } });
    expect(jira.lastRequest()).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/PB-4/comment' });
    expect(jira.lastRequest().json).toEqual({ body: doc('Looking into it') });
  });

  it('rejects a plain-text comment before sending anything', async () => {
    const result = await jira.manager.execute('jira', 'issues.addComment', { issueIdOrKey: 'PB-4', body: 'plain text' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(jira.standIn.requests).toHaveLength(0);
  });

  it('encodes the issue key in the path and maps 404 to NOT_FOUND with Jira’s message', async () => {
    const result = await jira.manager.execute('jira', 'issues.get', { issueIdOrKey: 'PB 99/../x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, message: expect.stringContaining('Issue does not exist') } });
    expect(jira.lastRequest().path).toBe('/rest/api/3/issue/PB%2099%2F..%2Fx');
  });

  it('reports field errors from Jira’s errors map', async () => {
    const result = await jira.manager.execute('jira', 'issues.create', { fields: { project: { key: 'NOPE' }, summary: 'x', issuetype: { name: 'Task' } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, retryable: false }, meta: { attempts: 1 } });
    expect(result.ok ? '' : result.error.message).toContain('project: Specify a valid project ID or key');
  });

  it('reports a wrong API token as AUTH_FAILED without echoing it', async () => {
    await jira.manager.connect({ id: 'bad', connector: 'jira', credentials: { email: jira.standIn.email, apiToken: 'wrong_token_value' }, config: { baseUrl: jira.standIn.url } });
    const result = await jira.manager.execute('bad', 'myself.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, message: expect.stringContaining('not authenticated') } });
    expect(JSON.stringify(result)).not.toContain('wrong_token_value');
  });

  it('waits out a 429 for its Retry-After, then succeeds', async () => {
    jira.standIn.rateLimitNext();
    const started = Date.now();
    const result = await jira.manager.execute('jira', 'myself.get', {});
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(jira.standIn.requests).toHaveLength(2);
  });

  it('returns RATE_LIMITED with the ISO reset time read from X-RateLimit-Reset once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [JiraModule], retry: { retries: 0 } });
    await manager.connect({ id: 'jira', connector: 'jira', ...siteConnection(jira.standIn) });
    jira.standIn.rateLimitNext();
    const result = await manager.execute('jira', 'issues.search', { jql: 'project = PB' });
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true }, meta: { attempts: 1 } });
    const resetAt = result.meta.rateLimit?.resetAt ?? 0;
    expect(Math.abs(resetAt - (Date.now() + 1000))).toBeLessThan(2000);
  });

  it('uses OAuth 2.0 tokens on the cloud-id URL and refreshes a rejected one once', async () => {
    jira.standIn.refreshTokens.add('jira_refresh_initial');
    const refreshed: Record<string, unknown>[] = [];
    const manager = await IntegrationManager.create({
      cwd: new URL('..', import.meta.url).pathname,
      modules: [JiraModule],
      retry: { retries: 0 },
      onCredentialsRefreshed: (_id, credentials) => void refreshed.push(credentials),
    });
    await manager.connect({
      id: 'oauth',
      connector: 'jira',
      credentials: { accessToken: 'jira_access_expired', refreshToken: 'jira_refresh_initial', clientId: 'client-1', clientSecret: 'secret-1' },
      config: { baseUrl: `${jira.standIn.url}/ex/jira/{cloudId}`, cloudId: jira.standIn.cloudId, tokenUrl: jira.standIn.tokenUrl },
    });
    const result = await manager.execute('oauth', 'issues.get', { issueIdOrKey: 'PB-1' });
    await manager.close();
    expect(result).toMatchObject({ ok: true, data: { key: 'PB-1' } });
    const [rejected, token, retried] = jira.standIn.requests;
    expect(rejected).toMatchObject({ method: 'GET', path: `/ex/jira/${jira.standIn.cloudId}/rest/api/3/issue/PB-1` });
    expect(rejected!.headers.authorization).toBe('Bearer jira_access_expired');
    expect(token).toMatchObject({ method: 'POST', path: '/oauth/token' });
    // Atlassian's token endpoint takes JSON.
    expect(token!.headers['content-type']).toBe('application/json');
    expect(token!.json).toEqual({ grant_type: 'refresh_token', refresh_token: 'jira_refresh_initial', client_id: 'client-1', client_secret: 'secret-1' });
    expect(retried!.headers.authorization).toBe('Bearer jira_access_1');
    expect(refreshed).toEqual([expect.objectContaining({ accessToken: 'jira_access_1', refreshToken: 'jira_refresh_1' })]);
  });
});
