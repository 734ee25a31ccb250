import type { ConnectorAuth, JSONSchema } from '@patchbay/contract';
import type { HttpMethod } from '@patchbay/runtime';

/**
 * Where the fields of an operation's input go on the wire, when the runtime's default split (path
 * fields fill the template; the rest is the query of a GET or the body of a POST) is not enough.
 */
export interface RequestPlacement {
  /** Input field → query parameter name. */
  query?: Record<string, string>;
  /** Input field → header name. */
  headers?: Record<string, string>;
  /** The input field holding the whole body, or the input fields that make up the body object. */
  body?: string | string[];
  /** How the body is encoded when it is not JSON. */
  bodyType?: 'form' | 'raw';
  /** Content type of a raw or form body. */
  contentType?: string;
}

/** One operation to generate: metadata plus how its handler builds the request. */
export interface PlannedOperation {
  id: string;
  method: HttpMethod;
  path: string;
  displayName: string;
  description?: string;
  deprecated?: boolean;
  inputSchema: JSONSchema;
  outputSchema?: JSONSchema;
  placement?: RequestPlacement;
  /** Shared definitions (`#/$defs/<name>`) each of the operation's schemas uses, transitively. */
  definitions: { input: string[]; output: string[] };
}

/** Everything `patchbay new` needs to write a connector package. */
export interface ConnectorPlan {
  /** Connector id and folder name, e.g. `acme-crm`. */
  name: string;
  displayName: string;
  description: string;
  auth: ConnectorAuth;
  baseUrl: string;
  documentationUrl?: string;
  operations: PlannedOperation[];
  /** Schemas shared between operations (OpenAPI components), each referenced as `#/$defs/<name>`. */
  definitions: Record<string, JSONSchema>;
  /** Where the operations came from, for the README. */
  source?: string;
}
