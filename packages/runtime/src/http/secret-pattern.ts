/**
 * One regular expression that finds any of a list of secrets however a server wrote it back: in
 * any letter case, percent-encoded with upper- or lower-case hex (`%2F`, `%2f`, `+` for a space),
 * JSON-escaped (`\/`, `\u0041`, `\"`, `\\`), or any mix of these character by character. A
 * vendor echoing a token inside a JSON string, a query string or an upper-cased log line still
 * matches; an exact-string search would miss each of them.
 *
 * Compiled once per list of secrets (a client keeps one list until a refresh replaces it) and
 * remembered by the identity of that list.
 */
export function secretPattern(secrets: readonly string[]): RegExp | undefined {
  if (secrets.length === 0) return undefined;
  let pattern = compiled.get(secrets);
  if (pattern === undefined) {
    // Longest first: a secret that contains another (a token and its prefix) must go whole, or the
    // shorter one's replacement would leave the rest of the longer one readable.
    const ordered = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
    pattern = ordered.length === 0 ? null : new RegExp(ordered.map(secretSource).join('|'), 'gi');
    compiled.set(secrets, pattern);
  }
  return pattern ?? undefined;
}

// A memo keyed by list identity: it holds nothing a list's owner does not already hold, and goes
// with the list.
const compiled = new WeakMap<readonly string[], RegExp | null>();

function secretSource(secret: string): string {
  let source = '';
  for (const character of secret) source += characterSource(character);
  return source;
}

/** Every way one character of a secret may be written back. */
function characterSource(character: string): string {
  const alternatives = [escapeRegExp(character)];
  const bytes = Buffer.from(character, 'utf8');
  // The `i` flag matches both hex cases, and both cases of a letter.
  alternatives.push([...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
  const codePoint = character.codePointAt(0)!;
  if (codePoint <= 0xffff) alternatives.push(`\\\\u${codePoint.toString(16).padStart(4, '0')}`);
  else {
    const high = Math.floor((codePoint - 0x10000) / 0x400) + 0xd800;
    const low = ((codePoint - 0x10000) % 0x400) + 0xdc00;
    alternatives.push(`\\\\u${high.toString(16)}\\\\u${low.toString(16)}`);
  }
  if (character === '/' || character === '"' || character === '\\') alternatives.push(`\\\\${escapeRegExp(character)}`);
  if (character === ' ') alternatives.push('\\+');
  return `(?:${alternatives.join('|')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
