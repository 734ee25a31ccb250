import fc from 'fast-check';

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * Adds an own `__proto__`, `constructor` or `prototype` key (with a payload that would pollute
 * `Object.prototype` if merged naively) to objects, top level or one level down. JSON.parse creates
 * such keys as own properties, exactly as a request body from an attacker would.
 */
export function withPrototypeKeys(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(base, fc.constantFrom(...DANGEROUS_KEYS), fc.boolean()).map(([value, key, nested]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const payload = key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes"}';
    const text = JSON.stringify(value);
    const injected = text === '{}' ? `{"${key}":${payload}}` : `{"${key}":${payload},${text.slice(1)}`;
    const parsed = JSON.parse(injected) as Record<string, unknown>;
    const first = Object.keys(parsed).find((name) => typeof parsed[name] === 'object' && parsed[name] !== null && !DANGEROUS_KEYS.includes(name as never));
    if (nested && first !== undefined) {
      parsed[first] = JSON.parse(`{"${key}":${payload}}`);
    }
    return parsed;
  });
}
