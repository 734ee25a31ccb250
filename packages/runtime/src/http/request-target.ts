import { PatchbayError } from '@patchbay/contract';

// Headers the transport computes or that would re-route the request: a caller who sets them could
// smuggle a second request or reach another virtual host. Compared lower-cased, so `HOST`, `hOsT`
// and `Host` are one name.
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer']);
// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values are latin1 text without CR, LF or NUL (obs-text allowed, as undici allows it).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Refuses a path that would leave the base URL's path once dot segments are resolved: `/../admin`,
 * `/%2e%2e/admin` and `/.%2E/admin` all reach `/admin` under WHATWG URL parsing (which `url`
 * already went through), so the check is on the parsed path, not the text the caller wrote. An
 * encoded slash (`..%2F`) stays inside its segment, as URL parsing defines it: a path value is
 * data, and `PB 99/../x` is a Jira key that must reach Jira as one segment.
 */
export function assertWithinBasePath(url: URL, basePath: string, path: string): void {
  const pathname = url.pathname;
  if (basePath === '' || pathname === basePath || pathname.startsWith(`${basePath}/`)) return;
  throw new PatchbayError({
    code: 'VALIDATION_FAILED',
    message: `Request path ${JSON.stringify(path.slice(0, 100))} leaves the connection's base path ${basePath} (nothing was sent)`,
  });
}

/** A `#` would turn the rest of the path, and the query appended after it, into a fragment that is never sent. */
export function assertNoFragment(path: string): void {
  if (!path.includes('#')) return;
  throw new PatchbayError({
    code: 'VALIDATION_FAILED',
    message: `Request path ${JSON.stringify(path.slice(0, 100))} contains "#"; encode it as %23 (nothing was sent)`,
  });
}

/**
 * Copies caller headers onto `headers` under lower-cased names, refusing names the transport owns
 * and values undici would reject later: as a validation failure before sending, not a network
 * error that gets retried.
 */
export function assignRequestHeaders(headers: Record<string, string>, extra: Record<string, string>): void {
  for (const name in extra) {
    const value = extra[name];
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw invalidHeader(`header name ${JSON.stringify(name.slice(0, 100))} is not a valid token`);
    if (FORBIDDEN_HEADERS.has(lower)) throw invalidHeader(`header ${JSON.stringify(name)} is set by the transport and cannot be overridden`);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      throw invalidHeader(`header ${JSON.stringify(name)} has a value with line breaks, NUL or characters outside latin1`);
    }
    headers[lower] = value;
  }
}

function invalidHeader(reason: string): PatchbayError {
  return new PatchbayError({ code: 'VALIDATION_FAILED', message: `Request ${reason} (nothing was sent)` });
}
