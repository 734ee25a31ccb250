/**
 * Reads a dotted path (`response_metadata.next_cursor`, `items`) out of a value; `undefined` when
 * absent. A `-1` segment on an array is its last element (`data.-1.id`: the last item's id).
 */
export function readPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '') return value;
  let current = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (Array.isArray(current) && segment === '-1') current = current.at(-1);
    else current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}
