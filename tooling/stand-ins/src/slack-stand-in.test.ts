import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from './slack-stand-in.js';

const started: SlackStandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((standIn) => standIn.close()));
});

async function start(options?: SlackStandInOptions): Promise<SlackStandIn> {
  const standIn = await startSlackStandIn(options);
  started.push(standIn);
  return standIn;
}

interface CallOptions {
  json?: Record<string, unknown>;
  form?: Record<string, string>;
  token?: string | null;
  contentType?: string;
}

/** Calls a Web API method as Slack's SDKs do: POST with a bearer token and a JSON or form body. */
async function call(standIn: SlackStandIn, method: string, { json, form, token, contentType }: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token ?? standIn.token}`;
  let body: string | undefined;
  if (json) {
    headers['content-type'] = contentType ?? 'application/json; charset=utf-8';
    body = JSON.stringify(json);
  } else if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await request(`${standIn.apiUrl}/${method}`, { method: 'POST', headers, body });
  return { status: response.statusCode, headers: response.headers, json: (await response.body.json()) as Record<string, unknown> };
}

describe('Slack stand-in', () => {
  it('answers auth failures as HTTP 200 with ok: false, as Slack does', async () => {
    const standIn = await start();
    expect((await call(standIn, 'auth.test', { token: null })).json).toEqual({ ok: false, error: 'not_authed' });
    const wrong = await call(standIn, 'auth.test', { token: 'xoxb-wrong' });
    expect(wrong).toMatchObject({ status: 200, json: { ok: false, error: 'invalid_auth' } });
    expect((await call(standIn, 'auth.test', { form: { token: standIn.token }, token: null })).json).toMatchObject({ ok: true, user_id: 'U0BOT' });
    standIn.revokeToken();
    expect((await call(standIn, 'auth.test')).json).toEqual({ ok: false, error: 'token_revoked' });
  });

  it('posts a message from a JSON body and warns when the charset is missing', async () => {
    const standIn = await start();
    const posted = await call(standIn, 'chat.postMessage', { json: { channel: 'C0RANDOM', text: 'Hello' } });
    expect(posted.json).toMatchObject({ ok: true, channel: 'C0RANDOM', message: { text: 'Hello', bot_id: 'B0BOT' } });
    expect(posted.json.ts).toMatch(/^\d+\.\d{6}$/);
    expect(posted.headers['x-slack-req-id']).toMatch(/^standin-/);
    const warned = await call(standIn, 'chat.postMessage', { json: { channel: 'C0GENERAL', text: 'Hi' }, contentType: 'application/json' });
    expect(warned.json).toMatchObject({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
    expect((await call(standIn, 'chat.postMessage', { json: { channel: 'C0NOPE', text: 'x' } })).json).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('reads history newest first with cursor pagination, and ignores JSON on form-only methods', async () => {
    const standIn = await start();
    const first = await call(standIn, 'conversations.history', { form: { channel: 'C0GENERAL', limit: '10' } });
    expect(first.json).toMatchObject({ ok: true, has_more: true });
    expect((first.json.messages as { text: string }[])[0]?.text).toBe('Message 25');
    const cursor = (first.json.response_metadata as { next_cursor: string }).next_cursor;
    const second = await call(standIn, 'conversations.history', { form: { channel: 'C0GENERAL', limit: '20', cursor } });
    expect(second.json).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });
    expect((second.json.messages as unknown[]).length).toBe(15);
    const after = await call(standIn, 'conversations.history', { form: { channel: 'C0GENERAL', oldest: '1700000023.000100' } });
    expect((after.json.messages as { text: string }[]).map((message) => message.text)).toEqual(['Message 25']);
    expect((await call(standIn, 'conversations.history', { json: { channel: 'C0GENERAL' } })).json).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('lists channels page by page', async () => {
    const standIn = await start({ extraChannels: 3 });
    const names: string[] = [];
    let cursor = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = await call(standIn, 'conversations.list', { form: { limit: '4', ...(cursor ? { cursor } : {}) } });
      names.push(...(page.json.channels as { name: string }[]).map((channel) => channel.name));
      cursor = (page.json.response_metadata as { next_cursor: string }).next_cursor;
      if (!cursor) break;
    }
    expect(names).toEqual(['general', 'random', 'announcements', 'project-1', 'project-2', 'project-3']);
  });

  it('creates channels, looks users up, reacts, and names its errors as Slack does', async () => {
    const standIn = await start();
    expect((await call(standIn, 'conversations.create', { json: { name: 'launch' } })).json).toMatchObject({ ok: true, channel: { name: 'launch' } });
    expect((await call(standIn, 'conversations.create', { json: { name: 'launch' } })).json).toEqual({ ok: false, error: 'name_taken' });
    expect((await call(standIn, 'users.lookupByEmail', { form: { email: 'BOB@example.com' } })).json).toMatchObject({ user: { id: 'U0BOB' } });
    expect((await call(standIn, 'users.lookupByEmail', { form: { email: 'x@example.com' } })).json).toEqual({ ok: false, error: 'users_not_found' });
    const reaction = { channel: 'C0GENERAL', timestamp: '1700000000.000100', name: 'tada' };
    expect((await call(standIn, 'reactions.add', { json: reaction })).json).toEqual({ ok: true });
    expect((await call(standIn, 'reactions.add', { json: reaction })).json).toEqual({ ok: false, error: 'already_reacted' });
    expect((await call(standIn, 'reactions.add', { json: { ...reaction, timestamp: '1.000000' } })).json).toEqual({ ok: false, error: 'message_not_found' });
    expect((await call(standIn, 'nope.method')).status).toBe(404);
  });

  it('answers missing_scope with the needed and provided scopes', async () => {
    const standIn = await start({ scopes: ['chat:write'] });
    expect((await call(standIn, 'conversations.list', { form: {} })).json).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'channels:read',
      provided: 'chat:write',
    });
  });

  it('rate-limits a second message to a channel within a second, and on demand', async () => {
    const standIn = await start();
    expect((await call(standIn, 'chat.postMessage', { json: { channel: 'C0GENERAL', text: 'one' } })).status).toBe(200);
    const limited = await call(standIn, 'chat.postMessage', { json: { channel: 'C0GENERAL', text: 'two' } });
    expect(limited).toMatchObject({ status: 429, json: { ok: false, error: 'ratelimited' } });
    expect(limited.headers['retry-after']).toBe('1');
    expect((await call(standIn, 'chat.postMessage', { json: { channel: 'C0RANDOM', text: 'other channel' } })).status).toBe(200);
    standIn.rateLimitNext({ retryAfterSeconds: 3, method: 'users.info' });
    expect((await call(standIn, 'auth.test')).status).toBe(200);
    const info = await call(standIn, 'users.info', { form: { user: 'U0ALICE' } });
    expect(info).toMatchObject({ status: 429, json: { error: 'ratelimited' } });
    expect(info.headers['retry-after']).toBe('3');
    standIn.errorNext('fatal_error');
    expect((await call(standIn, 'auth.test')).json).toEqual({ ok: false, error: 'fatal_error' });
  });
});
