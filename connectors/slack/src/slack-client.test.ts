import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager, LocalRateLimiter, normalizeRateLimits, type PollState } from '@patchbay/runtime';
import type { ConnectorExecuteOutput, RateLimitRule } from '@patchbay/contract';
import { startSlackStandIn, type SlackMessage } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { SlackModule, type SlackOperations } from './index.js';
import { SLACK_TIERS } from './slack-tiers.js';

const slack = useConnectorTest({
  module: SlackModule,
  start: startSlackStandIn,
  connectionId: 'slack',
  connect: (standIn) => ({ credentials: { token: standIn.token }, config: { baseUrl: standIn.apiUrl } }),
});

describe('Slack connector against a Slack stand-in', () => {
  it('calls a read method as a form POST with the bot token', async () => {
    const result = await slack.manager.execute('slack', 'auth.test', {});
    expect(result).toMatchObject({ ok: true, data: { ok: true, team_id: 'T0STANDIN', user_id: 'U0BOT' }, meta: { attempts: 1, status: 200 } });
    const request = slack.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/api/auth.test', body: '' });
    expect(request.headers.authorization).toBe(`Bearer ${slack.standIn.token}`);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-slack\//);
  });

  it('declares every method as a POST to the method’s name', () => {
    for (const operation of Object.values(SlackModule.operations)) {
      expect(operation.http).toMatchObject({ method: 'POST', path: expect.stringMatching(/^\/[a-z]+\.[a-zA-Z]+$/) });
    }
  });

  it('posts and updates a message with a UTF-8 JSON body', async () => {
    const posted = await slack.manager.execute('slack', 'chat.postMessage', { channel: 'C0RANDOM', text: 'Deploy finished :rocket:', unfurl_links: false });
    expect(posted).toMatchObject({ ok: true, data: { ok: true, channel: 'C0RANDOM', message: { text: 'Deploy finished :rocket:' } } });
    expect(slack.lastRequest()).toMatchObject({ method: 'POST', path: '/api/chat.postMessage' });
    expect(slack.lastRequest().headers['content-type']).toBe('application/json; charset=utf-8');
    expect(slack.lastRequest().json).toEqual({ channel: 'C0RANDOM', text: 'Deploy finished :rocket:', unfurl_links: false });
    expect(posted.ok && (posted.data as { warning?: string }).warning).toBeUndefined();

    const ts = (posted as { data: { ts: string } }).data.ts;
    const updated = await slack.manager.execute('slack', 'chat.update', { channel: 'C0RANDOM', ts, text: 'Deploy finished (v2)' });
    expect(updated).toMatchObject({ ok: true, data: { ts, text: 'Deploy finished (v2)' } });
    expect(slack.lastRequest().json).toEqual({ channel: 'C0RANDOM', ts, text: 'Deploy finished (v2)' });
  });

  it('maps ok: false answers at HTTP 200 to stable codes', async () => {
    const missing = await slack.manager.execute('slack', 'chat.update', { channel: 'C0RANDOM', ts: '1.000001', text: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 200, retryable: false, message: expect.stringContaining('message_not_found') } });
    const noChannel = await slack.manager.execute('slack', 'chat.postMessage', { channel: 'C0NOPE', text: 'x' });
    expect(noChannel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { ok: false, error: 'channel_not_found' } } });
    await slack.manager.execute('slack', 'conversations.create', { name: 'taken-once' });
    const taken = await slack.manager.execute('slack', 'conversations.create', { name: 'taken-once' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', message: expect.stringContaining('name_taken') }, meta: { attempts: 1 } });
    expect(slack.lastRequest().json).toEqual({ name: 'taken-once' });
  });

  it('pages conversations.list through response_metadata.next_cursor', async () => {
    const connection = slack.manager.connection<SlackOperations>('slack');
    const pages: ConnectorExecuteOutput<SlackOperations['conversations.list']['output']>[] = [];
    for await (const page of connection.pages('conversations.list', { limit: 3, exclude_archived: true })) pages.push(page);
    const sizes = pages.map((page) => (page.ok ? page.data.channels.length : 0));
    const publicChannels = slack.standIn.state.channels.filter((channel) => !channel.is_private && !channel.is_archived).length;
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(publicChannels);
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
    expect(pages.at(-1)?.meta.nextCursor).toBeUndefined();
    expect(slack.standIn.requests.map((request) => request.form)).toEqual(
      pages.map((_page, index) => ({ limit: '3', exclude_archived: 'true', ...(index === 0 ? {} : { cursor: pages[index - 1]!.meta.nextCursor }) })),
    );
    expect(slack.lastRequest().headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('reads channel history item by item, newest first, up to maxItems', async () => {
    const connection = slack.manager.connection<SlackOperations>('slack');
    const texts: (string | undefined)[] = [];
    for await (const message of connection.items('conversations.history', { channel: 'C0GENERAL', limit: 10 }, { maxItems: 15 })) texts.push(message.text);
    expect(texts).toEqual(Array.from({ length: 15 }, (_, index) => `Message ${25 - index}`));
    expect(slack.standIn.requests).toHaveLength(2);
  });

  it('looks users up by email and id, and reacts to a message', async () => {
    expect(await slack.manager.execute('slack', 'users.lookupByEmail', { email: 'alice@example.com' })).toMatchObject({ ok: true, data: { user: { id: 'U0ALICE' } } });
    expect(slack.lastRequest().form).toEqual({ email: 'alice@example.com' });
    expect(await slack.manager.execute('slack', 'users.lookupByEmail', { email: 'nobody@example.com' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await slack.manager.execute('slack', 'users.info', { user: 'U0BOB' })).toMatchObject({ ok: true, data: { user: { name: 'bob' } } });
    expect(await slack.manager.execute('slack', 'users.info', { user: 'U0NOBODY' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const reacted = await slack.manager.execute('slack', 'reactions.add', { channel: 'C0GENERAL', timestamp: '1700000001.000100', name: 'eyes' });
    expect(reacted).toMatchObject({ ok: true, data: { ok: true } });
    expect(slack.lastRequest().json).toEqual({ channel: 'C0GENERAL', timestamp: '1700000001.000100', name: 'eyes' });
  });

  it('polls new messages, delivering each one once', async () => {
    const channel = await slack.manager.execute('slack', 'conversations.create', { name: `poll-${Date.now()}` });
    const id = (channel as { data: { channel: { id: string } } }).data.channel.id;
    slack.standIn.state.messages.set(id, [1, 2, 3].map((n) => ({ type: 'message', ts: `1700000100.00000${n}`, user: 'U0ALICE', text: `early ${n}` })));

    const first = await slack.manager.poll('slack', 'messages.new', { input: { channel: id } });
    expect(first.ok).toBe(true);
    expect(first.items.map((item) => (item as { text: string }).text)).toEqual(['early 1', 'early 2', 'early 3']);
    expect(first.state).toMatchObject({ cursor: { oldest: '1700000100.000003' } });

    slack.standIn.state.messages.get(id)!.push({ type: 'message', ts: '1700000200.000001', user: 'U0BOB', text: 'later' });
    const stored = JSON.parse(JSON.stringify(first.state)) as PollState;
    const second = await slack.manager.poll('slack', 'messages.new', { input: { channel: id }, state: stored });
    expect(second.items.map((item) => (item as { text: string }).text)).toEqual(['later']);
    expect(slack.lastRequest().form).toEqual({ channel: id, limit: '100', oldest: '1700000100.000003', inclusive: 'true' });

    const third = await slack.manager.poll('slack', 'messages.new', { input: { channel: id }, state: second.state });
    expect(third).toMatchObject({ ok: true, items: [] });
  });

  it('skips and reports a malformed message instead of failing this poll and every later one', async () => {
    const channel = await slack.manager.connection<SlackOperations>('slack').execute('conversations.create', { name: `poison-${Date.now()}` });
    if (!channel.ok) throw new Error(channel.error.message);
    const id = channel.data.channel.id;
    // A vendor bug: a ts that is a number, not Slack's string id.
    const poison = { type: 'message', ts: 1700000100.5, user: 'U0ALICE', text: 'poison' } as unknown as SlackMessage;
    slack.standIn.state.messages.set(id, [
      { type: 'message', ts: '1700000100.000001', user: 'U0ALICE', text: 'good 1' },
      poison,
      { type: 'message', ts: '1700000100.000002', user: 'U0BOB', text: 'good 2' },
    ]);

    const first = await slack.manager.poll('slack', 'messages.new', { input: { channel: id } });
    expect(first).toMatchObject({ ok: true, skipped: [{ item: { text: 'poison' }, reason: 'message has no valid string ts' }] });
    expect(first.items.map((item) => (item as { text: string }).text)).toEqual(['good 1', 'good 2']);
    expect(first.state).toMatchObject({ cursor: { oldest: '1700000100.000002' } });

    slack.standIn.state.messages.get(id)!.push({ type: 'message', ts: '1700000200.000001', user: 'U0BOB', text: 'later' });
    const second = await slack.manager.poll('slack', 'messages.new', { input: { channel: id }, state: first.state });
    expect(second.ok).toBe(true);
    expect(second.items.map((item) => (item as { text: string }).text)).toEqual(['later']);
  });

  it('reports bad, revoked and under-scoped tokens as AUTH_FAILED without echoing the token', async () => {
    await slack.manager.connect({ id: 'bad', connector: 'slack', credentials: { token: 'xoxb-wrong-token-value' }, config: { baseUrl: slack.standIn.apiUrl } });
    const bad = await slack.manager.execute('bad', 'auth.test', {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 200, retryable: false, message: expect.stringContaining('invalid_auth') } });
    expect(JSON.stringify(bad)).not.toContain('xoxb-wrong-token-value');

    slack.standIn.errorNext('token_revoked');
    expect(await slack.manager.execute('slack', 'auth.test', {})).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    slack.standIn.errorNext('account_inactive');
    expect(await slack.manager.execute('slack', 'auth.test', {})).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });

    const scoped = await startSlackStandIn({ scopes: ['chat:write'] });
    try {
      await slack.manager.connect({ id: 'narrow', connector: 'slack', credentials: { token: scoped.token }, config: { baseUrl: scoped.apiUrl } });
      const result = await slack.manager.execute('narrow', 'conversations.list', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringContaining('needs channels:read') } });
    } finally {
      await scoped.close();
    }
  });

  it('waits out HTTP 429 with Retry-After and retries, even for a message post', async () => {
    slack.standIn.rateLimitNext({ method: 'chat.postMessage' });
    const started = Date.now();
    const result = await slack.manager.execute('slack', 'chat.postMessage', { channel: 'C0ANNOUNCE', text: 'after the limit' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.standIn.requests.map((request) => request.json)).toEqual([
      { channel: 'C0ANNOUNCE', text: 'after the limit' },
      { channel: 'C0ANNOUNCE', text: 'after the limit' },
    ]);
  });

  it('retries a read after a 5xx but never repeats a post Slack may have taken', async () => {
    slack.standIn.injectFaults({ status: 503, body: { ok: false, error: 'service_unavailable' } });
    expect(await slack.manager.execute('slack', 'users.info', { user: 'U0BOB' })).toMatchObject({ ok: true, meta: { attempts: 2 } });
    slack.standIn.injectFaults({ status: 500, body: { ok: false, error: 'internal_error' } });
    const posted = await slack.manager.execute('slack', 'chat.postMessage', { channel: 'C0ANNOUNCE', text: 'once' });
    expect(posted).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 500, retryable: true }, meta: { attempts: 1 } });
    expect(slack.standIn.requests.map((request) => request.path)).toEqual(['/api/users.info', '/api/users.info', '/api/chat.postMessage']);
  });

  it('reports `ratelimited` as RATE_LIMITED once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [SlackModule], retry: { retries: 0 } });
    await manager.connect({ id: 'slack', connector: 'slack', credentials: { token: slack.standIn.token }, config: { baseUrl: slack.standIn.apiUrl } });
    slack.standIn.errorNext('ratelimited');
    const refused = await manager.execute('slack', 'users.info', { user: 'U0BOB' });
    slack.standIn.rateLimitNext({ retryAfterSeconds: 30 });
    const limited = await manager.execute('slack', 'users.info', { user: 'U0BOB' });
    await manager.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true, status: 200 }, meta: { attempts: 1 } });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429 } });
  });
});

