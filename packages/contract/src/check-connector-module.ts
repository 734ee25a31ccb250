import { AUTH_STRATEGIES } from './auth.js';
import type { ConnectorModule } from './connector-module.js';
import type { JSONSchema } from './json-schema.js';
import { operationsCoveredBy } from './module-input-schema.js';
import { createSchemaCompiler, type SchemaCompiler, type SharedSchemaResource } from './schema-compiler.js';
import { sharedDefinitionsUri, type SharedDefinitions } from './shared-definitions.js';
import { SPECIFICATION_VERSION } from './specification-version.js';

/** One way an object fails the contract, located by a dotted path into the module. */
export interface ContractViolation {
  path: string;
  message: string;
}

export type ContractCheckResult =
  | { valid: true; module: ConnectorModule; violations: [] }
  | { valid: false; violations: ContractViolation[] };

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export interface ContractCheckOptions {
  /**
   * Compile every operation's input schema and the credential schema, as the runtime will when
   * it validates calls (default `true`). With `false` they are only checked against the
   * meta-schema: a load-time check of a connector with a thousand operations then takes
   * milliseconds, and a schema that fails to compile is reported on the first call that uses it.
   * Output schemas and the top-level `inputSchema` are always checked against the meta-schema
   * only: nothing validates against them at run time.
   */
  compileSchemas?: boolean;
  /**
   * Operation ids that have a handler in code. When given (the runtime and the catalog build step
   * give it for modules built on its client), every operation must have an `http` definition or
   * a handler, and every handler must have an operation.
   */
  handledOperations?: readonly string[];
}

/**
 * Tells whether `value` satisfies the connector module contract and lists every violation, not
 * just the first. Used by the runtime at load time, by `patchbay validate`, and by connector tests.
 */
