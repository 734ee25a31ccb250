import { describe, expect, it } from 'vitest';
import { collectSecrets, containsSecret, redactRequest, redactText, redactValue } from './redact.js';

describe('redactText', () => {
  it('replaces every occurrence of a secret, raw and URL-encoded', () => {
    expect(redactText('a s3cr/t b s3cr%2Ft c s3cr/t', ['s3cr/t'])).toBe('a [REDACTED] b [REDACTED] c [REDACTED]');
  });

  it('replaces a secret that contains another one whole, whatever the order given', () => {
    expect(redactText('Bearer tok_abc-long-part', ['tok_abc', 'tok_abc-long-part'])).toBe('Bearer [REDACTED]');
    expect(redactText('Bearer tok_abc-long-part', ['tok_abc-long-part', 'tok_abc'])).toBe('Bearer [REDACTED]');
  });

  it('finds a secret in every encoding a server may echo it in', () => {
    const secret = 'tok/A b"c';
    const echoes = [
      'TOK/A B"C', // upper-cased
      'tok%2fA%20b%22c', // URL-encoded, lower-case hex
      'tok%2FA+b%22c', // form-encoded
      'tok\\/A b\\"c', // JSON-escaped slash and quote
      '\\u0074\\u006F\\u006b\\u002f\\u0041\\u0020\\u0062\\u0022\\u0063', // every character as \\uXXXX
      'to%6b\\/a b\\u0022C', // a mix, character by character
    ];
    for (const echo of echoes) {
      expect(containsSecret(`before ${echo} after`, [secret]), echo).toBe(true);
      expect(redactText(`before ${echo} after`, [secret]), echo).toBe('before [REDACTED] after');
    }
    expect(containsSecret('tok/A b', [secret])).toBe(false);
  });

  it('keeps JSON valid when it redacts an escaped secret, so the parsed body holds no secret', () => {
    const body = JSON.stringify({ echo: 'x tok_1/2 y' }).replace('/', '\\/').replace('t', '\\u0074');
    expect(JSON.parse(redactText(body, ['tok_1/2']))).toEqual({ echo: 'x [REDACTED] y' });
  });

  it('withholds the whole text when a secret is echoed in layered encodings the replacement cannot follow', () => {
    // A JSON-escaped percent sign in front of the hex of "/": decoded, it reads "abcd/efgh".
    const layered = 'token=abcd\\u00252Fefgh';
    expect(redactText(layered, ['abcd/efgh'])).toBe('[REDACTED]');
    expect(redactText('nothing to see', ['abcd/efgh'])).toBe('nothing to see');
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

  it('copies a value nested far deeper than the call stack allows, without recursion', () => {
    let deep: unknown = 'tok_1';
    for (let level = 0; level < 100_000; level++) deep = level % 2 ? [deep] : { child: deep };
    let copied = redactValue(deep, ['tok_1']);
    for (let level = 100_000 - 1; level >= 0; level--) copied = level % 2 ? (copied as unknown[])[0] : (copied as { child: unknown }).child;
    expect(copied).toBe('[REDACTED]');
  });

  it('keeps a hostile __proto__ key a plain property and copies cycles once', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "tok_1"}, "a": 1}') as Record<string, unknown>;
    const copy = redactValue(value, ['tok_1']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: '[REDACTED]' });
    const cyclic: Record<string, unknown> = { name: 'tok_1' };
    cyclic.self = cyclic;
    const cycleCopy = redactValue(cyclic, ['tok_1']);
    expect(cycleCopy.self).toBe(cycleCopy);
    expect(cycleCopy.name).toBe('[REDACTED]');
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
    expect(secrets.slice(0, 2).sort()).toEqual(['shh-secret', 'tok_live']);
    expect(secrets).not.toContain('client-id-1');
    expect(secrets).not.toContain('ada@example.test');
  });

  it('adds the Basic tokens a server may echo back, e.g. base64 of a Twilio sid:authToken', () => {
    const secrets = collectSecrets({ accountSid: 'AC123', authToken: 'auth-token-1' });
    const basic = Buffer.from('AC123:auth-token-1').toString('base64');
    expect(secrets).toContain(basic);
    expect(redactText(`{"detail":"Authorization: Basic ${basic}"}`, secrets)).toBe('{"detail":"Authorization: Basic [REDACTED]"}');
    expect(collectSecrets({ apiKey: 'sk_test_1' })).toContain(Buffer.from('sk_test_1:').toString('base64'));
  });
});
