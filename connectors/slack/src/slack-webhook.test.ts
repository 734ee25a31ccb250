import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackRequest } from './slack-webhook.js';

const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070';
const timestamp = 1531420618;
const now = timestamp * 1000 + 10_000;

function sign(payload: string, at: number | string, secret = signingSecret): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${at}:${payload}`).digest('hex')}`;
}

const headers = (signature: string, at: number | string = timestamp) => ({ 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(at) });

describe('verifySlackRequest', () => {
  it('accepts a request signed over v0:{timestamp}:{body}, as text or bytes', () => {
    expect(verifySlackRequest({ body, signingSecret, now, headers: headers(sign(body, timestamp)) })).toEqual({ ok: true });
    expect(verifySlackRequest({ body: Buffer.from(body), signingSecret, now, headers: headers(sign(body, timestamp)) })).toEqual({ ok: true });
  });

  it('rejects a tampered body, a changed timestamp and a wrong secret', () => {
    const signature = sign(body, timestamp);
    expect(verifySlackRequest({ body: body.replace('94070', '94071'), signingSecret, now, headers: headers(signature) })).toEqual({
      ok: false,
      reason: 'signature does not match the body',
    });
    expect(verifySlackRequest({ body, signingSecret, now, headers: headers(signature, timestamp + 1) }).ok).toBe(false);
    expect(verifySlackRequest({ body, signingSecret, now, headers: headers(sign(body, timestamp, 'other')) }).ok).toBe(false);
  });

  it('rejects a stale request even when its signature is valid', () => {
    const stale = timestamp - 301;
    expect(verifySlackRequest({ body, signingSecret, now: timestamp * 1000, headers: headers(sign(body, stale), stale) })).toEqual({
      ok: false,
      reason: 'X-Slack-Request-Timestamp is outside the tolerance window',
    });
    const future = timestamp + 400;
    expect(verifySlackRequest({ body, signingSecret, now: timestamp * 1000, headers: headers(sign(body, future), future) }).ok).toBe(false);
    expect(verifySlackRequest({ body, signingSecret, now: (timestamp + 299) * 1000, headers: headers(sign(body, timestamp)) }).ok).toBe(true);
  });

  it('rejects malformed and missing headers without throwing', () => {
    const valid = sign(body, timestamp);
    const cases: [Record<string, string | string[]>, string][] = [
      [{}, 'missing X-Slack-Request-Timestamp header'],
      [{ 'x-slack-request-timestamp': String(timestamp) }, 'missing X-Slack-Signature header'],
      [headers(valid, 'yesterday'), 'X-Slack-Request-Timestamp is not a number of seconds'],
      [headers(valid.replace('v0=', 'v1=')), 'X-Slack-Signature is not v0=<64 hex digits>'],
      [headers('v0=abc'), 'X-Slack-Signature is not v0=<64 hex digits>'],
      [headers(`${valid}ff`), 'X-Slack-Signature is not v0=<64 hex digits>'],
      [{ 'x-slack-signature': [valid, valid], 'x-slack-request-timestamp': String(timestamp) }, 'missing X-Slack-Signature header'],
    ];
    for (const [given, reason] of cases) expect(verifySlackRequest({ body, signingSecret, now, headers: given })).toEqual({ ok: false, reason });
    expect(verifySlackRequest({ body: { parsed: true } as unknown as string, signingSecret, now, headers: headers(valid) }).ok).toBe(false);
    expect(verifySlackRequest({ body, signingSecret: '', now, headers: headers(valid) })).toEqual({ ok: false, reason: 'no signing secret configured' });
  });

  it('reads a fetch Headers object', () => {
    expect(verifySlackRequest({ body, signingSecret, now, headers: new Headers(headers(sign(body, timestamp))) })).toEqual({ ok: true });
  });
});
