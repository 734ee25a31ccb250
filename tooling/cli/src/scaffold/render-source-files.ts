import type { ConnectorPlan } from './connector-plan.js';
import { renderConnectionParams } from './render-connection-params.js';
import { camelCase, pascalCase } from './names.js';
import { sourceLiteral, stringLiteral } from './source-literal.js';
import { sharedDefinitionsName } from './render-operations.js';

/** The names a connector's files and exports use, all derived from its id. */
export interface ConnectorNames {
  pascal: string;
  camel: string;
  client: string;
  module: string;
  operations: string;
  auth: string;
  vendorError: string;
}

export function connectorNames(id: string): ConnectorNames {
  const pascal = pascalCase(id);
  const camel = camelCase(id);
  return {
    pascal,
    camel,
    client: `${pascal}Client`,
    module: `${pascal}Module`,
    operations: `${camel}Operations`,
    auth: `${camel}Auth`,
    vendorError: `${camel}VendorError`,
  };
}

const AUTH_TYPES = { oauth2: 'OAuth2Auth', api_key: 'ApiKeyAuth', bearer: 'BearerAuth', basic: 'BasicAuth', none: 'NoAuth', custom: 'CustomAuth' };

export function renderAuth(plan: ConnectorPlan, names: ConnectorNames): string {
  const type = AUTH_TYPES[plan.auth.strategy];
  return `import type { ${type} } from '@patchbay/contract';

/**
 * How a connection to ${plan.displayName} authenticates. \`environment\` names the variables
 * \`patchbay run\` and apps read each credential field from.
 */
export const ${names.auth}: ${type} = ${sourceLiteral(plan.auth)};
`;
}

export function renderVendorError(plan: ConnectorPlan, names: ConnectorNames): string {
  return `import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface ${names.pascal}ErrorBody {
  message?: unknown;
  error?: unknown;
  error_description?: unknown;
  detail?: unknown;
  title?: unknown;
}

/**
 * Reads ${plan.displayName}'s error body. Covers the common shapes (\`{ message }\`,
 * \`{ error: { message } }\`, OAuth's \`error_description\`, RFC 9457 \`{ title, detail }\`); adjust
 * it to the vendor's documented format.
 */
export function ${names.vendorError}(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  if (typeof response.data === 'string') return response.data ? { message: response.data.slice(0, 300) } : undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as ${names.pascal}ErrorBody;
  const nested = typeof body.error === 'object' && body.error !== null ? (body.error as { message?: unknown }).message : body.error;
  const message = [body.message, nested, body.error_description, body.detail, body.title].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  );
  return message === undefined ? { details: body } : { message, details: body };
}
`;
}

/**
 * `<name>-module.ts`: the client class, all definition (every operation is sent from its `http`
 * entry, so it registers no handler), and the module made from it.
 */
export function renderModule(plan: ConnectorPlan, names: ConnectorNames): string {
  const shared = Object.keys(plan.definitions).length > 0;
  const fields = [
    `  id: ${stringLiteral(plan.name)},`,
    `  displayName: ${stringLiteral(plan.displayName)},`,
    '  version: VERSION,',
    `  description: ${stringLiteral(plan.description)},`,
    ...(plan.documentationUrl ? [`  documentationUrl: ${stringLiteral(plan.documentationUrl)},`] : []),
    `  operations: ${names.operations},`,
    ...(shared ? [`  $defs: ${sharedDefinitionsName(names)},`] : []),
  ];
  const owned = renderConnectionParams(plan);
  return `${owned.imports}import { BaseAPIClient } from '@patchbay/runtime';
import { ${names.auth} } from './auth.js';
import { ${names.vendorError} } from './${plan.name}-error.js';
import { ${shared ? `${sharedDefinitionsName(names)}, ` : ''}${names.operations} } from './operations.js';
import { VERSION } from './version.js';
${owned.helper}
/** ${plan.displayName} API client, one per connection. \`config.baseUrl\` points it at another host. */
export class ${names.client} extends BaseAPIClient.define({
  auth: ${names.auth},
  baseUrl: ${stringLiteral(plan.baseUrl)},
  headers: {
    accept: 'application/json',
    'user-agent': \`patchbay-connector-${plan.name}/\${VERSION}\`,
  },
  vendorError: ${names.vendorError},
${owned.entry}}) {}

/** The ${plan.displayName} connector module, discovered through this package's \`patchbay\` metadata. */
export const ${names.module} = ${names.client}.toConnectorModule({
${fields.join('\n')}
});
`;
}

export function renderIndex(plan: ConnectorPlan, names: ConnectorNames): string {
  return `export { ${names.client}, ${names.module} } from './${plan.name}-module.js';
export { ${names.operations} } from './operations.js';
export { ${names.auth} } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
`;
}

export const VERSION_SOURCE = `declare const __PACKAGE_VERSION__: string;

export const VERSION: string = __PACKAGE_VERSION__;
`;
