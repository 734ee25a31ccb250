/**
 * One regular expression that finds any of a list of secrets however a server wrote it back: in
 * any letter case, percent-encoded with upper- or lower-case hex (`%2F`, `%2f`, `+` for a space),
 * JSON-escaped (`\/`, `\u0041`, `\"`, `\\`), or any mix of these character by character. A
 * vendor echoing a token inside a JSON string, a query string or an upper-cased log line still
 * matches; an exact-string search would miss each of them.
 *
 * Built on demand and not kept: a secret list is per connection, and V8's compiled code for a
 * pattern this size weighs tens of kilobytes, which ten thousand connections would each hold.
 * Callers first ask {@link containsSecret}, which needs no pattern, so this runs only when a
 * secret was really echoed.
 */
export function secretPattern(secrets: readonly string[]): RegExp | undefined {
  // Longest first: a secret that contains another (a token and its prefix) must go whole, or the
  // shorter one's replacement would leave the rest of the longer one readable.
  const ordered = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  return ordered.length === 0 ? undefined : new RegExp(ordered.map(secretSource).join('|'), 'gi');
}

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
