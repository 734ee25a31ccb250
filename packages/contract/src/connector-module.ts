import type { ConnectorAuth } from './auth.js';
import type { ConnectorExecuteInput, ConnectorExecuteOutput } from './execute.js';
import type { JSONSchema } from './json-schema.js';
import type { OperationMap, RateLimitRule } from './operation.js';
import type { SharedDefinitions } from './shared-definitions.js';
import type { SpecificationVersion } from './specification-version.js';

/** Identifying metadata every module carries beside its four facets. */
export interface ConnectorMetadata {
  /** The contract this module was written for. */
  specificationVersion: SpecificationVersion;
  /** Stable id, e.g. `github`. Lowercase letters, digits and dashes. */
  id: string;
  displayName: string;
  /** The package version the module shipped in. */
  version: string;
  description?: string;
  /** Default API base URL; a connection may override it with `config.baseUrl`. */
  baseUrl?: string;
  /** Default limits of one connection, before per-connection and per-operation rules. */
  rateLimit?: RateLimitRule;
  /** Vendor documentation home. */
  documentationUrl?: string;
  /**
   * Schemas the operations share (an OpenAPI document's components), stored once: any operation's
   * input or output schema refers to one as `#/$defs/<name>`, and a definition to another the
   * same way. A schema's own `$defs` of the same name wins. `withSharedDefinitions` makes one
   * schema stand alone.
   */
  $defs?: SharedDefinitions;
}

/**
 * A connector module: a plain object with four required facets (`auth`, `operations`,
 * `inputSchema`, `execute`) plus identifying metadata.
 */
export interface ConnectorModule extends ConnectorMetadata {
  auth: ConnectorAuth;
  operations: OperationMap;
  /** JSON Schema of `{ operation, input }`: the union of every operation's input. */
  inputSchema: JSONSchema;
  /** Runs one operation. Resolves with a result union; never rejects for an operational failure. */
  execute(input: ConnectorExecuteInput): Promise<ConnectorExecuteOutput>;
}
