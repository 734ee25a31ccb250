import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startGithubStandIn, type GithubStandIn, type GithubStandInOptions } from './github-stand-in.js';
import type { GithubIssue, GithubPull } from './github-types.js';

const started: GithubStandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((standIn) => standIn.close()));
});

async function start(options?: GithubStandInOptions): Promise<GithubStandIn> {
  const standIn = await startGithubStandIn(options);
  started.push(standIn);
  return standIn;
}

interface CallOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  authorization?: string | null;
}

/** Calls the stand-in the way a GitHub client does; a path or an absolute URL (from a Link header). */
async function call<Body = Record<string, unknown>>(
  standIn: GithubStandIn,
  target: string,
  { method = 'GET', body, authorization }: CallOptions = {},
) {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  if (authorization !== null) headers.authorization = authorization ?? `Bearer ${standIn.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(target.startsWith('http') ? target : `${standIn.url}${target}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const header = (name: string): string | undefined => {
    const value = response.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { status: response.statusCode, header, json: (await response.body.json()) as Body };
}

const issuesPath = '/repos/octo-org/hello-world/issues';

describe('authentication', () => {
  it('answers 401 Bad credentials without a token or with a wrong one', async () => {
    const standIn = await start();
    for (const authorization of [null, 'Bearer ghp_wrong', 'Basic b2N0b2NhdDpwYXNz']) {
      const response = await call(standIn, '/user', { authorization });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      expect(response.header('x-github-request-id')).toMatch(/^STANDIN:/);
    }
  });

  it('accepts both Bearer and token schemes and returns the viewer', async () => {
    const standIn = await start({ token: 'ghp_custom', login: 'monalisa' });
    for (const authorization of ['Bearer ghp_custom', 'token ghp_custom']) {
      const response = await call(standIn, '/user', { authorization });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ login: 'monalisa', id: 1, type: 'User', node_id: 'MDQ6VXNlcjE=' });
    }
    expect(standIn.requests.map((recorded) => recorded.headers.authorization)).toEqual(['Bearer ghp_custom', 'token ghp_custom']);
    expect(standIn.requests[0]?.headers.accept).toBe('application/vnd.github+json');
  });

  it('sends GitHub rate-limit and content headers on every response, counting use', async () => {
    const standIn = await start();
    const first = await call(standIn, '/user');
    const second = await call(standIn, '/repos/octo-org/hello-world');
    expect(first.header('content-type')).toBe('application/json; charset=utf-8');
    expect(first.header('x-ratelimit-limit')).toBe('5000');
    expect(first.header('x-ratelimit-resource')).toBe('core');
    expect(first.header('x-ratelimit-used')).toBe('1');
    expect(second.header('x-ratelimit-remaining')).toBe('4998');
    expect(Number(second.header('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(second.header('x-github-request-id')).not.toBe(first.header('x-github-request-id'));
    expect(second.json).toMatchObject({ full_name: 'octo-org/hello-world', owner: { login: 'octo-org', type: 'Organization' } });
  });
});

describe('issues', () => {
  it('pages through every issue by following rel="next" Link headers', async () => {
    const standIn = await start();
    const first = await call<GithubIssue[]>(standIn, `${issuesPath}?state=all&per_page=10`);
    expect(first.header('link')).toBe(
      `<${standIn.url}${issuesPath}?state=all&per_page=10&page=2>; rel="next", ` +
        `<${standIn.url}${issuesPath}?state=all&per_page=10&page=5>; rel="last"`,
    );

    const collected: GithubIssue[] = [...first.json];
    let next = /<([^>]+)>; rel="next"/.exec(first.header('link') ?? '')?.[1];
    let pages = 1;
    while (next) {
      const page = await call<GithubIssue[]>(standIn, next);
      if (pages === 2) {
        expect(page.header('link')).toMatch(/rel="prev", <[^>]+page=4>; rel="next", <[^>]+page=5>; rel="last", <[^>]+page=1>; rel="first"$/);
      }
      collected.push(...page.json);
      next = /<([^>]+)>; rel="next"/.exec(page.header('link') ?? '')?.[1];
      pages += 1;
    }

    expect(pages).toBe(5);
    // Like GitHub, the issues endpoint lists pull requests too, marked with `pull_request`.
    const issues = collected.filter((item) => item.pull_request === undefined);
    expect(issues).toHaveLength(45);
    expect(new Set(issues.map((issue) => issue.number))).toEqual(new Set(Array.from({ length: 45 }, (_, index) => index + 1)));
    expect(collected).toHaveLength(48);
    expect(collected[0]?.number).toBe(48);
  });

  it('defaults to open issues, 30 per page, and filters by labels', async () => {
    const standIn = await start();
    const open = await call<GithubIssue[]>(standIn, issuesPath);
    expect(open.json).toHaveLength(30);
    expect(open.json.every((issue) => issue.state === 'open')).toBe(true);
    expect(open.header('link')).toContain('page=2>; rel="last"');

    const bugs = await call<GithubIssue[]>(standIn, `${issuesPath}?labels=bug&state=all&per_page=100`);
    expect(bugs.header('link')).toBeUndefined();
    expect(bugs.json).toHaveLength(15);
    expect(bugs.json.every((issue) => issue.labels.some((label) => label.name === 'bug'))).toBe(true);
  });

  it('creates an issue (201) and gets the same issue back', async () => {
    const standIn = await start();
    const created = await call<GithubIssue>(standIn, issuesPath, {
      method: 'POST',
      body: { title: 'Found a bug', body: 'Details', labels: ['bug', 'triage'], assignees: ['octocat'] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      number: 49,
      title: 'Found a bug',
      body: 'Details',
      state: 'open',
      user: { login: 'octocat', id: 1 },
      assignees: [{ login: 'octocat' }],
      comments: 0,
      html_url: 'https://github.com/octo-org/hello-world/issues/49',
      url: `${standIn.url}${issuesPath}/49`,
    });
    expect(created.json.labels.map((label) => label.name)).toEqual(['bug', 'triage']);
    expect(created.header('location')).toBe(`${standIn.url}${issuesPath}/49`);
    expect(standIn.requests.at(-1)?.json).toEqual({ title: 'Found a bug', body: 'Details', labels: ['bug', 'triage'], assignees: ['octocat'] });

    const fetched = await call(standIn, `${issuesPath}/49`);
    expect(fetched.status).toBe(200);
    expect(fetched.json).toEqual(created.json);
  });

  it('answers 422 Validation Failed when the title is missing, creating nothing', async () => {
    const standIn = await start();
    const before = standIn.state.issues.length;
    const response = await call(standIn, issuesPath, { method: 'POST', body: { body: 'no title' } });
    expect(response.status).toBe(422);
    expect(response.json).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '422',
    });
    expect(standIn.state.issues).toHaveLength(before);
  });

  it('closes, reopens and comments on an issue', async () => {
    const standIn = await start();
    const closed = await call(standIn, `${issuesPath}/2`, { method: 'PATCH', body: { state: 'closed', state_reason: 'not_planned', title: 'Renamed' } });
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'not_planned', title: 'Renamed', closed_by: { login: 'octocat' } });
    expect(closed.json.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const reopened = await call(standIn, `${issuesPath}/2`, { method: 'PATCH', body: { state: 'open' } });
    expect(reopened.json).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    const invalid = await call(standIn, `${issuesPath}/2`, { method: 'PATCH', body: { state: 'merged' } });
    expect(invalid.status).toBe(422);

    const comment = await call(standIn, `${issuesPath}/2/comments`, { method: 'POST', body: { body: 'On it' } });
    expect(comment.status).toBe(201);
    expect(comment.json).toMatchObject({ body: 'On it', user: { login: 'octocat' }, issue_url: `${standIn.url}${issuesPath}/2` });
    expect((await call(standIn, `${issuesPath}/2`)).json.comments).toBe(1);
    const empty = await call(standIn, `${issuesPath}/2/comments`, { method: 'POST', body: {} });
    expect(empty.status).toBe(422);
    expect(empty.json.errors).toEqual([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
  });

  it('answers 404 Not Found for unknown repositories, issues and routes', async () => {
    const standIn = await start();
    const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
    for (const path of ['/repos/octo-org/missing', '/repos/octo-org/missing/issues', `${issuesPath}/999`, '/gists']) {
      const response = await call(standIn, path);
      expect(response.status, path).toBe(404);
      expect(response.json).toEqual(notFound);
    }
  });
});

describe('pull requests', () => {
  it('lists open pulls by default and pages with Link headers', async () => {
    const standIn = await start();
    const open = await call<GithubPull[]>(standIn, '/repos/octo-org/hello-world/pulls');
    expect(open.json.map((pull) => pull.number)).toEqual([47, 46]);
    const all = await call(standIn, '/repos/octo-org/hello-world/pulls?state=all&per_page=2');
    expect(all.json).toHaveLength(2);
    expect(all.header('link')).toBe(
      `<${standIn.url}/repos/octo-org/hello-world/pulls?state=all&per_page=2&page=2>; rel="next", ` +
        `<${standIn.url}/repos/octo-org/hello-world/pulls?state=all&per_page=2&page=2>; rel="last"`,
    );
    const merged = standIn.state.pulls.find((pull) => pull.number === 48);
    expect(merged).toMatchObject({ state: 'closed', base: { ref: 'main' }, head: { ref: 'feature-csv-export' } });
    expect(merged?.merged_at).not.toBeNull();
  });
});

describe('rate-limit helpers', () => {
  it('answers the next request with a primary rate limit, then recovers', async () => {
    const standIn = await start();
    standIn.rateLimitNext('primary');
    const limited = await call(standIn, '/user');
    expect(limited.status).toBe(403);
    expect(limited.header('x-ratelimit-remaining')).toBe('0');
    expect(limited.header('x-ratelimit-limit')).toBe('5000');
    const secondsAhead = Number(limited.header('x-ratelimit-reset')) - Date.now() / 1000;
    expect(secondsAhead).toBeGreaterThan(0);
    expect(secondsAhead).toBeLessThanOrEqual(2);
    expect(limited.json).toMatchObject({ message: 'API rate limit exceeded for user ID 1.' });
    expect(limited.json.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);

    expect((await call(standIn, '/user')).status).toBe(200);
  });

  it('answers a secondary rate limit with retry-after, as 403 or 429, only where matched', async () => {
    const standIn = await start();
    standIn.rateLimitNext('secondary');
    standIn.rateLimitNext('secondary', { status: 429, match: '/repos' });

    const first = await call(standIn, '/user');
    expect(first.status).toBe(403);
    expect(first.header('retry-after')).toBe('1');
    expect(String(first.json.message)).toMatch(/^You have exceeded a secondary rate limit/);
    expect(Number(first.header('x-ratelimit-remaining'))).toBeGreaterThan(0);

    expect((await call(standIn, '/user')).status).toBe(200);
    const matched = await call(standIn, issuesPath);
    expect(matched.status).toBe(429);
    expect(matched.header('retry-after')).toBe('1');
  });
});

describe('without seed', () => {
  it('starts empty and serves repositories added by the test', async () => {
    const standIn = await start({ seed: false });
    expect((await call(standIn, '/repos/octo-org/hello-world')).status).toBe(404);
    standIn.addRepository('acme', 'widgets');
    const created = await call(standIn, '/repos/acme/widgets/issues', { method: 'POST', body: { title: 'First' } });
    expect(created.status).toBe(201);
    expect(created.json.number).toBe(1);
    expect((await call(standIn, '/repos/acme/widgets')).json.open_issues_count).toBe(1);
  });
});
