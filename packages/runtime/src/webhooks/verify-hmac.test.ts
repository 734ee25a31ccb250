import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeHmac, MAX_SIGNATURE_CANDIDATES, verifyHmac, verifyHmacAny } from './verify-hmac.js';
import { isRawBody, readWebhookHeader } from './webhook-verification.js';

const secret = "It's a Secret to Everybody";
const payload = 'Hello, World!';
// GitHub's documented test vector for X-Hub-Signature-256.
const githubVector = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('verifyHmac', () => {
  it('accepts the signature of the exact payload, in hex and base64', () => {
    expect(verifyHmac({ algorithm: 'sha256', secret, payload, signature: githubVector })).toBe(true);
    expect(verifyHmac({ algorithm: 'sha256', secret, payload: Buffer.from(payload), signature: githubVector.toUpperCase() })).toBe(true);
    const base64 = createHmac('sha1', 'key').update('body').digest('base64');
    expect(verifyHmac({ algorithm: 'sha1', secret: 'key', payload: 'body', signature: base64, encoding: 'base64' })).toBe(true);
    expect(computeHmac('sha256', secret, payload).toString('hex')).toBe(githubVector);
  });

  it('rejects a tampered payload, a wrong secret and a one-character change', () => {
    expect(verifyHmac({ algorithm: 'sha256', secret, payload: `${payload} `, signature: githubVector })).toBe(false);
    expect(verifyHmac({ algorithm: 'sha256', secret: 'other', payload, signature: githubVector })).toBe(false);
    const flipped = `${githubVector.slice(0, -1)}${githubVector.endsWith('7') ? '8' : '7'}`;
    expect(verifyHmac({ algorithm: 'sha256', secret, payload, signature: flipped })).toBe(false);
  });

  it('answers false, never throws, for malformed signatures', () => {
    for (const signature of ['', 'zz', 'abc', githubVector.slice(0, 62), `${githubVector}00`, 'sha256=' + githubVector, '💥']) {
      expect(verifyHmac({ algorithm: 'sha256', secret, payload, signature })).toBe(false);
    }
    expect(verifyHmac({ algorithm: 'sha256', secret, payload, signature: undefined as unknown as string })).toBe(false);
    expect(verifyHmac({ algorithm: 'sha256', secret, payload, signature: '!!!', encoding: 'base64' })).toBe(false);
  });
});

describe('verifyHmacAny', () => {
  it('matches any candidate, computing the HMAC once, and refuses more than the cap', () => {
    const wrong = '0'.repeat(64);
    expect(verifyHmacAny({ algorithm: 'sha256', secret, payload, signatures: [wrong, githubVector] })).toBe(true);
    expect(verifyHmacAny({ algorithm: 'sha256', secret, payload, signatures: [wrong, 'zz'] })).toBe(false);
    const forged = [...Array.from({ length: MAX_SIGNATURE_CANDIDATES }, () => wrong), githubVector];
    expect(verifyHmacAny({ algorithm: 'sha256', secret, payload, signatures: forged })).toBe(false);
    expect(verifyHmacAny({ algorithm: 'sha256', secret, payload, signatures: [] })).toBe(false);
  });
});

describe('readWebhookHeader', () => {
  it('reads a fetch Headers object', () => {
    const headers = new Headers({ 'X-Hub-Signature-256': 'sha256=1' });
    expect(readWebhookHeader(headers, 'x-hub-signature-256')).toBe('sha256=1');
    expect(readWebhookHeader(headers, 'X-Missing')).toBeUndefined();
  });

  it('reads a header whatever its case, and refuses a repeated one', () => {
    expect(readWebhookHeader({ 'X-Hub-Signature-256': 'sha256=1' }, 'x-hub-signature-256')).toBe('sha256=1');
    expect(readWebhookHeader({ 'x-slack-signature': ['v0=1'] }, 'X-Slack-Signature')).toBe('v0=1');
    expect(readWebhookHeader({ 'x-slack-signature': ['v0=1', 'v0=2'] }, 'x-slack-signature')).toBeUndefined();
    expect(readWebhookHeader(undefined, 'x')).toBeUndefined();
  });

  it('tells raw bodies from parsed ones', () => {
    expect(isRawBody('{}')).toBe(true);
    expect(isRawBody(Buffer.from('{}'))).toBe(true);
    expect(isRawBody({})).toBe(false);
  });
});
