import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyStripeWebhook } from './stripe-webhook.js';

const secret = 'whsec_test_secret';
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid' });
const t = 1_700_000_000;
const now = (t + 5) * 1000;

const sign = (payload: string, at: number, key = secret) => createHmac('sha256', key).update(`${at}.${payload}`).digest('hex');
const headers = (value: string) => ({ 'Stripe-Signature': value });

describe('verifyStripeWebhook', () => {
  it('accepts a valid v1 signature, also among several (a secret being rolled) and beside v0', () => {
    expect(verifyStripeWebhook({ body, secret, now, headers: headers(`t=${t},v1=${sign(body, t)}`) })).toEqual({ ok: true });
    const rolled = `t=${t},v1=${sign(body, t, 'whsec_old')},v1=${sign(body, t)},v0=${'0'.repeat(64)}`;
    expect(verifyStripeWebhook({ body: Buffer.from(body), secret, now, headers: headers(rolled) })).toEqual({ ok: true });
  });

  it('rejects a tampered body, a tampered timestamp and a wrong secret', () => {
    const signature = sign(body, t);
    expect(verifyStripeWebhook({ body: body.replace('paid', 'void'), secret, now, headers: headers(`t=${t},v1=${signature}`) })).toEqual({
      ok: false,
      reason: 'no signature matches the body',
    });
    expect(verifyStripeWebhook({ body, secret, now, headers: headers(`t=${t + 1},v1=${signature}`) }).ok).toBe(false);
    expect(verifyStripeWebhook({ body, secret: 'whsec_other', now, headers: headers(`t=${t},v1=${signature}`) }).ok).toBe(false);
  });

  it('rejects a stale delivery beyond 300 s and honours a custom tolerance', () => {
    const value = `t=${t},v1=${sign(body, t)}`;
    expect(verifyStripeWebhook({ body, secret, now: (t + 301) * 1000, headers: headers(value) })).toEqual({
      ok: false,
      reason: 'timestamp is outside the tolerance window',
    });
    expect(verifyStripeWebhook({ body, secret, now: (t + 299) * 1000, headers: headers(value) }).ok).toBe(true);
    expect(verifyStripeWebhook({ body, secret, now: (t + 60) * 1000, toleranceSeconds: 30, headers: headers(value) }).ok).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const signature = sign(body, t);
    const cases: [Record<string, string | string[]>, string][] = [
      [{}, 'missing Stripe-Signature header'],
      [headers(''), 'Stripe-Signature has no valid t= timestamp'],
      [headers(`v1=${signature}`), 'Stripe-Signature has no valid t= timestamp'],
      [headers(`t=soon,v1=${signature}`), 'Stripe-Signature has no valid t= timestamp'],
      [headers(`t=${t}`), 'Stripe-Signature has no v1= signature'],
      [headers(`t=${t},v1=xyz,v1=${signature.slice(2)}`), 'Stripe-Signature has no v1= signature'],
      [headers(`t=${t},v0=${signature}`), 'Stripe-Signature has no v1= signature'],
      [headers('garbage,,==,'), 'Stripe-Signature has no valid t= timestamp'],
    ];
    for (const [given, reason] of cases) expect(verifyStripeWebhook({ body, secret, now, headers: given })).toEqual({ ok: false, reason });
    expect(verifyStripeWebhook({ body: JSON.parse(body) as string, secret, now, headers: headers(`t=${t},v1=${signature}`) }).ok).toBe(false);
    expect(verifyStripeWebhook({ body, secret: '', now, headers: headers(`t=${t},v1=${signature}`) })).toEqual({ ok: false, reason: 'no webhook secret configured' });
  });

  it('reads a fetch Headers object', () => {
    const fetchHeaders = new Headers({ 'Stripe-Signature': `t=${t},v1=${sign(body, t)}` });
    expect(verifyStripeWebhook({ body, secret, now, headers: fetchHeaders })).toEqual({ ok: true });
  });

  it('refuses a header with more v1 candidates than any real delivery, even with the right one among them', () => {
    const forged = Array.from({ length: 5_000 }, (_, index) => `v1=${index.toString(16).padStart(64, '0')}`).join(',');
    expect(verifyStripeWebhook({ body, secret, now, headers: headers(`t=${t},${forged},v1=${sign(body, t)}`) })).toEqual({
      ok: false,
      reason: 'Stripe-Signature has more than 8 v1= signatures',
    });
  });
});
