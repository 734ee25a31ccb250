import type { ConnectorCatalog, JSONSchema } from '@patchbay/contract';

export const REFERENCE_START = '<!-- patchbay:reference:start -->';
export const REFERENCE_END = '<!-- patchbay:reference:end -->';

/** The README's reference section, written from the catalog so the two cannot drift. */
export function renderReference(catalog: ConnectorCatalog): string {
  const lines: string[] = [REFERENCE_START, '', '## Reference', ''];
  lines.push(`Connector id \`${catalog.id}\`, contract \`${catalog.specificationVersion}\`.`, '');
  lines.push('### Auth', '', `Strategy: \`${catalog.auth.strategy}\`.`);
  const auth = catalog.auth as unknown as Record<string, unknown>;
  for (const key of ['authorizationUrl', 'tokenUrl', 'in', 'name', 'prefix']) {
    if (auth[key] !== undefined) lines.push(`- ${key}: \`${String(auth[key])}\``);
  }
  if (Array.isArray(auth.scopes)) lines.push(`- scopes: ${(auth.scopes as string[]).map((scope) => `\`${scope}\``).join(', ')}`);
  for (const alternative of catalog.auth.alternatives ?? []) {
    const described = alternative as unknown as Record<string, unknown>;
    lines.push(`- alternative: \`${alternative.strategy}\``);
    for (const key of ['authorizationUrl', 'tokenUrl']) {
      if (described[key] !== undefined) lines.push(`  - ${key}: \`${String(described[key])}\``);
    }
    if (Array.isArray(described.scopes)) lines.push(`  - scopes: ${(described.scopes as string[]).map((scope) => `\`${scope}\``).join(', ')}`);
  }
  const credentials = catalog.auth.credentialsSchema?.properties;
  if (credentials) {
    lines.push('', 'Credentials:', '');
    for (const [field, schema] of Object.entries(credentials)) lines.push(`- \`${field}\`${schema.description ? `: ${schema.description}` : ''}`);
  }
  lines.push('', '### Limits', '');
  lines.push(catalog.rateLimit ? `Per connection: ${describeRule(catalog.rateLimit)}.` : 'No default per-connection limit.');
  lines.push('', '### Operations', '', '| operation | kind | HTTP | required input | notes |', '|---|---|---|---|---|');
  for (const [id, operation] of Object.entries(catalog.operations)) {
    const http = operation.http ? `\`${operation.http.method} ${operation.http.path}\`` : '';
    const notes = [
      operation.idempotent ? 'idempotent' : '',
      operation.pagination ? `paginated (${operation.pagination.style}, \`${operation.pagination.cursorParam}\`)` : '',
      operation.paginationUnknown ? 'a list; paging unknown' : '',
      operation.rateLimit ? `limit ${describeRule(operation.rateLimit)}` : '',
      operation.trigger ? `${operation.trigger.type} trigger, deduplicated by \`${operation.trigger.dedupeKey}\`` : '',
      operation.deprecated ? 'deprecated' : '',
    ].filter(Boolean);
    lines.push(`| \`${id}\` | ${operation.kind} | ${http} | ${required(operation.inputSchema)} | ${notes.join('; ')} |`);
  }
  lines.push('', REFERENCE_END);
  return lines.join('\n');
}

/** Replaces the reference section of a README, or appends one. */
export function updateReadme(readme: string, catalog: ConnectorCatalog): string {
  const section = renderReference(catalog);
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start === -1 || end === -1) return `${readme.trimEnd()}\n\n${section}\n`;
  return `${readme.slice(0, start)}${section}${readme.slice(end + REFERENCE_END.length)}`;
}

function required(schema: JSONSchema): string {
  return (schema.required ?? []).map((name) => `\`${name}\``).join(', ') || '—';
}

function describeRule(rule: { limit?: number; intervalMs?: number; maxConcurrent?: number; minTimeMs?: number }): string {
  const parts: string[] = [];
  if (rule.limit !== undefined && rule.intervalMs !== undefined) parts.push(`${rule.limit} requests per ${rule.intervalMs / 1000} s`);
  if (rule.maxConcurrent !== undefined) parts.push(`${rule.maxConcurrent} at once`);
  if (rule.minTimeMs !== undefined) parts.push(`${rule.minTimeMs} ms apart`);
  return parts.join(', ');
}

/** Whether a README already has a reference section with something in it. */
export function hasReference(readme: string): boolean {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  return start !== -1 && end > start && readme.slice(start + REFERENCE_START.length, end).trim() !== '';
}
