export { REFERENCE_END, REFERENCE_START, hasReference, renderReference, updateReadme } from './readme/readme-reference.js';
export { generateOperationTypes, operationTypesName, OPERATION_TYPES_FILE } from './types/operation-types.js';
export { importConnectorModule, readConnectorPackage } from './build/connector-package.js';
export type { ConnectorPackage, PatchbayPackageField } from './build/connector-package.js';
export { PackageFilesError, writePackageFiles } from './build/write-package-files.js';
export type { WrittenFiles } from './build/write-package-files.js';
export { bundleConnector } from './build/bundle.js';
