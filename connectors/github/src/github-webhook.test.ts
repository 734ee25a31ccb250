import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyGithubWebhook } from './github-webhook.js';

const secret = "It's a Secret to Everybody";
const body = 'Hello, World!';
// GitHub's documented example of a valid signature for this secret and body.
const documented = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('verifyGithubWebhook', () => {
  it('accepts GitHub’s documented example and a real-looking delivery', () => {
    expect(verifyGithubWebhook({ body, secret, headers: { 'X-Hub-Signature-256': documented } })).toEqual({ ok: true });
    const delivery = Buffer.from(JSON.stringify({ action: 'opened', issue: { number: 1 } }));
    const signature = `sha256=${createHmac('sha256', 'whsec').update(delivery).digest('hex')}`;
    expect(verifyGithubWebhook({ body: delivery, secret: 'whsec', headers: { 'x-hub-signature-256': [signature] } })).toEqual({ ok: true });
  });

  it('rejects a tampered body and a wrong secret', () => {
    expect(verifyGithubWebhook({ body: 'Hello, World?', secret, headers: { 'x-hub-signature-256': documented } })).toEqual({
      ok: false,
      reason: 'signature does not match the body',
    });
    expect(verifyGithubWebhook({ body, secret: 'guess', headers: { 'x-hub-signature-256': documented } }).ok).toBe(false);
  });

  it('rejects malformed and missing headers without throwing', () => {
    const malformed = ['', 'sha1=757107ea', documented.replace('sha256=', ''), `${documented}0`, 'sha256=zz', 'sha256= '];
    for (const header of malformed) {
      const result = verifyGithubWebhook({ body, secret, headers: { 'x-hub-signature-256': header } });
      expect(result).toEqual({ ok: false, reason: 'X-Hub-Signature-256 is not sha256=<64 hex digits>' });
    }
    expect(verifyGithubWebhook({ body, secret, headers: {} })).toEqual({ ok: false, reason: 'missing X-Hub-Signature-256 header' });
    expect(verifyGithubWebhook({ body, secret, headers: { 'x-hub-signature-256': [documented, documented] } }).ok).toBe(false);
    expect(verifyGithubWebhook({ body: { parsed: true } as unknown as string, secret, headers: { 'x-hub-signature-256': documented } }).ok).toBe(false);
    expect(verifyGithubWebhook({ body, secret: '', headers: { 'x-hub-signature-256': documented } })).toEqual({
      ok: false,
      reason: 'no webhook secret configured',
    });
  });

  it('reads a fetch Headers object', () => {
    expect(verifyGithubWebhook({ body, secret, headers: new Headers({ 'X-Hub-Signature-256': documented }) })).toEqual({ ok: true });
  });
});
