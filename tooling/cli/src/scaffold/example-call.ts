import { createSchemaCompiler, type JSONSchema, type OperationHttp, type SchemaCompiler } from '@patchbay/contract';
import { QUERY_METHODS, withDefinitions, type ConnectorPlan, type PlannedOperation } from './connector-plan.js';
import { sampleValue } from './sample-value.js';
import { testConnectionValues } from './test-credentials.js';

// Enough to find a usable operation in any real document without compiling a thousand schemas.
const CANDIDATES = 200;
/** Names for the field made up for an open body schema that names none, in order of preference. */
const OPEN_BODY_FIELDS = ['name', 'value'];

/** The request an example call must produce, as the generated test's stand-in records it. */
export interface ExpectedRequest {
  method: string;
  /** The path with the base URL's own path in front. */
  path: string;
  /** Scalar query parameters by wire name: how arrays and objects are spelled is the runtime's business. */
  query: Record<string, string>;
  /** Headers the operation sets (its header fields, its static headers, its body's content type), by lower-case name. */
  headers: Record<string, string>;
  /** The body: JSON, the scalar fields of a form, or text; absent when nothing is sent. */
  body?: { json: unknown } | { form: Record<string, string> } | { text: string };
}

/** One operation call with valid input, a response its output schema accepts, and the request it must produce. */
export interface ExampleCall {
  operation: PlannedOperation;
  input: Record<string, unknown>;
  /** What the stand-in answers: a sample of the operation's outputSchema. */
  response: unknown;
  expected: ExpectedRequest;
}

/** An input the operation's schema refuses, and the JSON pointer of a field it names. */
export interface InvalidCall {
  operation: PlannedOperation;
  input: Record<string, unknown>;
  pointer: string;
}

export interface ExampleCalls {
  /** The call the README and the error tests use: the first operation (reads first) that can be sampled. */
  main: ExampleCall;
  /** The calls whose request the generated test checks: the main one, then one that sends a body if the main one does not. */
  requests: ExampleCall[];
  /** Absent when no sampled operation refuses any object (an open schema without required fields). */
  invalid?: InvalidCall;
}

/**
 * The calls the generated test and README make, each checked with the contract's compiler: its
 * input against the input schema, the stand-in's response against the output schema, so the
 * test harness's output check passes too.
 */
export function exampleCalls(plan: ConnectorPlan): ExampleCalls {
  const compiler = createSchemaCompiler();
  const owned = testConnectionValues(plan);
  const ordered = [...plan.operations].sort((a, b) => rank(a) - rank(b));
  const main = firstCall(ordered.slice(0, CANDIDATES), plan, compiler, owned, () => true) ?? fallbackCall(plan, owned);
  const requests = [main];
  if (main.expected.body === undefined) {
    const bodies = ordered.filter((operation) => operation !== main.operation && sendsBody(operation.http)).slice(0, CANDIDATES);
    const withBody = firstCall(bodies, plan, compiler, owned, (call) => call.expected.body !== undefined);
    if (withBody) requests.push(withBody);
  }
  const result: ExampleCalls = { main, requests };
  const invalid = invalidCall(requests, plan, compiler);
  if (invalid) result.invalid = invalid;
  return result;
}

/** Reads first, JSON before other bodies: the simplest call to read in a README. */
function rank(operation: PlannedOperation): number {
  const json = operation.http.bodyType === undefined || operation.http.bodyType === 'json' ? 0 : 2;
  return (operation.http.method === 'GET' ? 0 : 1) + json;
}

function sendsBody(http: OperationHttp): boolean {
  return !QUERY_METHODS.has(http.method) || http.bodyParam !== undefined;
}

function firstCall(
  operations: PlannedOperation[],
  plan: ConnectorPlan,
  compiler: SchemaCompiler,
  owned: Record<string, string>,
  accept: (call: ExampleCall) => boolean,
): ExampleCall | undefined {
  for (const operation of operations) {
    const call = sampleCall(operation, plan, compiler, owned);
    if (call && accept(call)) return call;
  }
  return undefined;
}

function sampleCall(operation: PlannedOperation, plan: ConnectorPlan, compiler: SchemaCompiler, owned: Record<string, string>): ExampleCall | undefined {
  // A multipart body's boundary is chosen per request, so there is no fixed body to expect.
  if (operation.http.bodyType === 'multipart') return undefined;
  const inputSchema = withDefinitions(operation.inputSchema, operation.definitions.input, plan.definitions);
  const sample = sampleValue(inputSchema, plan.definitions);
  if (!isRecord(sample)) return undefined;
  const input = sendsBody(operation.http) ? withBodyField(operation, sample, plan.definitions) : sample;
  if (compiler.compile(inputSchema)(input) !== null) return undefined;
  let response: unknown = { ok: true };
  if (operation.outputSchema !== undefined) {
    const outputSchema = withDefinitions(operation.outputSchema, operation.definitions.output, plan.definitions);
    response = sampleValue(outputSchema, plan.definitions);
    if (response === undefined || compiler.compile(outputSchema)(response) !== null) return undefined;
  }
  return { operation, input, response, expected: expectedRequest(operation.http, input, plan.baseUrl, owned) };
}

