import { createHash } from 'node:crypto';

/**
 * The key an item is delivered under: its value at the trigger's `dedupeKey` (a dotted path, as
 * the runtime reads it), or a hash of the whole item when it has none there.
 */
export function itemKey(item: unknown, dedupeKey: string | undefined): string {
  if (dedupeKey !== undefined) {
    let value: unknown = item;
    for (const part of dedupeKey.split('.')) {
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (typeof value === 'string' || typeof value === 'number') return `key:${value}`;
  }
  return `hash:${createHash('sha256').update(JSON.stringify(item) ?? 'undefined').digest('hex')}`;
}
