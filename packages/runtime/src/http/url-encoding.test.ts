import { describe, expect, it } from 'vitest';
import { encodeUrlParameters } from './url-encoding.js';

/** Decoded pairs, in order, so assertions read like the form a server parses. */
function pairs(encoded: string): [string, string][] {
  return [...new URLSearchParams(encoded)];
}

describe('encodeUrlParameters', () => {
  it('writes nested objects with bracketed keys (Stripe / Rails style)', () => {
    const encoded = encodeUrlParameters({ metadata: { order_id: '42', note: 'a b&c' } });
    expect(encoded).toBe('metadata%5Border_id%5D=42&metadata%5Bnote%5D=a%20b%26c');
    expect(pairs(encoded)).toEqual([
      ['metadata[order_id]', '42'],
      ['metadata[note]', 'a b&c'],
    ]);
  });

  it('writes arrays of objects as items[0][price]=x with the indices format', () => {
    const encoded = encodeUrlParameters(
      { items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2', quantity: 1 }] },
      'indices',
    );
    expect(pairs(encoded)).toEqual([
      ['items[0][price]', 'price_1'],
      ['items[0][quantity]', '2'],
      ['items[1][price]', 'price_2'],
      ['items[1][quantity]', '1'],
    ]);
  });

  it('supports every array format', () => {
    const values = { tag: ['a', 'b c'] };
    expect(pairs(encodeUrlParameters(values, 'repeat'))).toEqual([['tag', 'a'], ['tag', 'b c']]);
    expect(pairs(encodeUrlParameters(values, 'brackets'))).toEqual([['tag[]', 'a'], ['tag[]', 'b c']]);
    expect(pairs(encodeUrlParameters(values, 'indices'))).toEqual([['tag[0]', 'a'], ['tag[1]', 'b c']]);
    // Comma keeps the separator literal and encodes each item.
    expect(encodeUrlParameters({ tag: ['a', 'b,c', 'd e'] }, 'comma')).toBe('tag=a,b%2Cc,d%20e');
  });

  it('defaults to repeated keys for arrays', () => {
    expect(encodeUrlParameters({ state: ['open', 'closed'] })).toBe('state=open&state=closed');
  });

  it('skips undefined and null but keeps false, 0 and empty strings', () => {
    expect(pairs(encodeUrlParameters({ a: undefined, b: null, c: false, d: 0, e: '', f: { g: null, h: 1 } }))).toEqual([
      ['c', 'false'],
      ['d', '0'],
      ['e', ''],
      ['f[h]', '1'],
    ]);
  });

  it('writes dates as ISO 8601 rather than as nested objects', () => {
    const encoded = encodeUrlParameters({ since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) });
    expect(pairs(encoded)).toEqual([['since', '2024-01-02T03:04:05.000Z']]);
  });

  it('encodes reserved characters in keys and values so they cannot inject pairs', () => {
    const encoded = encodeUrlParameters({ 'q&x=1': 'a=b&c=d', 'ünï': '💡/?#' });
    expect(encoded).not.toMatch(/&x=1|a=b&/);
    expect(pairs(encoded)).toEqual([
      ['q&x=1', 'a=b&c=d'],
      ['ünï', '💡/?#'],
    ]);
  });
});
