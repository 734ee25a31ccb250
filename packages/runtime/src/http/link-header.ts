/**
 * Parses an RFC 8288 `Link` header into a map of relation to URL. One pass with `indexOf`, no
 * backtracking regex: a malformed header from a hostile server (thousands of `<` without a `>`)
 * costs time linear in its length.
 */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  let position = 0;
  while (position < header.length) {
    const open = header.indexOf('<', position);
    if (open === -1) break;
    const close = header.indexOf('>', open + 1);
    if (close === -1) break;
    const next = header.indexOf('<', close + 1);
    // The parameters of this link run to the first comma before the next `<` (or to the end).
    const rest = header.slice(close + 1, next === -1 ? header.length : next);
    const comma = rest.indexOf(',');
    const relations = relationOf(comma === -1 ? rest : rest.slice(0, comma));
    const target = header.slice(open + 1, close);
    if (relations && !target.includes('<')) for (const name of relations.trim().split(/\s+/)) if (name) links[name] = target;
    position = next === -1 ? header.length : next;
  }
  return links;
}

function relationOf(parameters: string): string | undefined {
  for (const parameter of parameters.split(';')) {
    const separator = parameter.indexOf('=');
    if (separator === -1 || parameter.slice(0, separator).trim().toLowerCase() !== 'rel') continue;
    const value = parameter.slice(separator + 1).trim();
    return value.startsWith('"') ? value.slice(1, value.endsWith('"') && value.length > 1 ? -1 : undefined) : value;
  }
  return undefined;
}
