import { PatchbayError } from '@patchbay/contract';

/**
 * Fills `{name}` placeholders from `params`, URL-encoding each value, and returns the rest of the
 * params so path values are never repeated in the body or query. A scan with `indexOf` rather
 * than a regex replace: it runs on every request.
 */
export function fillPathTemplate(
  template: string,
  params: Record<string, unknown> | undefined,
): { path: string; rest: Record<string, unknown> } {
  let open = template.indexOf('{');
  if (open === -1) return { path: template, rest: params ?? {} };
  const used: string[] = [];
  let path = '';
  let from = 0;
  while (open !== -1) {
    const close = template.indexOf('}', open + 1);
    if (close === -1) break;
    // `{}` names nothing and stays literal text.
    if (close > open + 1) {
      const name = template.slice(open + 1, close);
      path += template.slice(from, open) + encodeURIComponent(pathValue(template, name, params?.[name]));
      used.push(name);
      from = close + 1;
    }
    open = template.indexOf('{', close + 1);
  }
  path += template.slice(from);
  return { path, rest: withoutKeys(params, used) };
}

function pathValue(template: string, name: string, value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw new PatchbayError({ code: 'CONNECTOR_ERROR', message: `Path parameter "${name}" of ${template} has no value` });
  }
  const text = String(value);
  // "." and ".." survive encoding and URL parsers resolve them as dot segments, so such a value
  // would move the request to another endpoint, or above the base URL's path prefix.
  if (text === '.' || text === '..') {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `Path parameter "${name}" of ${template} cannot be "." or ".."` });
  }
  return text;
}

function withoutKeys(params: Record<string, unknown> | undefined, used: readonly string[]): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  if (!params) return rest;
  for (const key of Object.keys(params)) {
    if (used.includes(key)) continue;
    // An own `__proto__` key of the input stays a plain key; assigning it would set the prototype.
    if (key === '__proto__') Object.defineProperty(rest, key, { value: params[key], enumerable: true, configurable: true, writable: true });
    else rest[key] = params[key];
  }
  return rest;
}