export function checkConnectorModule(value: unknown, options: ContractCheckOptions = {}): ContractCheckResult {
  const violations: ContractViolation[] = [];
  const report = (path: string, message: string) => violations.push({ path, message });

  if (!isRecord(value)) {
    return { valid: false, violations: [{ path: '', message: `must be an object, got ${kindOf(value)}` }] };
  }

  if (value.specificationVersion !== SPECIFICATION_VERSION) {
    report(
      'specificationVersion',
      value.specificationVersion === undefined
        ? `is missing; this runtime speaks ${SPECIFICATION_VERSION}`
        : `${JSON.stringify(value.specificationVersion)} is not supported; this runtime speaks ${SPECIFICATION_VERSION}`,
    );
  }
  if (typeof value.id !== 'string' || !ID_PATTERN.test(value.id)) {
    report('id', 'must be lowercase letters, digits and dashes');
  }
  for (const key of ['displayName', 'version'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') report(key, 'must be a non-empty string');
  }
  if (value.baseUrl !== undefined && !isHttpUrl(value.baseUrl)) report('baseUrl', 'must be an http(s) URL');

  const compiler = createSchemaCompiler();
  const compile = options.compileSchemas ?? true;
  checkAuth(value.auth, compiler, compile, report);
  const shared = checkSharedDefinitions(value, compiler, report);
  const operationIds = checkOperations(value.operations, compiler, compile, report, shared);
  checkInputSchema(value.inputSchema, operationIds, compiler, report);
  if (options.handledOperations !== undefined && isRecord(value.operations)) {
    checkHandlers(value.operations, options.handledOperations, report);
  }

  if (typeof value.execute !== 'function') report('execute', `must be a function, got ${kindOf(value.execute)}`);

  return violations.length === 0
    ? { valid: true, module: value as unknown as ConnectorModule, violations: [] }
    : { valid: false, violations };
}

type Report = (path: string, message: string) => void;

function checkAuth(auth: unknown, compiler: SchemaCompiler, compile: boolean, report: Report, at = 'auth'): void {
  const scoped: Report = at === 'auth' ? report : (path, message) => report(path.replace(/^auth/, at), message);
  checkAuthEntry(auth, compiler, compile, scoped);
  if (isRecord(auth) && auth.alternatives !== undefined) {
    if (!Array.isArray(auth.alternatives)) return report(`${at}.alternatives`, 'must be an array of auth declarations');
    auth.alternatives.forEach((alternative, index) => checkAuth(alternative, compiler, compile, report, `${at}.alternatives.${index}`));
  }
}

function checkAuthEntry(auth: unknown, compiler: SchemaCompiler, compile: boolean, report: Report): void {
  if (!isRecord(auth)) return report('auth', `must be an object, got ${kindOf(auth)}`);
  if (!(AUTH_STRATEGIES as readonly unknown[]).includes(auth.strategy)) {
    return report('auth.strategy', `${JSON.stringify(auth.strategy)} is not one of ${AUTH_STRATEGIES.join(', ')}`);
  }
  if (auth.strategy === 'oauth2') {
    if (!isHttpUrl(auth.tokenUrl)) report('auth.tokenUrl', 'must be an http(s) URL');
    for (const key of ['authorizationUrl', 'refreshUrl'] as const) {
      if (auth[key] !== undefined && !isHttpUrl(auth[key])) report(`auth.${key}`, 'must be an http(s) URL');
    }
    if (auth.scopes !== undefined && !isStringArray(auth.scopes)) report('auth.scopes', 'must be an array of strings');
  }
  if (auth.strategy === 'api_key') {
    if (auth.in !== 'header' && auth.in !== 'query' && auth.in !== 'cookie') report('auth.in', 'must be "header", "query" or "cookie"');
    if (typeof auth.name !== 'string' || auth.name === '') report('auth.name', 'must be a non-empty string');
  }
  if (auth.credentialsSchema !== undefined) {
    checkSchema(auth.credentialsSchema, 'auth.credentialsSchema', compiler, compile, report);
  }
}

function checkOperations(operations: unknown, compiler: SchemaCompiler, compile: boolean, report: Report, shared?: SharedSchemaResource): string[] {
  if (!isRecord(operations)) {
    report('operations', `must be an object keyed by operation id, got ${kindOf(operations)}`);
    return [];
  }
  const ids = Object.keys(operations);
  if (ids.length === 0) report('operations', 'must declare at least one operation');
  for (const id of ids) {
    const path = `operations.${id}`;
    const operation = operations[id];
    if (!isRecord(operation)) {
      report(path, `must be an object, got ${kindOf(operation)}`);
      continue;
    }
    if (operation.kind !== 'action' && operation.kind !== 'trigger') report(`${path}.kind`, 'must be "action" or "trigger"');
    if (typeof operation.displayName !== 'string' || operation.displayName === '') {
      report(`${path}.displayName`, 'must be a non-empty string');
    }
    if (operation.inputSchema === undefined) {
      report(`${path}.inputSchema`, 'is missing');
    } else if (checkSchema(operation.inputSchema, `${path}.inputSchema`, compiler, compile, report, shared)) {
      const type = (operation.inputSchema as JSONSchema).type;
      if (type !== 'object') report(`${path}.inputSchema.type`, 'must be "object": an operation takes an input object');
    }
    if (operation.outputSchema !== undefined) checkSchema(operation.outputSchema, `${path}.outputSchema`, compiler, false, report);
    if (operation.http !== undefined) checkHttp(operation.http, `${path}.http`, report);
    if (operation.trigger !== undefined) checkTrigger(operation, path, report);
  }
  return ids;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const BODY_TYPES = ['json', 'form', 'multipart', 'raw'];
const ARRAY_FORMATS = ['repeat', 'comma', 'brackets', 'indices'];

function checkHttp(http: unknown, path: string, report: Report): void {
  if (!isRecord(http)) return report(path, `must be an object, got ${kindOf(http)}`);
  if (!HTTP_METHODS.includes(http.method as string)) report(`${path}.method`, `must be one of ${HTTP_METHODS.join(', ')}`);
  if (typeof http.path !== 'string' || !http.path.startsWith('/')) report(`${path}.path`, 'must be a path starting with "/"');
  if (http.bodyType !== undefined && !BODY_TYPES.includes(http.bodyType as string)) report(`${path}.bodyType`, `must be one of ${BODY_TYPES.join(', ')}`);
  if (http.arrayFormat !== undefined && !ARRAY_FORMATS.includes(http.arrayFormat as string)) {
    report(`${path}.arrayFormat`, `must be one of ${ARRAY_FORMATS.join(', ')}`);
  }
  if (http.query !== undefined && !isStringArray(http.query)) report(`${path}.query`, 'must be an array of input field names');
  for (const key of ['headers', 'headerParams', 'wireNames'] as const) {
    if (http[key] !== undefined && (!isRecord(http[key]) || !Object.values(http[key]).every((value) => typeof value === 'string'))) {
      report(`${path}.${key}`, 'must map names to strings');
    }
  }
  if (http.bodyParam !== undefined && typeof http.bodyParam !== 'string') report(`${path}.bodyParam`, 'must be an input field name');
}

function checkHandlers(operations: Record<string, unknown>, handled: readonly string[], report: Report): void {
  const withHandler = new Set(handled);
  for (const [id, operation] of Object.entries(operations)) {
    if (isRecord(operation) && operation.http === undefined && !withHandler.has(id)) {
      report(`operations.${id}`, 'has neither an http definition nor a handler');
    }
  }
  for (const id of withHandler) {
    if (!Object.hasOwn(operations, id)) report(`operations.${id}`, 'has a handler but no definition');
  }
}

function checkTrigger(operation: Record<string, unknown>, path: string, report: Report): void {
  const trigger = operation.trigger;
  if (!isRecord(trigger)) return report(`${path}.trigger`, `must be an object, got ${kindOf(trigger)}`);
  if (operation.kind !== 'trigger') report(`${path}.trigger`, 'is only allowed on operations of kind "trigger"');
  if (trigger.type !== 'polling' && trigger.type !== 'webhook') report(`${path}.trigger.type`, 'must be "polling" or "webhook"');
  if (typeof trigger.dedupeKey !== 'string' || trigger.dedupeKey === '') report(`${path}.trigger.dedupeKey`, 'must be a non-empty string');
}

function checkInputSchema(schema: unknown, operationIds: string[], compiler: SchemaCompiler, report: Report): void {
  if (schema === undefined) return report('inputSchema', 'is missing');
  if (!checkSchema(schema, 'inputSchema', compiler, false, report)) return;
  const covered = operationsCoveredBy(schema as JSONSchema);
  const missing = operationIds.filter((id) => !covered.has(id));
  if (missing.length > 0) report('inputSchema', `does not cover operation(s) ${missing.join(', ')}`);
}

function checkSchema(schema: unknown, path: string, compiler: SchemaCompiler, compile: boolean, report: Report, shared?: SharedSchemaResource): boolean {
  if (!isRecord(schema) && typeof schema !== 'boolean') {
    report(path, `must be a JSON Schema object, got ${kindOf(schema)}`);
    return false;
  }
  if (!compile) {
    const problem = compiler.check(schema as JSONSchema);
    if (problem !== undefined) report(path, `is not a valid JSON Schema: ${problem}`);
    return problem === undefined;
  }
  try {
    compiler.compile(schema as JSONSchema, shared);
    return true;
  } catch (error) {
    report(path, `does not compile: ${(error as Error).message}`);
    return false;
  }
}

/** The module's shared definitions, checked as a whole against the meta-schema, for compiling operations' schemas. */
function checkSharedDefinitions(module: Record<string, unknown>, compiler: SchemaCompiler, report: Report): SharedSchemaResource | undefined {
  const definitions = module.$defs;
  if (definitions === undefined) return undefined;
  if (!isRecord(definitions)) {
    report('$defs', `must be an object of schemas keyed by name, got ${kindOf(definitions)}`);
    return undefined;
  }
  const problem = compiler.check({ $defs: definitions as SharedDefinitions });
  if (problem !== undefined) {
    report('$defs', `is not valid JSON Schema: ${problem}`);
    return undefined;
  }
  return { uri: sharedDefinitionsUri(typeof module.id === 'string' ? module.id : 'connector'), definitions: definitions as SharedDefinitions };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
