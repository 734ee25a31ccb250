import type { HttpMethod, JSONSchema, OperationHttp } from '@patchbay/contract';
import { QUERY_METHODS, type PlannedOperation } from '../scaffold/connector-plan.js';
import { camelCase, OPERATION_ID_PATTERN } from '../scaffold/names.js';
import { hasFileField, withFileParts } from './multipart-files.js';
import { cursorAcceptingText, paginationFromOpenApi } from './pagination-from-openapi.js';
import { isRecord, type OpenApiDialect, type SchemaConverter } from './schema-converter.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
/** The content type the runtime writes for each body encoding it has a default for. */
const DEFAULT_CONTENT_TYPES: Record<string, string> = { json: 'application/json', form: 'application/x-www-form-urlencoded', multipart: 'multipart/form-data' };

export interface OperationFilters {
  /** Tags or path prefixes (starting with `/`) to keep; everything when empty. */
  include: string[];
  /** Tags or path prefixes to leave out. */
  exclude: string[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: unknown;
  description?: string;
  deprecated?: boolean;
}

interface Body {
  schema: unknown;
  required: boolean;
  description?: string;
  bodyType: 'json' | 'form' | 'multipart' | 'raw';
  contentType: string;
}

/** Every operation of the document that passes the filters, in document order. */
export function operationsFromOpenApi(
  document: Record<string, unknown>,
  dialect: OpenApiDialect,
  converter: SchemaConverter,
  filters: OperationFilters,
  onProgress: (done: number, total: number) => void,
): PlannedOperation[] {
  const entries: { path: string; method: (typeof METHODS)[number]; item: Record<string, unknown>; operation: Record<string, unknown> }[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, unknown>)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isRecord(operation) && selected(path, operation, filters)) entries.push({ path, method, item, operation });
    }
  }
  const taken = new Set<string>();
  return entries.map((entry, index) => {
    const planned = planOperation(entry.path, entry.method.toUpperCase() as HttpMethod, entry.item, entry.operation, dialect, converter, taken);
    onProgress(index + 1, entries.length);
    return planned;
  });
}

function selected(path: string, operation: Record<string, unknown>, filters: OperationFilters): boolean {
  const tags = Array.isArray(operation.tags) ? operation.tags.map(String) : [];
  const matches = (filter: string) => (filter.startsWith('/') ? path === filter || path.startsWith(filter.endsWith('/') ? filter : `${filter}/`) : tags.includes(filter));
  if (filters.include.length > 0 && !filters.include.some(matches)) return false;
  return !filters.exclude.some(matches);
}

