import type { ConnectorPlan } from './connector-plan.js';
import type { ExampleCall, ExampleCalls } from './example-call.js';
import type { ConnectorNames } from './render-source-files.js';
import { sourceLiteral, stringLiteral } from './source-literal.js';
import { SECRET, testCredentials, type CredentialCheck } from './test-credentials.js';

/** `<name>-client.test.ts`: the connector against a stand-in server on 127.0.0.1, through the kit's test harness. */
export function renderClientTest(plan: ConnectorPlan, names: ConnectorNames, examples: ExampleCalls): string {
  const credential = testCredentials(plan);
  const basePath = new URL(plan.baseUrl).pathname.replace(/\/$/, '');
  const main = examples.main;
  const call = (example: { operation: { id: string }; input: object }) =>
    `connector.manager.execute(${stringLiteral(plan.name)}, ${stringLiteral(example.operation.id)}, ${sourceLiteral(example.input, '    ')})`;
  const requestTests = examples.requests.map((example) => renderRequestTest(example, call(example), plan.name, credential));
  const invalid = examples.invalid;
  const validationTest = invalid
    ? `
  it('rejects invalid input before sending anything', async () => {
    const result = await ${call(invalid)};
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer)).toContain(${stringLiteral(invalid.pointer)});
    expect(connector.standIn.requests).toHaveLength(0);
  });
`
    : '';
  const credentialTest = credential.assertion
    ? `
  it('reports rejected credentials as AUTH_FAILED without echoing them', async () => {
    connector.standIn.answerNext(401, { message: 'Bad credentials' });${credential.tokenEndpoint ? `
    // After a 401 the runtime fetches a new token once; the token endpoint refuses the client.
    connector.standIn.answerNext(401, { error: 'invalid_client' });` : ''}
    const result = await ${call(main)};
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401 } });
    expect(JSON.stringify(result)).not.toContain('${SECRET}');
  });
`
    : '';
  return `import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { describe, expect, it } from 'vitest';
import { ${names.module} } from './index.js';

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** A stand-in for the API: records every request and answers, as JSON, what the test queued. */
async function startStandIn() {
  const requests: RecordedRequest[] = [];
  const answers: { status: number; body: unknown }[] = [];
  const server = createServer((request, response) => {
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
      const answer = answers.shift() ?? { status: 500, body: { message: 'The test queued no answer' } };
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: \`http://127.0.0.1:\${(server.address() as AddressInfo).port}${basePath}\`,
    requests,
    answerNext(status: number, body: unknown): void {
      answers.push({ status, body });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const connector = useConnectorTest({
  module: ${names.module},
  start: startStandIn,
  connect: (standIn) => ({ credentials: ${sourceLiteral(credential.credentials)}, config: { baseUrl: standIn.url${credential.tokenEndpoint ? `, tokenUrl: \`\${standIn.url}${credential.tokenEndpoint}\`` : ''} } }),
});

describe(${stringLiteral(`${plan.displayName} connector against a stand-in server`)}, () => {
${requestTests.join('\n')}${validationTest}
  it('maps a 404 to NOT_FOUND with the vendor’s message', async () => {
    connector.standIn.answerNext(404, { message: 'No such thing' });
    const result = await ${call(main)};
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false } });
    expect(result.ok ? '' : result.error.message).toContain('No such thing');
    expect(connector.lastRequest().path).toBe(${stringLiteral(main.expected.path)});
  });
${credentialTest}});
`;
}

/** One test: the call succeeds with the stand-in's answer, and the request is the one the operation's `http` describes. */
function renderRequestTest(example: ExampleCall, call: string, connectorId: string, credential: CredentialCheck): string {
  const { expected } = example;
  const body = expected.body;
  const checks = [
    `expect(request.method).toBe('${expected.method}');`,
    `expect(request.path).toBe(${stringLiteral(expected.path)});`,
    ...(Object.keys(expected.query).length > 0 ? [`expect(request.query).toMatchObject(${sourceLiteral(expected.query, '    ')});`] : []),
    ...Object.entries(expected.headers)
      .filter(([name]) => name !== credential.header)
      .map(([name, value]) => `expect(request.headers[${stringLiteral(name)}]).toBe(${stringLiteral(value)});`),
    body === undefined
      ? "expect(request.body).toBe('');"
      : 'json' in body
        ? `expect(request.json).toEqual(${sourceLiteral(body.json, '    ')});`
        : 'form' in body
          ? `expect(Object.fromEntries(new URLSearchParams(request.body))).toMatchObject(${sourceLiteral(body.form, '    ')});`
          : `expect(request.body).toBe(${stringLiteral(body.text)});`,
    `expect(request.headers['user-agent']).toMatch(/^patchbay-connector-${connectorId}\\//);`,
    ...(credential.assertion ? [credential.assertion] : []),
  ];
  const response = sourceLiteral(example.response, '    ');
  return `  it('sends ${example.operation.id} as the API documents it', async () => {
    connector.standIn.answerNext(200, ${response});
    const result = await ${call};
    expect(result).toMatchObject({ ok: true, data: ${response}, meta: { attempts: 1, status: 200 } });
    expect(connector.standIn.requests).toHaveLength(1);
    const request = connector.lastRequest();
    ${checks.join('\n    ')}
  });
`;
}

/**
 * `<name>-module.test.ts`: the package-level tests every connector runs, from the kit. A new
 * package has recorded nothing yet, so it does not require a fixture per operation until its
 * author records them (`patchbay record`) and drops the option.
 */
export function renderModuleTest(names: ConnectorNames): string {
  return `import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { ${names.module} } from './index.js';

describeConnectorPackage(${names.module}, new URL('..', import.meta.url), { requireFixtures: false });
`;
}
