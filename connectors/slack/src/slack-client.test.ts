import { IntegrationManager, LocalRateLimiter, type PollState } from '@patchbay/runtime';
import type { ConnectorExecuteOutput, RateLimitRule } from '@patchbay/contract';
import { startSlackStandIn, type SlackMessage, type SlackStandIn } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackModule } from './index.js';
import { SLACK_TIERS } from './slack-tiers.js';

let standIn: SlackStandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  standIn = await startSlackStandIn();
});

afterAll(async () => {
  await standIn.close();
});

async function createManager(options: Parameters<typeof IntegrationManager.create>[0] = {}) {
  const created = await IntegrationManager.create({
    cwd: new URL('..', import.meta.url).pathname,
    modules: [SlackModule],
    retry: { minDelayMs: 1, maxDelayMs: 5, retries: 2 },
    ...options,
  });
  await created.connect({ id: 'slack', connector: 'slack', credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } });
  return created;
}

beforeEach(async () => {
  standIn.requests.length = 0;
  manager = await createManager();
});

afterEach(async () => {
  await manager.close();
});

function lastRequest() {
  const request = standIn.requests.at(-1);
  if (!request) throw new Error('the stand-in received no request');
  return request;
}

describe('Slack connector against a Slack stand-in', () => {
  it('calls a read method as a form POST with the bot token', async () => {
    const result = await manager.execute('slack', 'auth.test', {});
    expect(result).toMatchObject({ ok: true, data: { ok: true, team_id: 'T0STANDIN', user_id: 'U0BOT' }, meta: { attempts: 1, status: 200 } });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/api/auth.test', body: '' });
    expect(request.headers.authorization).toBe(`Bearer ${standIn.token}`);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-slack\//);
  });

  it('posts and updates a message with a UTF-8 JSON body', async () => {
    const posted = await manager.execute('slack', 'chat.postMessage', { channel: 'C0RANDOM', text: 'Deploy finished :rocket:', unfurl_links: false });
    expect(posted).toMatchObject({ ok: true, data: { ok: true, channel: 'C0RANDOM', message: { text: 'Deploy finished :rocket:' } } });
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/api/chat.postMessage' });
    expect(lastRequest().headers['content-type']).toBe('application/json; charset=utf-8');
    expect(lastRequest().json).toEqual({ channel: 'C0RANDOM', text: 'Deploy finished :rocket:', unfurl_links: false });
    expect(posted.ok && (posted.data as { warning?: string }).warning).toBeUndefined();

    const ts = (posted as { data: { ts: string } }).data.ts;
    const updated = await manager.execute('slack', 'chat.update', { channel: 'C0RANDOM', ts, text: 'Deploy finished (v2)' });
    expect(updated).toMatchObject({ ok: true, data: { ts, text: 'Deploy finished (v2)' } });
    expect(lastRequest().json).toEqual({ channel: 'C0RANDOM', ts, text: 'Deploy finished (v2)' });
  });

  it('maps ok: false answers at HTTP 200 to stable codes', async () => {
    const missing = await manager.execute('slack', 'chat.update', { channel: 'C0RANDOM', ts: '1.000001', text: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 200, retryable: false, message: expect.stringContaining('message_not_found') } });
    const noChannel = await manager.execute('slack', 'chat.postMessage', { channel: 'C0NOPE', text: 'x' });
    expect(noChannel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { ok: false, error: 'channel_not_found' } } });
    await manager.execute('slack', 'conversations.create', { name: 'taken-once' });
    const taken = await manager.execute('slack', 'conversations.create', { name: 'taken-once' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', message: expect.stringContaining('name_taken') }, meta: { attempts: 1 } });
    expect(lastRequest().json).toEqual({ name: 'taken-once' });
  });

  it('pages conversations.list through response_metadata.next_cursor', async () => {
    const pages: ConnectorExecuteOutput[] = [];
    for await (const page of manager.pages('slack', 'conversations.list', { limit: 3, exclude_archived: true })) pages.push(page);
    const sizes = pages.map((page) => (page.ok ? (page.data as { channels: unknown[] }).channels.length : 0));
    const publicChannels = standIn.state.channels.filter((channel) => !channel.is_private && !channel.is_archived).length;
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(publicChannels);
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
    expect(pages.at(-1)?.meta.nextCursor).toBeUndefined();
    expect(standIn.requests.map((request) => request.form)).toEqual(
      pages.map((_page, index) => ({ limit: '3', exclude_archived: 'true', ...(index === 0 ? {} : { cursor: pages[index - 1]!.meta.nextCursor }) })),
    );
    expect(lastRequest().headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('reads channel history item by item, newest first, up to maxItems', async () => {
    const texts: string[] = [];
    for await (const message of manager.items('slack', 'conversations.history', { channel: 'C0GENERAL', limit: 10 }, { maxItems: 15 })) {
      texts.push((message as { text: string }).text);
    }
    expect(texts).toEqual(Array.from({ length: 15 }, (_, index) => `Message ${25 - index}`));
    expect(standIn.requests).toHaveLength(2);
  });

  it('looks users up by email and id, and reacts to a message', async () => {
    expect(await manager.execute('slack', 'users.lookupByEmail', { email: 'alice@example.com' })).toMatchObject({ ok: true, data: { user: { id: 'U0ALICE' } } });
    expect(lastRequest().form).toEqual({ email: 'alice@example.com' });
    expect(await manager.execute('slack', 'users.lookupByEmail', { email: 'nobody@example.com' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await manager.execute('slack', 'users.info', { user: 'U0BOB' })).toMatchObject({ ok: true, data: { user: { name: 'bob' } } });
    expect(await manager.execute('slack', 'users.info', { user: 'U0NOBODY' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const reacted = await manager.execute('slack', 'reactions.add', { channel: 'C0GENERAL', timestamp: '1700000001.000100', name: 'eyes' });
    expect(reacted).toMatchObject({ ok: true, data: { ok: true } });
    expect(lastRequest().json).toEqual({ channel: 'C0GENERAL', timestamp: '1700000001.000100', name: 'eyes' });
  });

  it('polls new messages, delivering each one once', async () => {
    const channel = await manager.execute('slack', 'conversations.create', { name: `poll-${Date.now()}` });
    const id = (channel as { data: { channel: { id: string } } }).data.channel.id;
    standIn.state.messages.set(id, [1, 2, 3].map((n) => ({ type: 'message', ts: `1700000100.00000${n}`, user: 'U0ALICE', text: `early ${n}` })));

    const first = await manager.poll('slack', 'messages.new', { input: { channel: id } });
    expect(first.ok).toBe(true);
    expect(first.items.map((item) => (item as { text: string }).text)).toEqual(['early 1', 'early 2', 'early 3']);
    expect(first.state).toMatchObject({ cursor: { oldest: '1700000100.000003' } });

    standIn.state.messages.get(id)!.push({ type: 'message', ts: '1700000200.000001', user: 'U0BOB', text: 'later' });
    const stored = JSON.parse(JSON.stringify(first.state)) as PollState;
    const second = await manager.poll('slack', 'messages.new', { input: { channel: id }, state: stored });
    expect(second.items.map((item) => (item as { text: string }).text)).toEqual(['later']);
    expect(lastRequest().form).toEqual({ channel: id, limit: '100', oldest: '1700000100.000003', inclusive: 'true' });

    const third = await manager.poll('slack', 'messages.new', { input: { channel: id }, state: second.state });
    expect(third).toMatchObject({ ok: true, items: [] });
  });

  it('skips and reports a malformed message instead of failing this poll and every later one', async () => {
    const channel = await manager.execute('slack', 'conversations.create', { name: `poison-${Date.now()}` });
    const id = (channel as { data: { channel: { id: string } } }).data.channel.id;
    // A vendor bug: a ts that is a number, not Slack's string id.
    const poison = { type: 'message', ts: 1700000100.5, user: 'U0ALICE', text: 'poison' } as unknown as SlackMessage;
    standIn.state.messages.set(id, [{ type: 'message', ts: '1700000100.000001', user: 'U0ALICE', text: 'good 1' }, poison, { type: 'message', ts: '1700000100.000002', user: 'U0BOB', text: 'good 2' }]);

    const first = await manager.poll('slack', 'messages.new', { input: { channel: id } });
    expect(first).toMatchObject({ ok: true, skipped: [{ item: { text: 'poison' }, reason: 'message has no valid string ts' }] });
    expect(first.items.map((item) => (item as { text: string }).text)).toEqual(['good 1', 'good 2']);
    expect(first.state).toMatchObject({ cursor: { oldest: '1700000100.000002' } });

    standIn.state.messages.get(id)!.push({ type: 'message', ts: '1700000200.000001', user: 'U0BOB', text: 'later' });
    const second = await manager.poll('slack', 'messages.new', { input: { channel: id }, state: first.state });
    expect(second.ok).toBe(true);
    expect(second.items.map((item) => (item as { text: string }).text)).toEqual(['later']);
  });

  it('reports bad, revoked and under-scoped tokens as AUTH_FAILED without echoing the token', async () => {
    await manager.connect({ id: 'bad', connector: 'slack', credentials: { token: 'xoxb-wrong-token-value' }, config: { baseUrl: standIn.apiUrl } });
    const bad = await manager.execute('bad', 'auth.test', {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 200, retryable: false, message: expect.stringContaining('invalid_auth') } });
    expect(JSON.stringify(bad)).not.toContain('xoxb-wrong-token-value');

    standIn.errorNext('token_revoked');
    expect(await manager.execute('slack', 'auth.test', {})).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    standIn.errorNext('account_inactive');
    expect(await manager.execute('slack', 'auth.test', {})).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });

    const scoped = await startSlackStandIn({ scopes: ['chat:write'] });
    try {
      await manager.connect({ id: 'narrow', connector: 'slack', credentials: { token: scoped.token }, config: { baseUrl: scoped.apiUrl } });
      const result = await manager.execute('narrow', 'conversations.list', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringContaining('needs channels:read') } });
    } finally {
      await scoped.close();
    }
  });

  it('waits out HTTP 429 with Retry-After and retries, even for a message post', async () => {
    standIn.rateLimitNext({ method: 'chat.postMessage' });
    const started = Date.now();
    const result = await manager.execute('slack', 'chat.postMessage', { channel: 'C0ANNOUNCE', text: 'after the limit' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(standIn.requests.map((request) => request.json)).toEqual([
      { channel: 'C0ANNOUNCE', text: 'after the limit' },
      { channel: 'C0ANNOUNCE', text: 'after the limit' },
    ]);
  });

  it('retries a read after a 5xx but never repeats a post Slack may have taken', async () => {
    standIn.injectFaults({ status: 503, body: { ok: false, error: 'service_unavailable' } });
    expect(await manager.execute('slack', 'users.info', { user: 'U0BOB' })).toMatchObject({ ok: true, meta: { attempts: 2 } });
    standIn.injectFaults({ status: 500, body: { ok: false, error: 'internal_error' } });
    const posted = await manager.execute('slack', 'chat.postMessage', { channel: 'C0ANNOUNCE', text: 'once' });
    expect(posted).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 500, retryable: true }, meta: { attempts: 1 } });
    expect(standIn.requests.map((request) => request.path)).toEqual(['/api/users.info', '/api/users.info', '/api/chat.postMessage']);
  });

  it('reports `ratelimited` as RATE_LIMITED once retries run out', async () => {
    await manager.close();
    manager = await createManager({ retry: { retries: 0 } });
    standIn.errorNext('ratelimited');
    expect(await manager.execute('slack', 'users.info', { user: 'U0BOB' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryable: true, status: 200 },
      meta: { attempts: 1 },
    });
    standIn.rateLimitNext({ retryAfterSeconds: 30 });
    expect(await manager.execute('slack', 'users.info', { user: 'U0BOB' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429 } });
  });
});

describe('Slack rate-limit tiers', () => {
  it('spaces chat.postMessage about one a second, so Slack never answers 429', async () => {
    const started = Date.now();
    const results = await Promise.all(
      ['one', 'two', 'three'].map((text) => manager.execute('slack', 'chat.postMessage', { channel: 'C0GENERAL', text })),
    );
    expect(results.every((result) => result.ok && result.meta.attempts === 1)).toBe(true);
    const arrivals = standIn.requests.map((request) => request.receivedAt);
    expect(arrivals).toHaveLength(3);
    expect(arrivals[2]! - arrivals[0]!).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('builds one limiter per operation from its tier, beside the connection’s own rule', async () => {
    await manager.close();
    const built: { key: string; rule: RateLimitRule }[] = [];
    manager = await IntegrationManager.create({
      modules: [SlackModule],
      rateLimiterFactory: (key, rule) => {
        built.push({ key, rule });
        return new LocalRateLimiter(rule);
      },
    });
    await manager.connect({
      id: 'slack',
      connector: 'slack',
      credentials: { token: standIn.token },
      config: { baseUrl: standIn.apiUrl, rateLimit: { limit: 2, intervalMs: 1000 } },
    });
    const started = Date.now();
    const calls: [string, Record<string, unknown>][] = [
      ['users.info', { user: 'U0BOB' }],
      ['conversations.list', { limit: 1 }],
      ['users.lookupByEmail', { email: 'bob@example.com' }],
      ['auth.test', {}],
    ];
    for (const [operation, input] of calls) expect((await manager.execute('slack', operation, input)).ok).toBe(true);
    // The connection's 2-a-second rule holds the third and fourth calls, whatever their tiers allow.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(built).toEqual([
      { key: 'slack', rule: { limit: 2, intervalMs: 1000 } },
      { key: 'slack:users.info', rule: SLACK_TIERS.tier4 },
      { key: 'slack:conversations.list', rule: SLACK_TIERS.tier2 },
      { key: 'slack:users.lookupByEmail', rule: SLACK_TIERS.tier3 },
    ]);
  });
});
