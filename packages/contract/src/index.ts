export { SPECIFICATION_VERSION, SUPPORTED_SPECIFICATION_VERSIONS } from './specification-version.js';
export type { SpecificationVersion } from './specification-version.js';
export type { JSONSchema, JSONSchemaTypeName } from './json-schema.js';
export { AUTH_STRATEGIES } from './auth.js';
export type {
  ApiKeyAuth,
  AuthStrategy,
  BasicAuth,
  BearerAuth,
  ConnectorAuth,
  CustomAuth,
  NoAuth,
  OAuth2Auth,
} from './auth.js';
export type {
  ArrayFormat,
  BodyType,
  HttpMethod,
  OperationDefinition,
  OperationHttp,
  OperationMap,
  OperationTypes,
  OperationPagination,
  OperationTrigger,
  PaginationStyle,
  RateLimitRule,
} from './operation.js';
export { applyOperationOverrides } from './operation-overrides.js';
export type { OperationOverrides, OperationPatch } from './operation-overrides.js';
export type { ConnectorMetadata, ConnectorModule } from './connector-module.js';
export type {
  ConnectionContext,
  ConnectorError,
  ConnectorExecuteFailure,
  ConnectorExecuteInput,
  ConnectorExecuteOutput,
  ConnectorExecuteSuccess,
  ExecuteMeta,
  RateLimitState,
  ValidationIssue,
} from './execute.js';
export { ERROR_CODES, isErrorCode } from './error-codes.js';
export type { ErrorCode } from './error-codes.js';
export { PatchbayError } from './patchbay-error.js';
export type { PatchbayErrorOptions, RedactedRequest } from './patchbay-error.js';
export { buildModuleInputSchema } from './module-input-schema.js';
export { CATALOG_VERSION, SUPPORTED_CATALOG_VERSIONS, toCatalog, toCatalogIndex } from './catalog.js';
export type { CatalogVersion, ConnectorCatalog, ConnectorCatalogIndex } from './catalog.js';
export {
  pointAtSharedDefinitions,
  referencedNames,
  sharedDefinitionClosure,
  sharedDefinitionsUri,
  withSharedDefinitions,
} from './shared-definitions.js';
export type { SharedDefinitions } from './shared-definitions.js';
export { checkConnectorModule } from './check-connector-module.js';
export type { ContractCheckOptions, ContractCheckResult, ContractViolation } from './check-connector-module.js';
export { createSchemaCompiler } from './schema-compiler.js';
export type { SchemaCompiler, SchemaValidator, SharedSchemaResource } from './schema-compiler.js';
