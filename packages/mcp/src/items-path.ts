import { isRecord } from './tool-schemas.js';

/** The value at a dotted path (`results`, `paging.items`), or `data` itself when there is no path. */
export function readItems(data: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '') return data;
  let current = data;
  for (const key of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `data` with the value at the dotted path replaced; `value` itself when there is no path. */
export function withItems(data: unknown, path: string | undefined, value: unknown): unknown {
  if (path === undefined || path === '') return value;
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const base = isRecord(data) ? data : {};
  return { ...base, [key]: withItems(base[key], rest.length === 0 ? undefined : rest.join('.'), value) };
}
