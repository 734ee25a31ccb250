import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it('reads every relation, quoted or not, with several names per link', () => {
    const header = '<https://api.test/x?page=2>; rel="next", <https://api.test/x?page=9>; rel=last, <https://api.test/x?page=1>; rel="first prev"';
    expect(parseLinkHeader(header)).toEqual({
      next: 'https://api.test/x?page=2',
      last: 'https://api.test/x?page=9',
      first: 'https://api.test/x?page=1',
      prev: 'https://api.test/x?page=1',
    });
    expect(parseLinkHeader('<https://api.test/y>; title="a"; REL="next"')).toEqual({ next: 'https://api.test/y' });
  });

  it('ignores links without a relation and malformed parts', () => {
    expect(parseLinkHeader('<https://api.test/a>, garbage, <https://api.test/b>; rel="next"')).toEqual({ next: 'https://api.test/b' });
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('<unterminated; rel="next"')).toEqual({});
  });

  it('parses hostile headers in time linear in their length', () => {
    // At this size a quadratic parser needs about 10^11 steps (hours); a linear one, milliseconds.
    // The test's bound separates the two by orders of magnitude, whatever the machine.
    const size = 1_000_000;
    const hostile = ['<'.repeat(size), `${'<a>;rel=x'.repeat(size / 10)}`, `<${'a'.repeat(size)}`, `${'<>'.repeat(size / 2)};rel=next`];
    for (const header of hostile) {
      const links = parseLinkHeader(header);
      expect(typeof links).toBe('object');
    }
    expect(parseLinkHeader(`${'<>'.repeat(size / 2)};rel=next`).next).toBe('');
  }, 60_000);
});
