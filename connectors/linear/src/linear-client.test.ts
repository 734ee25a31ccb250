import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startLinearStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { ISSUE_CREATE, VIEWER } from './linear-documents.js';
import { LinearModule, type LinearOperations } from './index.js';

const linear = useConnectorTest({
  module: LinearModule,
  start: startLinearStandIn,
  connectionId: 'linear',
  connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } }),
});

const engineering = () => linear.standIn.state.teams[0]!;

describe('Linear connector against a Linear stand-in', () => {
  it('sends an API key without a Bearer prefix and a GraphQL document with variables', async () => {
    const result = await linear.manager.execute('linear', 'viewer', {});
    expect(result).toMatchObject({ ok: true, data: { name: 'Stand-in User' }, meta: { attempts: 1, status: 200, rateLimit: { limit: 5000 } } });
    const request = linear.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/graphql' });
    expect(request.headers.authorization).toBe(linear.standIn.apiKey);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-linear\//);
    expect(request.json).toEqual({ query: VIEWER, variables: {} });
  });

  it('sends an OAuth access token as Bearer', async () => {
    await linear.manager.connect({ id: 'oauth', connector: 'linear', credentials: { accessToken: linear.standIn.accessToken }, config: { baseUrl: linear.standIn.url } });
    const result = await linear.manager.execute('oauth', 'viewer', {});
    expect(result.ok).toBe(true);
    expect(linear.lastRequest().headers.authorization).toBe(`Bearer ${linear.standIn.accessToken}`);
  });

  it('lists issues page by page through pageInfo.endCursor', async () => {
    const connection = linear.manager.connection<LinearOperations>('linear');
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const result = await connection.execute('issues.list', { first: 12, filter: { team: { key: { eq: 'ENG' } } }, ...(after ? { after } : {}) });
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...result.data.nodes.map((issue) => issue.identifier));
      after = result.meta.nextCursor;
      if (after === undefined) break;
    }
    expect(seen.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, index) => `ENG-${index + 1}`));
    expect(linear.standIn.requests).toHaveLength(Math.ceil(seen.length / 12));
    const variables = linear.standIn.requests.map((request) => (request.json as { variables: Record<string, unknown> }).variables);
    expect(variables[0]).toEqual({ first: 12, filter: { team: { key: { eq: 'ENG' } } } });
    expect(variables[1]?.after).toBe(linear.standIn.state.issues[11]!.id);
  });

  it('gets an issue by identifier', async () => {
    const result = await linear.manager.execute('linear', 'issues.get', { id: 'ENG-7' });
    expect(result).toMatchObject({ ok: true, data: { identifier: 'ENG-7', title: 'Issue 7' } });
    expect((linear.lastRequest().json as { variables: unknown }).variables).toEqual({ id: 'ENG-7' });
  });

  it('creates and updates an issue, then comments on it, with Linear’s input shapes', async () => {
    const created = await linear.manager.execute('linear', 'issues.create', { teamId: engineering().id, title: 'Checkout fails', priority: 1 });
    expect(created).toMatchObject({ ok: true, data: { success: true, issue: { title: 'Checkout fails', priority: 1 } } });
    expect(linear.lastRequest().json).toEqual({ query: ISSUE_CREATE, variables: { input: { teamId: engineering().id, title: 'Checkout fails', priority: 1 } } });
    const issueId = (created as { data: { issue: { id: string } } }).data.issue.id;

    const updated = await linear.manager.execute('linear', 'issues.update', { id: issueId, stateId: 'state-done', assigneeId: null });
    expect(updated).toMatchObject({ ok: true, data: { success: true, issue: { state: { type: 'completed' } } } });
    expect((linear.lastRequest().json as { variables: unknown }).variables).toEqual({ id: issueId, input: { stateId: 'state-done', assigneeId: null } });

    const comment = await linear.manager.execute('linear', 'comments.create', { issueId, body: 'Fixed in **v2.1**.' });
    expect(comment).toMatchObject({ ok: true, data: { success: true, comment: { body: 'Fixed in **v2.1**.' } } });
    expect((linear.lastRequest().json as { variables: unknown }).variables).toEqual({ input: { issueId, body: 'Fixed in **v2.1**.' } });
  });

  it('lists teams and projects', async () => {
    const teams = await linear.manager.execute('linear', 'teams.list', { first: 1 });
    expect(teams).toMatchObject({ ok: true, data: { nodes: [{ key: 'ENG' }] }, meta: { nextCursor: engineering().id } });
    const projects = await linear.manager.execute('linear', 'projects.list', {});
    expect(projects).toMatchObject({ ok: true, data: { nodes: [{ name: 'Launch' }, { name: 'Onboarding' }, { name: 'Billing' }] } });
    expect(projects.ok && projects.meta.nextCursor).toBe(undefined);
    expect((linear.lastRequest().json as { query: string }).query).toMatch(/^query Projects/);
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await linear.manager.execute('linear', 'issues.create', { title: 'x', priority: 9 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer).sort()).toEqual(['/priority', '/teamId']);
    expect(linear.standIn.requests).toHaveLength(0);
  });

  it('treats errors in a 200 body as failures: "Entity not found" is NOT_FOUND', async () => {
    const result = await linear.manager.execute('linear', 'issues.get', { id: 'ENG-999' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 200, retryable: false, message: expect.stringContaining('Entity not found: Issue') } });
    expect(linear.standIn.requests).toHaveLength(1);
  });

  it('reports AUTHENTICATION_ERROR as AUTH_FAILED without echoing the key', async () => {
    await linear.manager.connect({ id: 'bad', connector: 'linear', credentials: { apiKey: 'lin_api_wrong_key_value' }, config: { baseUrl: linear.standIn.url } });
    const result = await linear.manager.execute('bad', 'viewer', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 400, retryable: false } });
    expect(JSON.stringify(result)).not.toContain('lin_api_wrong_key_value');
    expect(linear.lastRequest().headers.authorization).toBe('lin_api_wrong_key_value');
  });

  it('waits for X-RateLimit-Requests-Reset after RATELIMITED, then succeeds', async () => {
    linear.standIn.rateLimitNext();
    const started = Date.now();
    const result = await linear.manager.execute('linear', 'issues.create', { teamId: engineering().id, title: 'After the limit' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(linear.standIn.requests).toHaveLength(2);
    expect(linear.standIn.requests[0]!.json).toEqual(linear.standIn.requests[1]!.json);
  });

  it('returns RATE_LIMITED for a RATELIMITED error in a 200 body once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [LinearModule], retry: { retries: 0 } });
    await manager.connect({ id: 'linear', connector: 'linear', credentials: { apiKey: linear.standIn.apiKey }, config: { baseUrl: linear.standIn.url } });
    linear.standIn.rateLimitNext({ status: 200 });
    const result = await manager.execute('linear', 'teams.list', {});
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 200, retryable: true }, meta: { attempts: 1, rateLimit: { remaining: 0 } } });
  });
});
