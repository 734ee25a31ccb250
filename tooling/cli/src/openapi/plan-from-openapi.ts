import path from 'node:path';
import { PatchbayError, type ConnectorAuth } from '@patchbay/contract';
import { authForStrategy, type AuthDetails } from '../scaffold/auth-for-strategy.js';
import type { ConnectorPlan } from '../scaffold/connector-plan.js';
import { authFromOpenApi } from './auth-from-openapi.js';
import { withoutConnectionParameters } from './connection-parameters.js';
import { loadOpenApiDocument } from './load-openapi-document.js';
import { operationsFromOpenApi, type OperationFilters } from './operations-from-openapi.js';
import { isRecord, SchemaConverter } from './schema-converter.js';
import { vendorConvention } from './vendor-conventions.js';

export interface OpenApiPlanOptions {
  source: string;
  cwd: string;
  name: string;
  filters: OperationFilters;
  /** Flags win over what the document says. */
  auth?: string;
  baseUrl?: string;
  displayName?: string;
  description?: string;
  environmentPrefix: string;
  onProgress: (label: string, done: number, total: number) => void;
  /** Told when each step ends: the document parsed, its operations converted. */
  onStep?: (message: string) => void;
}

/** The part of a plan the document alone decides, and that `patchbay update` regenerates. */
export type GeneratedPart = Pick<ConnectorPlan, 'operations' | 'definitions'> & { source: string };

type GeneratedPartOptions = Pick<OpenApiPlanOptions, 'source' | 'cwd' | 'filters' | 'onProgress' | 'onStep'>;

/** A connector plan from an OpenAPI 3.0/3.1 or Swagger 2 document. */
export async function planFromOpenApi(options: OpenApiPlanOptions): Promise<ConnectorPlan> {
  const { document, file, generated, convention, filledByConnection } = await readGeneratedPart(options);
  const info = isRecord(document.info) ? document.info : {};
  const baseUrl = options.baseUrl ?? serverUrl(document, file);
  const details: AuthDetails = { environmentPrefix: options.environmentPrefix, baseUrl };
  const conventionAuth = options.auth === undefined ? convention?.auth(details) : undefined;
  const auth: ConnectorAuth =
    options.auth !== undefined ? authForStrategy(options.auth, details) : (conventionAuth ?? authFromOpenApi(document, details) ?? authForStrategy('none', details));
  const how = conventionAuth ? ` (${convention!.vendor}'s convention)` : '';
  const count = generated.operations.length;
  options.onStep?.(`converted ${count.toLocaleString('en-US')} operation${count === 1 ? '' : 's'}; ${auth.strategy} auth${how}`);
  const plan: ConnectorPlan = {
    name: options.name,
    displayName: oneLine(options.displayName ?? (typeof info.title === 'string' && info.title.trim() ? info.title : options.name)),
    description: options.description ?? firstSentence(info.description) ?? `The ${String(info.title ?? options.name)} API as a Patchbay connector.`,
    auth,
    baseUrl,
    ...generated,
  };
  const owned = convention?.connectionParameters;
  if (owned && filledByConnection.length > 0) plan.connectionParameters = Object.fromEntries(filledByConnection.map((name) => [name, owned[name]!]));
  if (conventionAuth) plan.vendorConvention = convention!.vendor;
  const externalDocs = isRecord(document.externalDocs) ? document.externalDocs.url : undefined;
  if (typeof externalDocs === 'string' && /^https?:/.test(externalDocs)) plan.documentationUrl = externalDocs;
  return plan;
}

/** The operations and shared schemas of a document, as `patchbay update` rewrites them. */
export async function generatedPartFromOpenApi(options: GeneratedPartOptions): Promise<GeneratedPart> {
  return (await readGeneratedPart(options)).generated;
}

// Path parameters a vendor convention fills from the connection leave the inputs here, so a
// regeneration by `patchbay update` keeps them out too.
async function readGeneratedPart(options: GeneratedPartOptions) {
  options.onProgress('reading the OpenAPI document', 0, 1);
  const { document, dialect, file } = await loadOpenApiDocument(options.source, options.cwd);
  options.onStep?.(`parsed ${path.basename(file)} (${describeDocument(document, dialect)})`);
  const info = isRecord(document.info) ? document.info : {};
  const components = dialect === 'swagger-2' ? document.definitions : isRecord(document.components) ? document.components.schemas : undefined;
  const converter = new SchemaConverter(isRecord(components) ? components : undefined, dialect);
  const convention = vendorConvention(document);
  const converted = operationsFromOpenApi(document, dialect, converter, options.filters, (done, total) =>
    options.onProgress('converting operations', done, total),
  );
  const owned = convention?.connectionParameters;
  const { operations, used: filledByConnection } = owned ? withoutConnectionParameters(converted, Object.keys(owned)) : { operations: converted, used: [] };
  if (operations.length === 0) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${file}: no operation left after --include/--exclude` });
  }
  const used = new Set(operations.flatMap((operation) => [...operation.definitions.input, ...operation.definitions.output]));
  const definitions = Object.fromEntries(Object.entries(converter.definitions).filter(([name]) => used.has(name)).sort(([a], [b]) => a.localeCompare(b)));
  const source = `${path.basename(file)} (${dialect === 'swagger-2' ? 'Swagger 2.0' : `OpenAPI ${String(document.openapi)}`}, version ${String(info.version ?? '?')})`;
  return { document, file, convention, filledByConnection, generated: { operations, definitions, source } };
}

/** `OpenAPI 3.0.0, 1,223 operations`: what a user checks first when a generation looks wrong. */
function describeDocument(document: Record<string, unknown>, dialect: string): string {
  let count = 0;
  for (const item of Object.values(document.paths as Record<string, unknown>)) {
    if (isRecord(item)) count += ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'].filter((method) => isRecord(item[method])).length;
  }
  const version = dialect === 'swagger-2' ? 'Swagger 2.0' : `OpenAPI ${String(document.openapi)}`;
  return `${version}, ${count.toLocaleString('en-US')} operation${count === 1 ? '' : 's'}`;
}

function serverUrl(document: Record<string, unknown>, file: string): string {
  let url: string | undefined;
  if (Array.isArray(document.servers) && isRecord(document.servers[0]) && typeof document.servers[0].url === 'string') {
    const server = document.servers[0];
    const variables = isRecord(server.variables) ? server.variables : {};
    url = (server.url as string).replace(/\{(\w+)\}/g, (match, name: string) => {
      const variable = variables[name];
      return isRecord(variable) && variable.default !== undefined ? String(variable.default) : match;
    });
  } else if (typeof document.host === 'string') {
    const scheme = Array.isArray(document.schemes) && document.schemes.includes('https') ? 'https' : String((document.schemes as unknown[] | undefined)?.[0] ?? 'https');
    url = `${scheme}://${document.host}${typeof document.basePath === 'string' ? document.basePath : ''}`;
  }
  if (url === undefined || !/^https?:\/\/[^{}]+$/.test(url)) {
    throw new PatchbayError({
      code: 'VALIDATION_FAILED',
      message: `${file} names no absolute server URL${url ? ` (found ${JSON.stringify(url)})` : ''}; pass --base-url`,
    });
  }
  return url.replace(/\/+$/, '');
}

// Names end up in doc comments of the generated code as well as in strings.
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\*\//g, '*').trim();
}

function firstSentence(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const line = text.trim().split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ').trim();
  return line ? line.slice(0, 300) : undefined;
}
