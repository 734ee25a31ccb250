import { describe, expect, it } from 'vitest';
import { sampleValue } from './sample-value.js';

describe('sampleValue', () => {
  it('gives a patterned string a plain candidate that matches, a commit SHA for a hex pattern', () => {
    expect(sampleValue({ type: 'string', pattern: '^[a-z]+$' }, {})).toBe('sample');
    expect(sampleValue({ type: 'string', minLength: 40, maxLength: 64, pattern: '^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$' }, {})).toBe('a'.repeat(40));
  });

  it('makes up nothing when no candidate matches the pattern, so the caller is told', () => {
    expect(sampleValue({ type: 'string', pattern: '^ssh-ed25519 ' }, {})).toBeUndefined();
  });

  it('skips an empty default that its format refuses', () => {
    expect(sampleValue({ type: 'string', format: 'uri', default: '' }, {})).toBe('https://example.com/');
    expect(sampleValue({ type: 'string', default: '' }, {})).toBe('');
  });
});