describe('Slack rate-limit tiers', () => {
  it('spaces chat.postMessage about one a second, so Slack never answers 429', async () => {
    const started = Date.now();
    const results = await Promise.all(
      ['one', 'two', 'three'].map((text) => slack.manager.execute('slack', 'chat.postMessage', { channel: 'C0GENERAL', text })),
    );
    expect(results.every((result) => result.ok && result.meta.attempts === 1)).toBe(true);
    const arrivals = slack.standIn.requests.map((request) => request.receivedAt);
    expect(arrivals).toHaveLength(3);
    expect(arrivals[2]! - arrivals[0]!).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('declares Slack’s method tiers, merged per operation with a connection’s rule', () => {
    const rules = normalizeRateLimits(SlackModule.rateLimit, { maxConcurrent: 4 }, SlackModule.operations);
    expect(rules.connection).toEqual({ maxConcurrent: 4 });
    expect(rules.operations).toEqual({
      'chat.postMessage': { limit: 1, intervalMs: 1000 },
      'chat.update': SLACK_TIERS.tier3,
      'conversations.list': SLACK_TIERS.tier2,
      'conversations.history': SLACK_TIERS.tier3,
      'conversations.create': SLACK_TIERS.tier2,
      'users.lookupByEmail': SLACK_TIERS.tier3,
      'users.info': SLACK_TIERS.tier4,
      'reactions.add': SLACK_TIERS.tier3,
      'messages.new': SLACK_TIERS.tier3,
    });
    expect(SLACK_TIERS.tier1).toEqual({ limit: 1, intervalMs: 60_000 });
  });

  it('builds one limiter per operation from its tier, beside the connection’s own rule', async () => {
    const built: { key: string; rule: RateLimitRule }[] = [];
    const manager = await IntegrationManager.create({
      modules: [SlackModule],
      rateLimiterFactory: (key, rule) => {
        built.push({ key, rule });
        return new LocalRateLimiter(rule);
      },
    });
    await manager.connect({
      id: 'slack',
      connector: 'slack',
      credentials: { token: slack.standIn.token },
      config: { baseUrl: slack.standIn.apiUrl, rateLimit: { limit: 2, intervalMs: 1000 } },
    });
    const started = Date.now();
    const calls: [string, Record<string, unknown>][] = [
      ['users.info', { user: 'U0BOB' }],
      ['conversations.list', { limit: 1 }],
      ['users.lookupByEmail', { email: 'bob@example.com' }],
      ['auth.test', {}],
    ];
    const results = [];
    for (const [operation, input] of calls) results.push(await manager.execute('slack', operation, input));
    await manager.close();
    expect(results.every((result) => result.ok)).toBe(true);
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
