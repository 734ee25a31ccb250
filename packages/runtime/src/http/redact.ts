import type { RedactedRequest } from '@patchbay/contract';

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

/** Whether a piece of text holds a secret value, raw or URL-encoded: what {@link redactText} would replace. */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  for (const secret of secrets) {
    if (text.includes(secret)) return true;
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && text.includes(encoded)) return true;
  }
  return false;
}

/** Replaces every occurrence of a secret value, raw or URL-encoded, in a piece of text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  // Longest first: a secret that contains another (a token and its prefix) must go whole, or the
  // shorter one's replacement would leave the rest of the longer one readable.
  const ordered = secrets.length > 1 ? [...secrets].sort((a, b) => b.length - a.length) : secrets;
  for (const secret of ordered) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && result.includes(encoded)) result = result.split(encoded).join(REDACTED);
  }
  return result;
}

/** Deep copy of a JSON-like value with every secret replaced in strings; cheap when none is present. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, secrets);
    return copy as T;
  }
  return value;
}

// Identifiers and timestamps stored beside secrets: scrubbing them would corrupt results that
// legitimately contain them (an account SID in every Twilio URL, a user's own email).
const NON_SECRET_FIELDS = new Set([
  'expiresat', 'expires_at', 'expiresin', 'expires_in', 'tokentype', 'token_type', 'scope', 'scopes',
  'username', 'email', 'clientid', 'client_id', 'accountsid', 'account_sid', 'site', 'region',
]);

/** Credential values worth scrubbing: every secret-bearing string of four characters or more. */
export function collectSecrets(credentials: Record<string, unknown>): string[] {
  const secrets: string[] = [];
  const visit = (value: unknown, key: string) => {
    if (NON_SECRET_FIELDS.has(key.toLowerCase())) return;
    if (typeof value === 'string' && value.length >= 4) secrets.push(value);
    else if (typeof value === 'object' && value !== null) {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(credentials, '');
  return secrets;
}
