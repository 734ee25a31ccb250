import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';

/** The parts of a connector module the schema stand-in reads, so this package needs no contract dependency. */
export interface SchemaStandInModule {
  operations: Record<string, { http?: { method: string; path: string }; outputSchema?: object }>;
  $defs?: Record<string, object>;
}

export interface SchemaStandInOptions extends StandInOptions {
  /** A deterministic value valid against `schema`, its `$ref`s resolved in `definitions`; `undefined` when none can be made up. */
  sample(schema: object, definitions: Record<string, object>): unknown;
}

interface Route {
  operation: string;
  method: string;
  pattern: RegExp;
  literals: number;
  body: unknown;
}

/**
 * A stand-in for a vendor known only by its connector: each request is matched against the
 * operations' `http.method` and `http.path` templates and answered with a sample of the operation's
 * `outputSchema` (a single page, no `Link` header), or 204 when it has none. Samples are made once,
 * up front, so every answer is the same and an operation that cannot be sampled is named at start.
 */
export async function startSchemaStandIn(module: SchemaStandInModule, options: SchemaStandInOptions): Promise<StandIn> {
  const definitions = module.$defs ?? {};
  const routes: Route[] = [];
  const unsampled: string[] = [];
  for (const [operation, definition] of Object.entries(module.operations)) {
    if (definition.http === undefined) continue;
    const body = definition.outputSchema === undefined ? undefined : options.sample(definition.outputSchema, definitions);
    if (definition.outputSchema !== undefined && body === undefined) unsampled.push(operation);
    const segments = definition.http.path.split('/');
    const pattern = new RegExp(`^${segments.map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : escapeRegExp(segment))).join('/')}/?$`);
    routes.push({ operation, method: definition.http.method.toUpperCase(), pattern, literals: segments.filter((segment) => !segment.startsWith('{')).length, body });
  }
  if (unsampled.length > 0) throw new Error(`no sample value fits the outputSchema of ${unsampled.join(', ')}`);
  // A literal segment beats a parameter, so /issues/comments is not taken for /issues/{issue_number}.
  routes.sort((a, b) => b.literals - a.literals);

  return startStandIn((request) => {
    const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(request.path));
    if (route === undefined) return { status: 404, body: { message: `no operation answers ${request.method} ${request.path}` } };
    return route.body === undefined ? { status: 204 } : { status: 200, body: route.body };
  }, options);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
