import { createSchemaCompiler, type JSONSchema } from '@patchbay/contract';
import type { ConnectorPlan, PlannedOperation } from './connector-plan.js';
import { sampleInput } from './sample-input.js';

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** One operation call with valid input, and the request it must produce. */
export interface ExampleCall {
  operation: PlannedOperation;
  input: Record<string, unknown>;
  expected: { method: string; path: string; query: Record<string, string>; json: unknown };
}

/**
 * The call the generated test and README use: the first operation (reads first) for which a valid
 * sample input can be made, checked against its schema with the contract's compiler.
 */
export function exampleCall(plan: ConnectorPlan): ExampleCall {
  const compiler = createSchemaCompiler();
  const ordered = [...plan.operations].sort((a, b) => rank(a) - rank(b));
  for (const operation of ordered.slice(0, 200)) {
    const schema = withDefinitions(operation.inputSchema, operation.definitions.input, plan.definitions);
    const input = sampleInput(schema, plan.definitions);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) continue;
    if (compiler.compile(schema)(input) !== null) continue;
    return { operation, input: input as Record<string, unknown>, expected: expectedRequest(operation, input as Record<string, unknown>, plan.baseUrl) };
  }
  const operation = plan.operations[0]!;
  return { operation, input: {}, expected: expectedRequest(operation, {}, plan.baseUrl) };
}

function rank(operation: PlannedOperation): number {
  const bodyless = operation.placement?.bodyType === undefined ? 0 : 2;
  return (operation.method === 'GET' ? 0 : 1) + bodyless;
}

function withDefinitions(schema: JSONSchema, names: string[], definitions: Record<string, JSONSchema>): JSONSchema {
  return names.length === 0 ? schema : { ...schema, $defs: Object.fromEntries(names.map((name) => [name, definitions[name]!])) };
}

/** What the runtime sends for `input`: the same split the generated handler asks for. */
function expectedRequest(operation: PlannedOperation, input: Record<string, unknown>, baseUrl: string): ExampleCall['expected'] {
  const rest: Record<string, unknown> = { ...input };
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value));
  });
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const query: Record<string, string> = {};
  let json: unknown;
  const placement = operation.placement;
  if (placement) {
    for (const [field, name] of Object.entries(placement.query ?? {})) addQuery(query, name, input[field]);
    if (typeof placement.body === 'string') json = input[placement.body];
    else if (placement.body) json = Object.fromEntries(placement.body.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
  } else if (QUERY_METHODS.has(operation.method)) {
    for (const [name, value] of Object.entries(rest)) addQuery(query, name, value);
  } else if (Object.keys(rest).length > 0) {
    json = rest;
  }
  return { method: operation.method, path: `${basePath}${path}`, query, json };
}

// Only scalars: how arrays and objects are spelled in a query string is the runtime's business.
function addQuery(query: Record<string, string>, name: string, value: unknown): void {
  if (['string', 'number', 'boolean'].includes(typeof value)) query[name] = String(value);
}