function planOperation(
  path: string,
  method: HttpMethod,
  item: Record<string, unknown>,
  operation: Record<string, unknown>,
  dialect: OpenApiDialect,
  converter: SchemaConverter,
  taken: Set<string>,
): PlannedOperation {
  const id = uniqueId(operationIdOf(operation, method, path), taken);
  const parameters = mergeParameters(item.parameters, operation.parameters, dialect);
  const body = dialect === 'swagger-2' ? swaggerBody(item.parameters, operation.parameters) : openApiBody(operation.requestBody);

  const inputReferences = new Set<string>();
  const properties: Record<string, JSONSchema> = {};
  const required: string[] = [];
  const http: OperationHttp = { method, path };
  const query: string[] = [];
  const headerParams: Record<string, string> = {};
  const wireNames: Record<string, string> = {};
  const querySchemas: Record<string, unknown> = {};
  for (const parameter of parameters) {
    // The second parameter of a name (a query `id` beside the path's `id`) is prefixed with its place.
    const field = parameter.name in properties ? `${parameter.in}_${parameter.name}` : parameter.name;
    const schema: JSONSchema = { ...converter.convert(parameter.schema, inputReferences) };
    if (parameter.description && schema.description === undefined) schema.description = parameter.description;
    if (parameter.deprecated) schema.deprecated = true;
    properties[field] = schema;
    if (parameter.required || parameter.in === 'path') required.push(field);
    if (parameter.in === 'header') {
      headerParams[field] = parameter.name;
    } else if (field !== parameter.name) {
      // The path template is filled by input field name; a query field is renamed on the wire.
      if (parameter.in === 'path') http.path = http.path.replace(`{${parameter.name}}`, `{${field}}`);
      else wireNames[field] = parameter.name;
    }
    if (parameter.in === 'query') {
      query.push(field);
      querySchemas[field] = parameter.schema;
    }
  }

  // Only a method with a body sends the fields left after the path as one; any other (a DELETE
  // with a body) takes its body whole, so its other fields stay in the query.
  const sendsBody = !QUERY_METHODS.has(method);
  if (body) {
    const merged = sendsBody ? mergeableProperties(body, converter, inputReferences, properties) : undefined;
    if (merged) {
      Object.assign(properties, body.bodyType === 'multipart' ? withFileParts({ properties: merged.properties }).properties : merged.properties);
      if (body.required) required.push(...merged.required);
    } else {
      const field = 'body' in properties ? 'requestBody' : 'body';
      const converted: JSONSchema = { ...converter.convert(body.schema, inputReferences) };
      const schema = body.bodyType === 'multipart' ? withFileParts(converted) : converted;
      if (body.description && schema.description === undefined) schema.description = body.description;
      properties[field] = schema;
      if (body.required) required.push(field);
      http.bodyParam = field;
    }
    if (body.bodyType !== 'json') http.bodyType = body.bodyType;
    if (mediaType(body.contentType) !== DEFAULT_CONTENT_TYPES[body.bodyType]) http.headers = { 'content-type': body.contentType };
  }
  // With the body given whole, every field left after the path already goes to the query.
  if (sendsBody && http.bodyParam === undefined && query.length > 0) http.query = query;
  if (Object.keys(headerParams).length > 0) http.headerParams = headerParams;
  if (Object.keys(wireNames).length > 0) http.wireNames = wireNames;

  const inputSchema: JSONSchema = { type: 'object', additionalProperties: false, properties };
  if (required.length > 0) inputSchema.required = [...new Set(required)];
  const outputReferences = new Set<string>();
  const success = successResponse(operation.responses, dialect);
  const output = success?.schema;
  const planned: PlannedOperation = {
    id,
    http,
    displayName: displayNameOf(operation, method, path),
    inputSchema,
    definitions: { input: converter.closure(inputReferences), output: [] },
  };
  if (output !== undefined) {
    planned.outputSchema = converter.convert(output, outputReferences);
    planned.definitions.output = converter.closure(outputReferences);
  }
  if (typeof operation.description === 'string' && operation.description.trim()) planned.description = operation.description.trim();
  if (operation.deprecated === true) planned.deprecated = true;
  const paging = paginationFromOpenApi({ method, query: querySchemas, response: success?.response, responseSchema: output });
  if (paging !== undefined && 'pagination' in paging) {
    planned.pagination = paging.pagination;
    const cursor = properties[paging.pagination.cursorParam];
    if (cursor !== undefined) properties[paging.pagination.cursorParam] = cursorAcceptingText(cursor);
  } else if (paging !== undefined) planned.paginationUnknown = true;
  return planned;
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** `issues/create-comment` → `issues.createComment`; without an id, `GET /pets/{id}` → `getPetsById`. */
function operationIdOf(operation: Record<string, unknown>, method: string, path: string): string {
  if (typeof operation.operationId === 'string' && operation.operationId.trim()) {
    const segments = operation.operationId
      .split(/[/.]+/)
      .map((segment) => camelCase(segment))
      .filter(Boolean)
      .map((segment) => (/^[A-Za-z]/.test(segment) ? segment : `op${segment}`));
    const id = segments.join('.');
    if (OPERATION_ID_PATTERN.test(id)) return id;
  }
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith('{') ? `By ${segment.slice(1, -1)}` : segment));
  return camelCase(`${method} ${words.join(' ')}`) || method.toLowerCase();
}

function uniqueId(id: string, taken: Set<string>): string {
  let unique = id;
  for (let suffix = 2; taken.has(unique); suffix++) unique = `${id}${suffix}`;
  taken.add(unique);
  return unique;
}

function displayNameOf(operation: Record<string, unknown>, method: string, path: string): string {
  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  return summary || `${method} ${path}`;
}

