import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpGuardOptions {
  /** The bearer token every request must carry. */
  token: string;
  /** Origins a browser page may call from; the server's own loopback origins are always allowed. */
  allowedOrigins: readonly string[];
  /** Host header values accepted; undefined accepts any (a server bound beyond loopback, behind its own proxy). */
  allowedHosts: readonly string[] | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * Checks one request before the MCP transport sees it: a page on another origin, or a name
 * re-bound to 127.0.0.1 (DNS rebinding), is refused with 403 whatever its token; a missing or
 * wrong bearer token gets 401.
 */
export function checkRequest(headers: IncomingHttpHeaders, options: HttpGuardOptions): GuardVerdict {
  const origin = headers.origin;
  if (origin !== undefined && !options.allowedOrigins.includes(origin)) return { ok: false, status: 403, message: `Origin ${origin} is not allowed` };
  const host = headers.host;
  if (options.allowedHosts !== undefined && (host === undefined || !options.allowedHosts.includes(host.toLowerCase()))) {
    return { ok: false, status: 403, message: 'Host is not allowed' };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (!match || !sameSecret(match[1]!, options.token)) return { ok: false, status: 401, message: 'A valid bearer token is required' };
  return { ok: true };
}

// Hashing first gives both sides one length, so the comparison leaks neither content nor length.
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
