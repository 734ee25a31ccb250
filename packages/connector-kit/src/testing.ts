export { describeConnectorPackage } from './testing/describe-connector-package.js';
export { useConnectorTest } from './testing/use-connector-test.js';
export type { ConnectorTestContext, ConnectorTestOptions, TestServer } from './testing/use-connector-test.js';
export { outputChecker } from './testing/output-check.js';
export { readVendorDeclarations } from './testing/vendor-declarations.js';
export type { DeclaredShape, VendorDeclarations } from './testing/vendor-declarations.js';
export { operationFields, rejectedVendorLiterals, vendorPackageDirectory } from './testing/vendor-conformance.js';
