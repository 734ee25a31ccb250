import type { RedactedRequest } from '@patchbay/contract';
import { secretPattern } from './secret-pattern.js';

const REDACTED = '[REDACTED]';
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);
const SENSITIVE_QUERY = /^(access_token|refresh_token|token|api_?key|key|secret|client_secret|password|signature|sig|code)$/i;

/**
 * The request as it may be stored on an error or written to a log: credential headers, token query
 * parameters and any literal secret value replaced.
 */
export function redactRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  secrets: readonly string[],
  extraSensitive: readonly string[] = [],
): RedactedRequest {
  const sensitive = new Set(extraSensitive.map((name) => name.toLowerCase()));
  const safeHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    safeHeaders[lower] = SENSITIVE_HEADERS.has(lower) || sensitive.has(lower) ? REDACTED : redactText(value, secrets);
  }
  return { method, url: redactUrl(url, secrets, sensitive), headers: safeHeaders };
}

function redactUrl(url: string, secrets: readonly string[], sensitive: Set<string>): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = REDACTED;
      parsed.password = '';
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (SENSITIVE_QUERY.test(key) || sensitive.has(key.toLowerCase())) parsed.searchParams.set(key, REDACTED);
    }
    return redactText(parsed.toString(), secrets);
  } catch {
    return redactText(url, secrets);
  }
}

/**
 * Whether a piece of text holds a secret value in any encoding a server may write it back in:
 * any letter case, percent-encoded (either hex case, `+` for a space), JSON-escaped (`\/`,
 * `\u0041`). The text is decoded and lower-cased once and searched for each secret, which costs a
 * few string operations per response and keeps no compiled pattern per connection.
 */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  if (secrets.length === 0 || text.length === 0) return false;
  const plain = decodedForSearch(text);
  const spaced = text.includes('+') ? plain.replaceAll('+', ' ') : undefined;
  for (const secret of lowered(secrets)) {
    if (plain.includes(secret) || (spaced !== undefined && spaced.includes(secret))) return true;
  }
  return false;
}

/**
 * Replaces every occurrence of a secret value, in any encoding {@link containsSecret} finds. Text
 * that still holds a secret after the replacement (encodings layered in a way the pattern does
 * not follow) is withheld whole rather than returned with the secret readable.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  if (!containsSecret(text, secrets)) return text;
  const pattern = secretPattern(secrets);
  const replaced = pattern === undefined ? text : text.replace(pattern, REDACTED);
  return containsSecret(replaced, secrets) ? REDACTED : replaced;
}

/** JSON escapes, then percent-encoding undone, lower-cased: the forms a secret is searched in. */
function decodedForSearch(text: string): string {
  let decoded = text;
  if (decoded.includes('\\')) {
    decoded = decoded.replace(/\\u([0-9a-fA-F]{4})|\\([\\/"])/g, (_match, hex: string | undefined, escaped: string | undefined) =>
      hex === undefined ? escaped! : String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
  if (decoded.includes('%')) decoded = decoded.replace(/(?:%[0-9a-fA-F]{2})+/g, percentDecoded);
  return decoded.toLowerCase();
}

function percentDecoded(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // Not UTF-8: each byte as the character of that code, as a server writing Latin-1 would mean.
    return run.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
}

// Lower-cased copies of each secret list, kept with the list (a client keeps one until a refresh).
const loweredLists = new WeakMap<readonly string[], string[]>();

function lowered(secrets: readonly string[]): string[] {
  let list = loweredLists.get(secrets);
  if (list === undefined) loweredLists.set(secrets, (list = [...new Set(secrets.map((secret) => secret.toLowerCase()))]));
  return list;
}

/**
 * Copy of a value with every secret replaced in its strings (keys included). Iterative, so a body
 * nested thousands of levels deep cannot overflow the stack, and safe for hostile keys: an own
 * `__proto__` key stays a plain property of the copy instead of replacing its prototype. Shared
 * and cyclic references are copied once.
 */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copies = new Map<object, unknown>();
  const pending: { source: object; copy: Record<string, unknown> | unknown[] }[] = [];
  const copyOf = (item: unknown): unknown => {
    if (typeof item === 'string') return redactText(item, secrets);
    if (typeof item !== 'object' || item === null) return item;
    let copy = copies.get(item);
    if (copy === undefined) {
      copy = Array.isArray(item) ? new Array<unknown>(item.length) : {};
      copies.set(item, copy);
      pending.push({ source: item, copy: copy as Record<string, unknown> | unknown[] });
    }
    return copy;
  };
  const root = copyOf(value);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { source, copy } = next;
    if (Array.isArray(copy)) {
      const items = source as unknown[];
      for (let index = 0; index < items.length; index++) copy[index] = copyOf(items[index]);
    } else {
      for (const key of Object.keys(source)) {
        defineOwn(copy, redactText(key, secrets), copyOf((source as Record<string, unknown>)[key]));
      }
    }
  }
  return root as T;
}

/** Sets an own, enumerable property, even one named `__proto__`. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  else target[key] = value;
}

// Identifiers and timestamps stored beside secrets: scrubbing them would corrupt results that
// legitimately contain them (an account SID in every Twilio URL, a user's own email).
const NON_SECRET_FIELDS = new Set([
  'expiresat', 'expires_at', 'expiresin', 'expires_in', 'tokentype', 'token_type', 'scope', 'scopes',
  'username', 'email', 'clientid', 'client_id', 'accountsid', 'account_sid', 'site', 'region',
]);

/**
 * Credential values worth scrubbing: every secret-bearing string of four characters or more, plus
 * the Basic `Authorization` tokens made from them (base64 of `identifier:secret`, as Twilio's and
 * Stripe's Basic auth and OAuth2's `client_secret_basic` send), which a server may echo back
 * whole and which no search for the secret itself would find.
 */
export function collectSecrets(credentials: Record<string, unknown>): string[] {
  const secrets: string[] = [];
  const identifiers: string[] = [];
  const visit = (value: unknown, key: string, depth: number) => {
    if (typeof value === 'string') {
      if (NON_SECRET_FIELDS.has(key.toLowerCase())) identifiers.push(value);
      else if (value.length >= 4) secrets.push(value);
    } else if (typeof value === 'object' && value !== null && depth < 8 && !NON_SECRET_FIELDS.has(key.toLowerCase())) {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey, depth + 1);
    }
  };
  visit(credentials, '', 0);
  const basicTokens = new Set<string>();
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  // A handful of fields in practice; the bound keeps a pathological credential object cheap.
  const users = [...identifiers, ...secrets].slice(0, 16);
  for (const secret of secrets.slice(0, 16)) {
    basicTokens.add(base64(secret));
    basicTokens.add(base64(`${secret}:`));
    for (const user of users) {
      if (user === secret) continue;
      basicTokens.add(base64(`${user}:${secret}`));
      basicTokens.add(base64(`${encodeURIComponent(user)}:${encodeURIComponent(secret)}`));
    }
  }
  return [...secrets, ...basicTokens];
}
