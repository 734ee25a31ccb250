import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startGithubStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { GithubModule, type GithubOperations } from './index.js';

const repoPath = { owner: 'octo-org', repo: 'hello-world' };

const github = useConnectorTest({
  module: GithubModule,
  start: startGithubStandIn,
  connectionId: 'gh',
  connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.url } }),
});

describe('GitHub connector against a GitHub stand-in', () => {
  it('sends requests as GitHub documents them', async () => {
    const result = await github.manager.execute('gh', 'users.me', {});
    expect(result).toMatchObject({ ok: true, data: { login: 'octocat' }, meta: { attempts: 1, status: 200 } });
    const request = github.lastRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/user');
    expect(request.headers.accept).toBe('application/vnd.github+json');
    expect(request.headers['x-github-api-version']).toBe('2022-11-28');
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-github\//);
    expect(request.headers.authorization).toBe(`Bearer ${github.standIn.token}`);
  });

  it('gets a repository', async () => {
    const result = await github.manager.execute('gh', 'repos.get', repoPath);
    expect(result).toMatchObject({ ok: true, data: { full_name: 'octo-org/hello-world' } });
    expect(github.lastRequest().path).toBe('/repos/octo-org/hello-world');
  });

  it('lists issues page by page through the Link header, feeding meta.nextCursor back as the page', async () => {
    const gh = github.manager.connection<GithubOperations>('gh');
    const seen: number[] = [];
    let page: string | undefined = '1';
    for (let guard = 0; page !== undefined && guard < 20; guard++) {
      const input: GithubOperations['issues.list']['input'] = { ...repoPath, state: 'all', per_page: 20, page };
      const result = await gh.execute('issues.list', input);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.data.map((issue) => issue.number));
      page = result.meta.nextCursor;
    }
    expect(new Set(seen).size).toBe(github.standIn.state.issues.length);
    expect(github.standIn.requests.map((request) => request.query.page)).toEqual(['1', '2', '3']);
    expect(github.lastRequest().query).toMatchObject({ state: 'all', per_page: '20' });
  });

  it('gets, creates, updates and comments on issues with path parameters kept out of the body', async () => {
    const created = await github.manager.execute('gh', 'issues.create', { ...repoPath, title: 'Found a bug', labels: ['bug'] });
    expect(created).toMatchObject({ ok: true, meta: { status: 201, attempts: 1 } });
    expect(github.lastRequest()).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues' });
    expect(github.lastRequest().json).toEqual({ title: 'Found a bug', labels: ['bug'] });
    const number = (created as { data: { number: number } }).data.number;

    const fetched = await github.manager.execute('gh', 'issues.get', { ...repoPath, issue_number: number });
    expect(fetched).toMatchObject({ ok: true, data: { number, title: 'Found a bug', state: 'open' } });

    const updated = await github.manager.execute('gh', 'issues.update', { ...repoPath, issue_number: number, state: 'closed', state_reason: 'completed' });
    expect(updated).toMatchObject({ ok: true, data: { state: 'closed' } });
    expect(github.lastRequest()).toMatchObject({ method: 'PATCH', path: `/repos/octo-org/hello-world/issues/${number}` });
    expect(github.lastRequest().json).toEqual({ state: 'closed', state_reason: 'completed' });

    const comment = await github.manager.execute('gh', 'issues.createComment', { ...repoPath, issue_number: number, body: 'Fixed.' });
    expect(comment).toMatchObject({ ok: true, data: { body: 'Fixed.' }, meta: { status: 201 } });
    expect(github.lastRequest().json).toEqual({ body: 'Fixed.' });
  });

  it('lists pull requests', async () => {
    const result = await github.manager.execute('gh', 'pulls.list', { ...repoPath, state: 'all' });
    expect(result.ok).toBe(true);
    expect((result as { data: unknown[] }).data.length).toBe(github.standIn.state.pulls.length);
    expect(github.lastRequest().path).toBe('/repos/octo-org/hello-world/pulls');
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await github.manager.execute('gh', 'issues.get', { ...repoPath, issue_number: 0, extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer).sort()).toEqual([
      '/extra',
      '/issue_number',
    ]);
    expect(github.standIn.requests).toHaveLength(0);
  });

  it('maps 404 and 422 to NOT_FOUND and UPSTREAM_ERROR with GitHub’s message', async () => {
    const missing = await github.manager.execute('gh', 'issues.get', { ...repoPath, issue_number: 9999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false } });
    github.standIn.injectFaults({
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'custom', field: 'title', message: 'title is too long' }] },
    });
    const rejected = await github.manager.execute('gh', 'issues.create', { ...repoPath, title: 'x' });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 422 }, meta: { attempts: 1 } });
    expect(rejected.ok ? '' : rejected.error.message).toContain('title is too long');
  });

  it('reports bad credentials as AUTH_FAILED without echoing the token', async () => {
    await github.manager.connect({ id: 'bad', connector: 'github', credentials: { token: 'ghp_wrong_token_value' }, config: { baseUrl: github.standIn.url } });
    const result = await github.manager.execute('bad', 'users.me', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, message: expect.stringContaining('Bad credentials') } });
    expect(JSON.stringify(result)).not.toContain('ghp_wrong_token_value');
  });

  it('treats the primary rate limit as RATE_LIMITED and waits for the reset', async () => {
    github.standIn.rateLimitNext('primary');
    const started = Date.now();
    const recovered = await github.manager.execute('gh', 'users.me', {});
    expect(recovered).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(github.standIn.requests).toHaveLength(2);
  });

  it('treats a secondary rate limit as RATE_LIMITED, never AUTH_FAILED, once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [GithubModule], retry: { retries: 0 } });
    await manager.connect({ id: 'gh', connector: 'github', credentials: { token: github.standIn.token }, config: { baseUrl: github.standIn.url } });
    github.standIn.rateLimitNext('secondary');
    const result = await manager.execute('gh', 'issues.create', { ...repoPath, title: 'Too fast' });
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 403, retryable: true }, meta: { attempts: 1 } });
  });
});