/** The first operation with no input, when none can be sampled; its test shows the author what to fill in. */
function fallbackCall(plan: ConnectorPlan, owned: Record<string, string>): ExampleCall {
  const operation = plan.operations[0]!;
  return { operation, input: {}, response: { ok: true }, expected: expectedRequest(operation.http, {}, plan.baseUrl, owned) };
}

/**
 * The sample with one field more when nothing of it would reach the body (its required fields all
 * in the path): the first optional body field that can be sampled, or a made-up one for an open
 * schema, so the test proves the body is sent.
 */
function withBodyField(operation: PlannedOperation, input: Record<string, unknown>, definitions: Record<string, JSONSchema>): Record<string, unknown> {
  const http = operation.http;
  if (placeFields(http, input).payload !== undefined) return input;
  const properties = operation.inputSchema.properties ?? {};
  const elsewhere = new Set([...pathFields(http.path), ...Object.keys(http.headerParams ?? {}), ...(http.query ?? [])]);
  const candidates = http.bodyParam !== undefined ? [http.bodyParam] : Object.keys(properties).filter((field) => !elsewhere.has(field));
  for (const field of candidates) {
    const schema = properties[field];
    const value = schema === undefined ? undefined : sampleValue(schema, definitions);
    if (value !== undefined) return { ...input, [field]: value };
  }
  const open = operation.inputSchema.additionalProperties !== false && http.bodyParam === undefined;
  const field = open ? OPEN_BODY_FIELDS.find((name) => !(name in properties)) : undefined;
  return field === undefined ? input : { ...input, [field]: 'sample' };
}

/** An input that fails validation: a field the schema does not allow, or a required one set to null. */
function invalidCall(calls: ExampleCall[], plan: ConnectorPlan, compiler: SchemaCompiler): InvalidCall | undefined {
  for (const call of calls) {
    const schema = withDefinitions(call.operation.inputSchema, call.operation.definitions.input, plan.definitions);
    const validate = compiler.compile(schema);
    const candidates: [string, unknown][] = [['notAField', true], ...(schema.required ?? []).map((field): [string, unknown] => [field, null])];
    for (const [field, value] of candidates) {
      const input = { ...call.input, [field]: value };
      const pointer = `/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (validate(input)?.some((issue) => issue.pointer === pointer)) return { operation: call.operation, input, pointer };
    }
  }
  return undefined;
}

/**
 * What the runtime sends for `input` from the operation's `http` definition alone; `owned` holds
 * the path parameters the connection fills.
 */
export function expectedRequest(http: OperationHttp, input: Record<string, unknown>, baseUrl: string, owned: Record<string, unknown> = {}): ExpectedRequest {
  const path = http.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encodeURIComponent(String(input[name] ?? owned[name])));
  const { query, headers, payload } = placeFields(http, input);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const expected: ExpectedRequest = { method: http.method, path: `${basePath}${path}`, query, headers };
  if (payload === undefined) return expected;
  if (http.bodyType === 'raw') {
    expected.body = { text: String(payload) };
  } else if (http.bodyType === 'form') {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const form: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload as Record<string, unknown>)) addScalar(form, name, value);
    expected.body = { form };
  } else {
    headers['content-type'] ??= 'application/json';
    expected.body = { json: payload };
  }
  return expected;
}

/** Where each field left after the path goes: the query (by wire name), a header, or the body. */
function placeFields(http: OperationHttp, input: Record<string, unknown>): { query: Record<string, string>; headers: Record<string, string>; payload: unknown } {
  const inPath = new Set(pathFields(http.path));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(http.headers ?? {})) headers[name.toLowerCase()] = value;
  const query: Record<string, string> = {};
  const bodyFields: Record<string, unknown> = {};
  let whole: unknown;
  for (const [field, value] of Object.entries(input)) {
    if (inPath.has(field) || value === undefined) continue;
    const wireName = http.wireNames?.[field] ?? field;
    const header = http.headerParams?.[field];
    if (header !== undefined) headers[header.toLowerCase()] = String(value);
    else if (field === http.bodyParam) whole = value;
    else if (http.bodyParam !== undefined || QUERY_METHODS.has(http.method) || http.query?.includes(field)) addScalar(query, wireName, value);
    else bodyFields[wireName] = value;
  }
  const payload = http.bodyParam !== undefined ? whole : Object.keys(bodyFields).length > 0 ? bodyFields : undefined;
  return { query, headers, payload };
}

function pathFields(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}

// Only scalars: how arrays and objects are spelled in a query string or form is the runtime's business.
function addScalar(target: Record<string, string>, name: string, value: unknown): void {
  if (['string', 'number', 'boolean'].includes(typeof value)) target[name] = String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
