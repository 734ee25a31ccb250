/** A decoded Stripe parameter: text, or nested objects and arrays of them. */
export type StripeParam = string | StripeParam[] | { [key: string]: StripeParam };
export type StripeParams = Record<string, StripeParam>;

/**
 * Decodes a form body or query string the way Stripe reads it: `metadata[plan]=pro` is an object,
 * `items[0][price]=price_1` an array of objects, `expand[]=customer` an array. Values stay text,
 * as on the wire; each handler converts the fields it knows.
 */
export function parseStripeParams(encoded: string): StripeParams {
  const root: Record<string, StripeParam> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((segment) => segment[1]!)];
    assign(root, path, value);
  }
  return toArrays(root) as StripeParams;
}

function assign(target: Record<string, StripeParam>, path: string[], value: string): void {
  let node: Record<string, StripeParam> = target;
  for (let index = 0; index < path.length - 1; index++) {
    let segment = path[index]!;
    if (segment === '') segment = String(Object.keys(node).length);
    const child = node[segment];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) node[segment] = {};
    node = node[segment] as Record<string, StripeParam>;
  }
  const last = path[path.length - 1]!;
  node[last === '' ? String(Object.keys(node).length) : last] = value;
}

/** Objects whose keys are exactly 0..n-1 become arrays (`items[0]`, `items[1]`, `expand[]`). */
function toArrays(value: StripeParam): StripeParam {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, toArrays(value[key]!)]));
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
  return isList ? keys.map((key) => converted[key]!) : converted;
}
