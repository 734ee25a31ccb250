import type { ArrayFormat, QueryValue } from './request-options.js';

/**
 * Serializes nested values the way most form-encoded APIs read them: `a[b]=1`, `items[0][price]=x`
 * (Stripe, Rails, PHP), skipping `undefined` and `null`.
 */
export function encodeUrlParameters(values: Record<string, unknown>, arrayFormat: ArrayFormat = 'repeat'): string {
  const pairs: string[] = [];
  for (const key of Object.keys(values)) append(pairs, key, values[key], arrayFormat);
  return pairs.join('&');
}

function append(pairs: string[], key: string, value: unknown, arrayFormat: ArrayFormat): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (arrayFormat === 'comma') {
      pairs.push(`${encodeURIComponent(key)}=${value.map((item) => encodeURIComponent(scalar(item))).join(',')}`);
      return;
    }
    value.forEach((item, index) => {
      const itemKey = arrayFormat === 'repeat' ? key : arrayFormat === 'brackets' ? `${key}[]` : `${key}[${index}]`;
      append(pairs, itemKey, item, arrayFormat);
    });
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    for (const child of Object.keys(value)) {
      append(pairs, `${key}[${child}]`, (value as Record<string, unknown>)[child], arrayFormat);
    }
    return;
  }
  pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(scalar(value))}`);
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value as QueryValue);
}
