import { describe, expect, it } from 'vitest';
import { collectSecrets, redactRequest, redactText, redactValue } from './redact.js';

describe('redactText', () => {
  it('replaces every occurrence of a secret, raw and URL-encoded', () => {
    expect(redactText('a s3cr/t b s3cr%2Ft c s3cr/t', ['s3cr/t'])).toBe('a [REDACTED] b [REDACTED] c [REDACTED]');
  });

  it('replaces a secret that contains another one whole, whatever the order given', () => {
    expect(redactText('Bearer tok_abc-long-part', ['tok_abc', 'tok_abc-long-part'])).toBe('Bearer [REDACTED]');
    expect(redactText('Bearer tok_abc-long-part', ['tok_abc-long-part', 'tok_abc'])).toBe('Bearer [REDACTED]');
  });

  it('returns the text unchanged without secrets', () => {
    expect(redactText('nothing here', [])).toBe('nothing here');
  });
});

describe('redactValue', () => {
  it('deep-copies with secrets replaced and leaves other values alone', () => {
    const value = { a: 'x tok_1 y', list: ['tok_1', 3, null, { b: true }], n: 1 };
    expect(redactValue(value, ['tok_1'])).toEqual({ a: 'x [REDACTED] y', list: ['[REDACTED]', 3, null, { b: true }], n: 1 });
    expect(value.a).toBe('x tok_1 y');
  });
});

describe('redactRequest', () => {
  it('redacts credential headers, token query parameters, user info and named carriers', () => {
    const request = redactRequest(
      'GET',
      'https://user:pw@api.vendor.test/x?access_token=t1&page=2&hapikey=k1&note=has-tok_9',
      { Authorization: 'Bearer t1', Cookie: 'sid=1', 'X-Trace': 'trace tok_9', 'X-Vendor-Key': 'k1' },
      ['tok_9'],
      ['hapikey', 'X-Vendor-Key'],
    );
    expect(request.headers).toEqual({ authorization: '[REDACTED]', cookie: '[REDACTED]', 'x-trace': 'trace [REDACTED]', 'x-vendor-key': '[REDACTED]' });
    const url = new URL(request.url);
    expect(url.username).toBe('%5BREDACTED%5D');
    expect(url.password).toBe('');
    expect(Object.fromEntries(url.searchParams)).toEqual({ access_token: '[REDACTED]', page: '2', hapikey: '[REDACTED]', note: 'has-[REDACTED]' });
  });
});

describe('collectSecrets', () => {
  it('collects secret-bearing strings of four characters or more, skipping identifiers and timestamps', () => {
    const secrets = collectSecrets({
      token: 'tok_live',
      short: 'abc',
      clientId: 'client-id-1',
      username: 'ada@example.test',
      expiresAt: '2030-01-01T00:00:00Z',
      nested: { clientSecret: 'shh-secret', scope: 'repo user' },
      count: 12345,
    });
    expect(secrets.sort()).toEqual(['shh-secret', 'tok_live']);
  });
});