function mergeParameters(pathLevel: unknown, operationLevel: unknown, dialect: OpenApiDialect): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathLevel, operationLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      if (!isRecord(raw) || typeof raw.name !== 'string') continue;
      if (raw.in !== 'path' && raw.in !== 'query' && raw.in !== 'header') continue;
      const parameter: Parameter = {
        name: raw.name,
        in: raw.in,
        required: raw.required === true,
        schema: dialect === 'swagger-2' ? swaggerParameterSchema(raw) : parameterSchema(raw),
      };
      if (typeof raw.description === 'string') parameter.description = raw.description;
      if (raw.deprecated === true) parameter.deprecated = true;
      byKey.set(`${raw.in}:${raw.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function parameterSchema(raw: Record<string, unknown>): unknown {
  if (raw.schema !== undefined) return raw.schema;
  if (isRecord(raw.content)) return Object.values(raw.content).find(isRecord)?.schema ?? {};
  return {};
}

/** Swagger 2 parameters carry their schema keywords on the parameter itself. */
function swaggerParameterSchema(raw: Record<string, unknown>): unknown {
  const { name: _name, in: _in, required: _required, description: _description, collectionFormat: _format, allowEmptyValue: _empty, ...schema } = raw;
  return schema;
}

function openApiBody(requestBody: unknown): Body | undefined {
  if (!isRecord(requestBody) || !isRecord(requestBody.content)) return undefined;
  const types = Object.keys(requestBody.content);
  const contentType =
    types.find((type) => /^application\/json\b/i.test(type)) ??
    types.find((type) => /[/+]json\b/i.test(type)) ??
    types.find((type) => /^application\/x-www-form-urlencoded\b/i.test(type)) ??
    types.find((type) => /^multipart\/form-data\b/i.test(type)) ??
    types[0];
  if (contentType === undefined) return undefined;
  const media = requestBody.content[contentType];
  const mediaSchema = isRecord(media) ? media.schema : undefined;
  // A form with a file in it must go as multipart; one without is sent url-encoded, which
  // `multipart/form-data` endpoints without file fields accept as well.
  const bodyType = /json\b/i.test(contentType) ? 'json' : /^multipart\/form-data\b/i.test(contentType) && hasFileField(mediaSchema) ? 'multipart' : /form/i.test(contentType) ? 'form' : 'raw';
  // A raw body (file upload, plain text) is sent as a string with the document's content type.
  const schema = bodyType === 'raw' ? { type: 'string', description: `Request body (${contentType})` } : isRecord(media) ? (media.schema ?? {}) : {};
  const body: Body = {
    schema,
    required: requestBody.required === true,
    bodyType,
    // `*/*` or `image/*` accepts any type but is not one a request can declare.
    contentType: bodyType === 'form' ? 'application/x-www-form-urlencoded' : bodyType === 'multipart' ? 'multipart/form-data' : contentType.includes('*') ? 'application/octet-stream' : contentType,
  };
  if (typeof requestBody.description === 'string') body.description = requestBody.description;
  return body;
}

function swaggerBody(pathLevel: unknown, operationLevel: unknown): Body | undefined {
  const parameters = [...(Array.isArray(pathLevel) ? pathLevel : []), ...(Array.isArray(operationLevel) ? operationLevel : [])].filter(isRecord);
  const body = parameters.find((parameter) => parameter.in === 'body');
  if (body) {
    const result: Body = { schema: body.schema ?? {}, required: body.required === true, bodyType: 'json', contentType: 'application/json' };
    if (typeof body.description === 'string') result.description = body.description;
    return result;
  }
  const form = parameters.filter((parameter) => parameter.in === 'formData' && typeof parameter.name === 'string');
  if (form.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  for (const field of form) {
    const schema = swaggerParameterSchema(field) as Record<string, unknown>;
    properties[field.name as string] = typeof field.description === 'string' ? { ...schema, description: field.description } : schema;
  }
  const required = form.filter((field) => field.required === true).map((field) => field.name as string);
  const schema = { type: 'object', properties, required };
  // A file field needs multipart; without one, a url-encoded form is what `multipart/form-data`
  // endpoints accept as well.
  if (hasFileField(schema)) return { schema, required: required.length > 0, bodyType: 'multipart', contentType: 'multipart/form-data' };
  return { schema, required: required.length > 0, bodyType: 'form', contentType: 'application/x-www-form-urlencoded' };
}

/**
 * A plain object body's properties, to sit beside the path and query fields as GitHub's own
 * connector does (`{ owner, repo, title }`); anything else (arrays, unions, open maps, name
 * clashes) stays whole under `body`.
 */
function mergeableProperties(
  body: Body,
  converter: SchemaConverter,
  references: Set<string>,
  taken: Record<string, JSONSchema>,
): { properties: Record<string, JSONSchema>; required: string[] } | undefined {
  const schema = body.schema;
  if (!isRecord(schema) || !isRecord(schema.properties)) return undefined;
  if (schema.allOf || schema.anyOf || schema.oneOf || schema.nullable === true) return undefined;
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined;
  if (Object.keys(schema.properties).some((name) => name in taken)) return undefined;
  const converted = converter.convertInline(schema, references);
  return { properties: converted.properties ?? {}, required: [...(converted.required ?? [])] };
}

/** The first 2xx response and its body schema (JSON preferred). */
function successResponse(responses: unknown, dialect: OpenApiDialect): { response: Record<string, unknown>; schema: unknown } | undefined {
  if (!isRecord(responses)) return undefined;
  const codes = Object.keys(responses)
    .filter((code) => /^2/.test(code))
    .sort();
  for (const code of codes) {
    const response = responses[code];
    if (!isRecord(response)) continue;
    if (dialect === 'swagger-2') {
      if (response.schema !== undefined) return { response, schema: response.schema };
      continue;
    }
    if (!isRecord(response.content)) continue;
    const types = Object.keys(response.content);
    const type = types.find((candidate) => /json\b/i.test(candidate)) ?? types[0];
    const media = type === undefined ? undefined : response.content[type];
    if (isRecord(media) && media.schema !== undefined) return { response, schema: media.schema };
  }
  return undefined;
}
