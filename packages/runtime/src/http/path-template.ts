import { PatchbayError } from '@patchbay/contract';

const PLACEHOLDER = /\{([^}]+)\}/g;

/**
 * Fills `{name}` placeholders from `params`, URL-encoding each value, and returns the rest of the
 * params so path values are never repeated in the body or query.
 */
export function fillPathTemplate(
  template: string,
  params: Record<string, unknown> | undefined,
): { path: string; rest: Record<string, unknown> } {
  if (!template.includes('{')) return { path: template, rest: params ?? {} };
  const used: string[] = [];
  const path = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new PatchbayError({
        code: 'CONNECTOR_ERROR',
        message: `Path parameter "${name}" of ${template} has no value`,
      });
    }
    // "." and ".." survive encoding and URL parsers resolve them as dot segments, so such a value
    // would move the request to another endpoint, or above the base URL's path prefix.
    if (/^\.{1,2}$/.test(String(value))) {
      throw new PatchbayError({
        code: 'VALIDATION_FAILED',
        message: `Path parameter "${name}" of ${template} cannot be "." or ".."`,
      });
    }
    used.push(name);
    return encodeURIComponent(String(value));
  });
  // Built without `delete`, which would turn the object into a slow dictionary on the hot path;
  // `fromEntries` defines keys as data, so an own `__proto__` key stays a plain key.
  const rest = Object.fromEntries(Object.entries(params ?? {}).filter(([key]) => !used.includes(key)));
  return { path, rest };
}
