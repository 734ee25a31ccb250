import type { ConnectorAuth } from '@patchbay/contract';
import type { ConnectorPlan } from './connector-plan.js';
import type { ExampleCall } from './example-call.js';
import type { ConnectorNames } from './render-source-files.js';
import { sourceLiteral, stringLiteral } from './source-literal.js';

const SECRET = 'test-secret-value';
const LISTED_OPERATIONS = 30;
// Past this many operations the contract check (every schema compiled) takes seconds, so the
// tests that run it (creating a manager, the first call, which imports and checks the module)
// get a longer timeout.
const LARGE_CONNECTOR = 200;
const SLOW_TIMEOUT = '300_000';

/** What the generated test connects with, and how the credential must appear on the request. */
function credentialCheck(auth: ConnectorAuth): { credentials: Record<string, string>; assertion: string | undefined } {
  switch (auth.strategy) {
    case 'bearer':
      return { credentials: { [auth.field ?? 'token']: SECRET }, assertion: `expect(request.headers.authorization).toBe('Bearer ${SECRET}');` };
    case 'oauth2':
      return { credentials: { accessToken: SECRET }, assertion: `expect(request.headers.authorization).toBe('Bearer ${SECRET}');` };
    case 'api_key': {
      const value = `${auth.prefix ?? ''}${SECRET}`;
      return {
        credentials: { [auth.field ?? 'apiKey']: SECRET },
        assertion:
          auth.in === 'header'
            ? `expect(request.headers[${stringLiteral(auth.name.toLowerCase())}]).toBe(${stringLiteral(value)});`
            : `expect(request.query[${stringLiteral(auth.name)}]).toBe(${stringLiteral(value)});`,
      };
    }
    case 'basic': {
      const encoded = Buffer.from(`test-user:${SECRET}`).toString('base64');
      return {
        credentials: { [auth.usernameField ?? 'username']: 'test-user', [auth.passwordField ?? 'password']: SECRET },
        assertion: `expect(request.headers.authorization).toBe('Basic ${encoded}');`,
      };
    }
    default:
      return { credentials: {}, assertion: undefined };
  }
}

/** `<name>-client.test.ts`: the connector against a stand-in server on 127.0.0.1. */
export function renderClientTest(plan: ConnectorPlan, names: ConnectorNames, example: ExampleCall): string {
  const { credentials, assertion } = credentialCheck(plan.auth);
  const basePath = new URL(plan.baseUrl).pathname.replace(/\/$/, '');
  const operation = stringLiteral(example.operation.id);
  const input = sourceLiteral(example.input, '    ');
  const jsonBody = example.operation.placement?.bodyType === undefined;
  const requestChecks = [
    `expect(request.method).toBe('${example.expected.method}');`,
    `expect(request.path).toBe(${stringLiteral(example.expected.path)});`,
    ...(Object.keys(example.expected.query).length > 0 ? [`expect(request.query).toMatchObject(${sourceLiteral(example.expected.query, '    ')});`] : []),
    ...(jsonBody ? [`expect(request.json).toEqual(${example.expected.json === undefined ? 'undefined' : sourceLiteral(example.expected.json, '    ')});`] : []),
    `expect(request.headers['user-agent']).toMatch(/^patchbay-connector-${plan.name}\\//);`,
    ...(assertion ? [assertion] : []),
  ];
  const slow = plan.operations.length > LARGE_CONNECTOR ? `, ${SLOW_TIMEOUT}` : '';
  const credentialTest = assertion
    ? `
  it('reports rejected credentials as AUTH_FAILED without echoing them', async () => {
    nextResponse = { status: 401, body: { message: 'Bad credentials' } };
    const result = await manager.execute('${plan.name}', ${operation}, ${input});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401 } });
    expect(JSON.stringify(result)).not.toContain('${SECRET}');
  });
`
    : '';
  return `import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IntegrationManager } from '@patchbay/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ${names.module} } from './index.js';

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

const requests: RecordedRequest[] = [];
let nextResponse: { status: number; body: unknown } | undefined;
let server: Server;
let standInUrl: string;
let manager: IntegrationManager;

// A stand-in for the API: records every request and answers JSON.
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      requests.push({ method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body, json });
      const { status, body: answer } = nextResponse ?? { status: 200, body: { ok: true } };
      nextResponse = undefined;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standInUrl = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}${basePath}\`;
});

afterAll(async () => {
  await manager?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// One manager for the file: creating it checks the whole module against the contract.
beforeAll(async () => {
  manager = await IntegrationManager.create({
    cwd: new URL('..', import.meta.url).pathname,
    modules: [${names.module}],
    retry: { minDelayMs: 1, maxDelayMs: 5, retries: 0 },
  });
  await manager.connect({ id: '${plan.name}', connector: '${plan.name}', credentials: ${sourceLiteral(credentials)}, config: { baseUrl: standInUrl } });
}${slow});

beforeEach(() => {
  requests.length = 0;
  nextResponse = undefined;
});

function lastRequest(): RecordedRequest {
  const request = requests.at(-1);
  if (!request) throw new Error('the stand-in received no request');
  return request;
}

describe(${stringLiteral(`${plan.displayName} connector against a stand-in server`)}, ${slow ? `{ timeout: ${SLOW_TIMEOUT} }, ` : ''}() => {
  it('sends ${example.operation.id} as the API documents it', async () => {
    const result = await manager.execute('${plan.name}', ${operation}, ${input});
    expect(result).toMatchObject({ ok: true, data: { ok: true }, meta: { attempts: 1, status: 200 } });
    expect(requests).toHaveLength(1);
    const request = lastRequest();
    ${requestChecks.join('\n    ')}
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await manager.execute('${plan.name}', ${operation}, { ...${input}, notAField: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer)).toContain('/notAField');
    expect(requests).toHaveLength(0);
  });

  it('maps a 404 to NOT_FOUND with the vendor’s message', async () => {
    nextResponse = { status: 404, body: { message: 'No such thing' } };
    const result = await manager.execute('${plan.name}', ${operation}, ${input});
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false } });
    expect(result.ok ? '' : result.error.message).toContain('No such thing');
    expect(lastRequest().path).toBe(${stringLiteral(example.expected.path)});
  });
${credentialTest}});
`;
}

/** `<name>-module.test.ts`: the contract, handlers against metadata, and the shipped catalog. */
export function renderModuleTest(plan: ConnectorPlan, names: ConnectorNames): string {
  const ids = plan.operations.map((operation) => operation.id).sort();
  const listed =
    ids.length <= LISTED_OPERATIONS
      ? `expect(Object.keys(${names.module}.operations).sort()).toEqual(${sourceLiteral(ids, '    ')});`
      : `expect(Object.keys(${names.module}.operations)).toHaveLength(${ids.length});`;
  return `import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { CLIENT_FACTORY } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { ${names.module} } from './index.js';

describe('${names.module}', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(${names.module});
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  }${plan.operations.length > LARGE_CONNECTOR ? `, ${SLOW_TIMEOUT}` : ''});

  it('has a handler for every operation and metadata for every handler', () => {
    ${listed}
    const client = ${names.module}[CLIENT_FACTORY]({ id: 'test', credentials: {}, config: {} }, {});
    expect(client.handlerIds().sort()).toEqual(Object.keys(${names.module}.operations).sort());
    for (const operation of Object.values(${names.module}.operations)) expect(operation.http?.path).toMatch(/^\\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(${names.module}));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(${names.module})));
  });
});
`;
}
