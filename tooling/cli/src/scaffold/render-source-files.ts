import type { ConnectorPlan, PlannedOperation } from './connector-plan.js';
import { camelCase, pascalCase } from './names.js';
import { inlineLiteral, sourceLiteral, stringLiteral } from './source-literal.js';

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

export function renderClient(plan: ConnectorPlan, names: ConnectorNames): string {
  const usesPlacement = plan.operations.some((operation) => operation.placement !== undefined);
  const runtimeImports = ['BaseAPIClient', 'type ClientOptions', 'type HttpResponse', ...(usesPlacement ? ['type QueryValue', 'type RequestOptions'] : []), 'type VendorErrorInfo'];
  const registrations = plan.operations.map(renderRegistration).join('\n');
  return `import type { ConnectionContext } from '@patchbay/contract';
import { ${runtimeImports.join(', ')} } from '@patchbay/runtime';
import { ${names.auth} } from './auth.js';
import { ${names.vendorError} } from './${plan.name}-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** ${plan.displayName} API client, one per connection. \`config.baseUrl\` points it at another host. */
export class ${names.client} extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: ${names.auth},
      baseUrl: ${stringLiteral(plan.baseUrl)},
      headers: {
        accept: 'application/json',
        'user-agent': \`patchbay-connector-${plan.name}/\${VERSION}\`,
      },
    });
${registrations}
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return ${names.vendorError}(response);
  }
}
${usesPlacement ? REQUEST_PARTS : ''}`;
}

function renderRegistration(operation: PlannedOperation): string {
  const base = `method: '${operation.method}', path: ${stringLiteral(operation.path)}, params: input`;
  const request = operation.placement ? `{ ${base}, ...requestParts(input, ${inlineLiteral(operation.placement)}) }` : `{ ${base} }`;
  const single = `    this.register<Input>(${stringLiteral(operation.id)}, (input, call) => call.request(${request}));`;
  if (single.length <= 130) return single;
  return `    this.register<Input>(${stringLiteral(operation.id)}, (input, call) =>\n      call.request(${request}),\n    );`;
}

// Emitted only when the document places fields in the query of a POST, in headers, or sends a
// body the runtime's default split (rest of the input as query or JSON body) would not build.
const REQUEST_PARTS = `
interface Placement {
  /** Input field → query parameter. */
  query?: Record<string, string>;
  /** Input field → header. */
  headers?: Record<string, string>;
  /** The input field holding the body, or the input fields making up the body object. */
  body?: string | string[];
  bodyType?: 'form' | 'raw';
  contentType?: string;
}

/** Splits an operation's input into query, headers and body as the API document places them. */
function requestParts(input: Input, placement: Placement): Omit<RequestOptions, 'method' | 'path' | 'params'> {
  const query: Record<string, QueryValue> = {};
  for (const [field, name] of Object.entries(placement.query ?? {})) {
    if (input[field] !== undefined) query[name] = input[field] as QueryValue;
  }
  const headers: Record<string, string> = {};
  for (const [field, name] of Object.entries(placement.headers ?? {})) {
    if (input[field] !== undefined) headers[name] = String(input[field]);
  }
  if (placement.contentType) headers['content-type'] = placement.contentType;
  const parts: Omit<RequestOptions, 'method' | 'path' | 'params'> = { query, headers };
  if (typeof placement.body === 'string') parts.body = input[placement.body];
  else if (placement.body) parts.body = Object.fromEntries(placement.body.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
  if (placement.bodyType) parts.bodyType = placement.bodyType;
  return parts;
}
`;

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

export function renderModule(plan: ConnectorPlan, names: ConnectorNames): string {
  const fields = [
    `  id: ${stringLiteral(plan.name)},`,
    `  displayName: ${stringLiteral(plan.displayName)},`,
    '  version: VERSION,',
    `  description: ${stringLiteral(plan.description)},`,
    ...(plan.documentationUrl ? [`  documentationUrl: ${stringLiteral(plan.documentationUrl)},`] : []),
    `  operations: ${names.operations},`,
  ];
  return `import { ${names.client} } from './${plan.name}-client.js';
import { ${names.operations} } from './operations.js';
import { VERSION } from './version.js';

/** The ${plan.displayName} connector module, discovered through this package's \`patchbay\` metadata. */
export const ${names.module} = ${names.client}.toConnectorModule({
${fields.join('\n')}
});
`;
}

export function renderIndex(plan: ConnectorPlan, names: ConnectorNames): string {
  return `export { ${names.module} } from './${plan.name}-module.js';
export { ${names.client} } from './${plan.name}-client.js';
export { ${names.operations} } from './operations.js';
export { ${names.auth} } from './auth.js';
export { VERSION } from './version.js';
`;
}

export const VERSION_SOURCE = `declare const __PACKAGE_VERSION__: string;

export const VERSION: string = __PACKAGE_VERSION__;
`;
