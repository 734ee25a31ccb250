import type { ConnectorAuth, JSONSchema, OperationHttp, OperationPagination } from '@patchbay/contract';

/** One operation to generate: its metadata and its complete wire definition. */
export interface PlannedOperation {
  id: string;
  /**
   * Everything the runtime needs to send the operation with no handler: method and path, plus
   * where the fields go when its default split (path fields fill the template; the rest is the
   * query of a GET or the body of a POST) is not how the API takes them.
   */
  http: OperationHttp;
  displayName: string;
  description?: string;
  deprecated?: boolean;
  inputSchema: JSONSchema;
  outputSchema?: JSONSchema;
  /** How the operation pages, when its document says. */
  pagination?: OperationPagination;
  /** A list whose paging the document does not show. */
  paginationUnknown?: boolean;
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
  /**
   * Path parameters the connection fills instead of the input, by name: from `config[config]` when
   * set, else `credentials[credential]` (Twilio's `{AccountSid}`).
   */
  connectionParameters?: Record<string, { credential: string; config?: string }>;
  /** The vendor whose conventions shaped the auth and connection parameters, for the README. */
  vendorConvention?: string;
}

/** Methods whose input fields left after the path go to the query string; the others send them as the body. */
export const QUERY_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** A schema with the shared definitions it uses as `$defs`, as the generated operations.ts builds it. */
export function withDefinitions(schema: JSONSchema, names: string[], definitions: Record<string, JSONSchema>): JSONSchema {
  return names.length === 0 ? schema : { ...schema, $defs: Object.fromEntries(names.map((name) => [name, definitions[name]!])) };
}
