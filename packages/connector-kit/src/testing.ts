export { describeConnectorPackage } from './testing/describe-connector-package.js';
export { useConnectorTest } from './testing/use-connector-test.js';
export type { ConnectorTestContext, ConnectorTestOptions, TestServer } from './testing/use-connector-test.js';
export { outputChecker } from './testing/output-check.js';
