import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IntegrationManager } from '@patchbay/runtime';
import { startStandIn, type StandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubGeneratedOperations } from './generated/operations.js';
import { GithubModule, type GithubOperations } from './index.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const repoPath = { owner: 'octo-org', repo: 'hello-world' };
// Seven runs, three a page: reading them all takes three pages.
const RUNS = Array.from({ length: 7 }, (_, index) => ({ id: index + 1, name: `run ${index + 1}` }));

let documented: { method: string; path: string }[];
let standIn: StandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  documented = Object.entries(document.paths).flatMap(([path, item]) => METHODS.filter((method) => method in item).map((method) => ({ method: method.toUpperCase(), path })));
  standIn = await startStandIn((request) => {
    if (request.path !== '/repos/octo-org/hello-world/actions/runs') return { status: 404, body: { message: 'Not Found' } };
    const page = Number(request.query.page ?? 1);
    const next = page * 3 < RUNS.length ? { link: `<${standIn.url}${request.path}?per_page=3&page=${page + 1}>; rel="next"` } : undefined;
    return { status: 200, headers: next ?? {}, body: { total_count: RUNS.length, workflow_runs: RUNS.slice((page - 1) * 3, page * 3) } };
  });
  manager = await IntegrationManager.create({ modules: [GithubModule], retry: { retries: 0 } });
  await manager.connect({ id: 'gh', connector: 'github', credentials: { token: 'ghp_test' }, config: { baseUrl: standIn.url } });
});

afterAll(async () => {
  await manager.close();
  await standIn.close();
});

describe("the whole of GitHub's REST API", () => {
  it('has an operation for every method and path of the document', () => {
    const covered = new Set(Object.values(GithubModule.operations).map((operation) => `${operation.http!.method} ${operation.http!.path}`));
    const missing = documented.filter(({ method, path }) => !covered.has(`${method} ${path}`));
    expect(missing).toEqual([]);
    expect(Object.keys(githubGeneratedOperations)).toHaveLength(documented.length);
  });

  it("keeps the operations this connector had before, with their names, alongside GitHub's own", () => {
    const { operations } = GithubModule;
    expect(operations['users.me']!.http).toEqual({ method: 'GET', path: '/user' });
    expect(operations['users.getAuthenticated']!.http).toEqual({ method: 'GET', path: '/user' });
    expect(operations['issues.list']!.http).toEqual({ method: 'GET', path: '/repos/{owner}/{repo}/issues' });
    expect(operations['issues.listAssigned']!.http).toEqual({ method: 'GET', path: '/issues' });
    for (const id of ['repos.get', 'issues.get', 'issues.create', 'issues.update', 'issues.createComment', 'pulls.list']) expect(operations).toHaveProperty([id]);
  });

  it('pages a generated list through the Link header, reading the items at the array it wraps', async () => {
    const github = manager.connection<GithubOperations>('gh');
    const runs = [];
    for await (const run of github.items('actions.listWorkflowRunsForRepo', { ...repoPath, per_page: 3 })) runs.push(run.id);
    expect(runs).toEqual(RUNS.map((run) => run.id));
    expect(standIn.requests.map((request) => request.query.page)).toEqual([undefined, '2', '3']);
    expect(standIn.requests[0]!.headers.authorization).toBe('Bearer ghp_test');
  });
});
