import { PatchbayError, type ConnectorAuth, type HttpMethod, type JSONSchema } from '@patchbay/contract';
import { QUERY_METHODS, type ConnectorPlan, type PlannedOperation } from './connector-plan.js';
import { OPERATION_ID_PATTERN } from './names.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * `issues.create=POST /repos/{owner}/{repo}/issues` → an operation whose path fields are required
 * strings. A method with a body also takes any other field, sent in the body, until its schema
 * lists them: otherwise its first real call would be refused before anything is sent.
 */
export function parseOperationFlag(text: string): PlannedOperation {
  const match = /^\s*([^=\s]+)\s*=\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(text);
  if (!match) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `--operation ${JSON.stringify(text)} must look like 'issues.create=POST /repos/{owner}/{repo}/issues'` });
  }
  const [, id, rawMethod, path] = match as unknown as [string, string, string, string];
  const method = rawMethod.toUpperCase();
  if (!OPERATION_ID_PATTERN.test(id)) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `operation id ${JSON.stringify(id)} must be dotted identifiers such as issues.create` });
  }
  if (!METHODS.has(method)) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${rawMethod} is not an HTTP method (in --operation ${text})` });
  const fields = [...path.matchAll(/\{([^}]+)\}/g)].map((found) => found[1]!);
  const properties: Record<string, JSONSchema> = Object.fromEntries(fields.map((field) => [field, { type: 'string', minLength: 1 }]));
  const sendsBody = !QUERY_METHODS.has(method);
  const inputSchema: JSONSchema = { type: 'object', additionalProperties: sendsBody, properties };
  if (fields.length > 0) inputSchema.required = fields;
  const words = id.replace(/\./g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return {
    id,
    http: { method: method as HttpMethod, path },
    displayName: words.charAt(0).toUpperCase() + words.slice(1),
    description: sendsBody
      ? `${method} ${path}. Sends every other field as the JSON body; list them in inputSchema to have them checked.`
      : `${method} ${path}. Describe its query fields in inputSchema.`,
    inputSchema,
    definitions: { input: [], output: [] },
  };
}

export interface FlagPlanOptions {
  name: string;
  displayName: string;
  description: string;
  auth: ConnectorAuth;
  baseUrl: string;
  operations: string[];
}

export function planFromFlags(options: FlagPlanOptions): ConnectorPlan {
  if (options.operations.length === 0) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: "give at least one --operation 'id=METHOD /path'" });
  }
  const operations = options.operations.map(parseOperationFlag);
  const duplicate = operations.find((operation, index) => operations.findIndex((other) => other.id === operation.id) !== index);
  if (duplicate) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `operation ${duplicate.id} is given twice` });
  return {
    name: options.name,
    displayName: options.displayName,
    description: options.description,
    auth: options.auth,
    baseUrl: options.baseUrl,
    operations,
    definitions: {},
  };
}
