import { PatchbayError } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { fillPathTemplate } from './path-template.js';
import { prepareRequest } from './prepare-request.js';
import type { RequestOptions } from './request-options.js';

const BASE = new URL('https://api.vendor.test');
const DEFAULTS = { accept: 'application/json' };

function prepare(options: RequestOptions, base: URL = BASE) {
  const prepared = prepareRequest(options, base, DEFAULTS);
  return { ...prepared, url: prepared.url.href };
}

function thrown(action: () => unknown): PatchbayError {
  try {
    action();
  } catch (error) {
    if (PatchbayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to throw');
}

describe('fillPathTemplate', () => {
  it('URL-encodes each value and returns the params it did not use', () => {
    const { path, rest } = fillPathTemplate('/repos/{owner}/{repo}/issues', { owner: 'a b', repo: 'x/y?z#', title: 'T' });
    expect(path).toBe('/repos/a%20b/x%2Fy%3Fz%23/issues');
    expect(rest).toEqual({ title: 'T' });
  });

  it('does not mutate the caller\'s params', () => {
    const params = { id: 7, keep: true };
    fillPathTemplate('/items/{id}', params);
    expect(params).toEqual({ id: 7, keep: true });
  });

  it('refuses a missing or empty path parameter', () => {
    for (const value of [undefined, null, '']) {
      const error = thrown(() => fillPathTemplate('/items/{id}', { id: value }));
      expect(error.code).toBe('CONNECTOR_ERROR');
      expect(error.message).toContain('"id"');
    }
  });

  it('refuses "." and ".." values, which URL parsers would resolve as dot segments', () => {
    for (const value of ['.', '..']) {
      const error = thrown(() => fillPathTemplate('/repos/{owner}/{repo}', { owner: 'o', repo: value }));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain('"repo"');
    }
    // Longer runs of dots and encoded dots are ordinary segments once encoded.
    expect(fillPathTemplate('/x/{id}', { id: '...' }).path).toBe('/x/...');
    expect(fillPathTemplate('/x/{id}', { id: '%2e%2e' }).path).toBe('/x/%252e%252e');
  });

  it('neutralises dot segments in values so they cannot climb out of the template', () => {
    // encodeURIComponent leaves dots alone; the URL parser would collapse "/items/../admin".
    const { path } = fillPathTemplate('/items/{id}', { id: '../admin' });
    expect(path).toBe('/items/..%2Fadmin');
    expect(new URL(`https://api.vendor.test${path}`).pathname).toBe('/items/..%2Fadmin');
  });
});

describe('prepareRequest', () => {
  it('puts path params in the path and the rest of a GET\'s params in the query', () => {
    const prepared = prepare({ method: 'GET', path: '/repos/{owner}/{repo}/issues', params: { owner: 'octo org', repo: 'hello', state: 'open', labels: ['bug', 'ui'] } });
    const url = new URL(prepared.url);
    expect(url.pathname).toBe('/repos/octo%20org/hello/issues');
    expect([...url.searchParams]).toEqual([['state', 'open'], ['labels', 'bug'], ['labels', 'ui']]);
    expect(url.searchParams.has('owner')).toBe(false);
    expect(url.searchParams.has('repo')).toBe(false);
    expect(prepared.body).toBeUndefined();
    expect(prepared.headers['content-type']).toBeUndefined();
    expect(prepared.label).toBe('GET /repos/{owner}/{repo}/issues');
  });

  it('uses the query for HEAD, DELETE and OPTIONS too', () => {
    for (const method of ['HEAD', 'DELETE', 'OPTIONS'] as const) {
      const prepared = prepare({ method, path: '/items/{id}', params: { id: 1, force: true } });
      expect(prepared.url).toBe('https://api.vendor.test/items/1?force=true');
      expect(prepared.body).toBeUndefined();
    }
  });

  it('sends the rest of a POST\'s params as a JSON body, without the path params', () => {
    const prepared = prepare({ method: 'POST', path: '/repos/{owner}/{repo}/issues', params: { owner: 'o', repo: 'r', title: 'Hi', labels: ['bug'] } });
    expect(prepared.url).toBe('https://api.vendor.test/repos/o/r/issues');
    expect(JSON.parse(prepared.body as string)).toEqual({ title: 'Hi', labels: ['bug'] });
    expect(prepared.headers['content-type']).toBe('application/json');
  });

  it('sends no body when a POST has only path params', () => {
    const prepared = prepare({ method: 'POST', path: '/items/{id}/archive', params: { id: 3 } });
    expect(prepared.body).toBeUndefined();
    expect(prepared.headers['content-type']).toBeUndefined();
  });

  it('lets an explicit body win over params, and keeps params out of it', () => {
    const prepared = prepare({ method: 'PATCH', path: '/items/{id}', params: { id: 3, ignored: 'x' }, body: { name: 'N' } });
    expect(prepared.url).toBe('https://api.vendor.test/items/3');
    expect(JSON.parse(prepared.body as string)).toEqual({ name: 'N' });
  });

  it('lets an explicit query win over a GET\'s params', () => {
    const prepared = prepare({ method: 'GET', path: '/items/{id}', params: { id: 3, ignored: 'x' }, query: { expand: 'owner' } });
    expect(prepared.url).toBe('https://api.vendor.test/items/3?expand=owner');
  });

  it('sends no params as a body when a POST gives an explicit query', () => {
    const prepared = prepare({ method: 'POST', path: '/search', params: { q: 'x' }, query: { page: 2 } });
    expect(prepared.url).toBe('https://api.vendor.test/search?page=2');
    expect(prepared.body).toBeUndefined();
  });

  it('encodes a form body with bracketed nesting and indexed arrays', () => {
    const prepared = prepare({
      method: 'POST',
      path: '/v1/checkout/sessions',
      bodyType: 'form',
      params: { mode: 'payment', metadata: { order: '42' }, line_items: [{ price: 'price_1', quantity: 2 }] },
    });
    expect(prepared.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(prepared.body as string)]).toEqual([
      ['mode', 'payment'],
      ['metadata[order]', '42'],
      ['line_items[0][price]', 'price_1'],
      ['line_items[0][quantity]', '2'],
    ]);
  });

  it('honours arrayFormat in the query string', () => {
    const prepared = prepare({ method: 'GET', path: '/items', params: { ids: [1, 2] }, arrayFormat: 'comma' });
    expect(prepared.url).toBe('https://api.vendor.test/items?ids=1,2');
  });

  it('passes a raw string or bytes body through and refuses anything else', () => {
    const text = prepare({ method: 'PUT', path: '/blob', body: 'plain', bodyType: 'raw', headers: { 'Content-Type': 'text/plain' } });
    expect(text.body).toBe('plain');
    expect(text.headers['content-type']).toBe('text/plain');
    const bytes = new Uint8Array([1, 2, 3]);
    expect(prepare({ method: 'PUT', path: '/blob', body: bytes, bodyType: 'raw' }).body).toBe(bytes);
    expect(thrown(() => prepare({ method: 'PUT', path: '/blob', body: { a: 1 }, bodyType: 'raw' })).code).toBe('CONNECTOR_ERROR');
  });

  it('lowercases request headers and lets them override the defaults', () => {
    const prepared = prepare({ method: 'GET', path: '/x', headers: { Accept: 'application/vnd.github+json', 'X-Trace': 't1' } });
    expect(prepared.headers).toEqual({ accept: 'application/vnd.github+json', 'x-trace': 't1' });
  });

  it('keeps a base URL\'s path prefix, with or without a trailing slash', () => {
    for (const base of ['https://api.vendor.test/api/v3', 'https://api.vendor.test/api/v3/']) {
      const prepared = prepare({ method: 'GET', path: '/users/{id}', params: { id: 'me' } }, new URL(base));
      expect(prepared.url).toBe('https://api.vendor.test/api/v3/users/me');
      expect(prepared.label).toBe('GET /api/v3/users/{id}');
    }
  });

  it('appends the query to a path that already has one', () => {
    const prepared = prepare({ method: 'GET', path: '/items?fixed=1', params: { page: 2 } });
    expect(prepared.url).toBe('https://api.vendor.test/items?fixed=1&page=2');
  });

  it('refuses absolute URLs, protocol-relative paths and backslashes before anything is sent', () => {
    const paths = [
      'https://evil.test/steal',
      'http://evil.test',
      'javascript:alert(1)',
      '//evil.test/steal',
      '/\\evil.test',
      '\\\\evil.test',
      '/ok/..\\..\\x',
      'relative/path',
      '',
    ];
    for (const path of paths) {
      const error = thrown(() => prepare({ method: 'GET', path }));
      expect(error.code, path).toBe('VALIDATION_FAILED');
      expect(error.retryable).toBe(false);
    }
  });

  it('refuses a path parameter that would make the path protocol-relative', () => {
    // The value is encoded, so "/" cannot appear; an empty-looking template is still caught.
    const prepared = prepare({ method: 'GET', path: '/{id}', params: { id: '/evil.test' } });
    expect(new URL(prepared.url).host).toBe('api.vendor.test');
    expect(thrown(() => prepare({ method: 'GET', path: '{host}/x', params: { host: 'evil' } })).code).toBe('VALIDATION_FAILED');
  });

  it('resolves dot segments, raw or percent-encoded in any case, and refuses a path that leaves the base path', () => {
    const base = new URL('https://api.vendor.test/api/v3');
    for (const path of ['/../admin', '/%2e%2e/admin', '/%2E%2E/admin', '/.%2e/admin', '/%2e./admin', '/x/../../admin', '/x/%2e%2E/%2E./admin']) {
      const error = thrown(() => prepare({ method: 'GET', path }, base));
      expect(error.code, path).toBe('VALIDATION_FAILED');
    }
    expect(prepare({ method: 'GET', path: '/x/../users/%2e/me' }, base).url).toBe('https://api.vendor.test/api/v3/users/me');
    expect(prepare({ method: 'GET', path: '/files/a..b' }, base).url).toBe('https://api.vendor.test/api/v3/files/a..b');
    // An encoded slash keeps a value inside its segment: data, not a path step.
    expect(prepare({ method: 'GET', path: '/issue/{key}', params: { key: 'PB 99/../x' } }, base).url).toBe('https://api.vendor.test/api/v3/issue/PB%2099%2F..%2Fx');
    expect(prepare({ method: 'GET', path: '/../x' }).url).toBe('https://api.vendor.test/x');
  });

  it('refuses a "#" in the path instead of silently dropping the query behind it', () => {
    const error = thrown(() => prepare({ method: 'GET', path: '/search#frag', query: { q: 'x' } }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(prepare({ method: 'GET', path: '/search/{term}', params: { term: 'a#b', q: 'x' } }).url).toBe('https://api.vendor.test/search/a%23b?q=x');
  });

  it('treats header names case-insensitively and refuses transport-owned names and invalid values before sending', () => {
    for (const name of ['HOST', 'hOsT', 'Host', 'Content-Length', 'TRANSFER-ENCODING', 'Connection']) {
      expect(thrown(() => prepare({ method: 'GET', path: '/x', headers: { [name]: 'evil.test' } })).code, name).toBe('VALIDATION_FAILED');
    }
    for (const value of ['a\r\nX-Injected: 1', 'a\nb', 'nul\u0000', 'snow \u2603']) {
      expect(thrown(() => prepare({ method: 'GET', path: '/x', headers: { 'x-note': value } })).code, value).toBe('VALIDATION_FAILED');
    }
    expect(thrown(() => prepare({ method: 'GET', path: '/x', headers: { 'bad name': 'v' } })).code).toBe('VALIDATION_FAILED');
    expect(prepare({ method: 'GET', path: '/x', headers: { 'X-Note': 'caf\u00e9', ACCEPT: 'text/plain' } }).headers).toEqual({ accept: 'text/plain', 'x-note': 'caf\u00e9' });
  });
});

describe('prepareRequest with queryParams', () => {
  it('sends the named params in the query string and the rest in the body of a body method', () => {
    const prepared = prepare({
      method: 'PUT',
      path: '/issues/{key}',
      params: { key: 'PB-1', notifyUsers: false, expand: ['a', 'b'], fields: { summary: 'S' } },
      queryParams: ['notifyUsers', 'expand'],
      arrayFormat: 'comma',
    });
    expect(prepared.url).toBe('https://api.vendor.test/issues/PB-1?notifyUsers=false&expand=a,b');
    expect(JSON.parse(prepared.body as string)).toEqual({ fields: { summary: 'S' } });
  });

  it('sends no body when every remaining param goes to the query, and keeps a __proto__ key plain', () => {
    const onlyQuery = prepare({ method: 'POST', path: '/x', params: { a: 1 }, queryParams: ['a'] });
    expect(onlyQuery.url).toBe('https://api.vendor.test/x?a=1');
    expect(onlyQuery.body).toBeUndefined();
    const params = JSON.parse('{"__proto__": {"polluted": true}, "b": 2}') as Record<string, unknown>;
    const withProto = prepare({ method: 'POST', path: '/x', params, queryParams: ['b'] });
    expect(JSON.parse(withProto.body as string)).toEqual(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
