/** Parses an RFC 8288 `Link` header into a map of relation to URL. */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!match) continue;
    const relation = /rel="?([^";]+)"?/.exec(match[2]!)?.[1];
    if (relation) for (const name of relation.trim().split(/\s+/)) links[name] = match[1]!;
  }
  return links;
}
