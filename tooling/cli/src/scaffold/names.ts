/** `my-api` → `MyApi`: the prefix of a connector's class and module names. */
export function pascalCase(name: string): string {
  return words(name)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `my-api` → `myApi`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `My API` → `my-api`: a connector id (lowercase letters, digits and dashes). */
export function kebabCase(name: string): string {
  return words(name)
    .map((word) => word.toLowerCase())
    .join('-');
}

/** `my-api` → `My Api`: a display name when none is given. */
export function titleCase(name: string): string {
  return words(name)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export const CONNECTOR_ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Operation ids are dotted identifiers, e.g. `issues.create` or `issues.createComment`. */
export const OPERATION_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}
