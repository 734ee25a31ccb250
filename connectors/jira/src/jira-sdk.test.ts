import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { JiraModule } from './index.js';

/** A jira.js method's request, as its source builds it: the wire names of the query and the body. */
interface SdkRequest {
  method: string;
  path: string;
  /** `parameters.<name>` of the SDK's parameters type, by wire name. */
  query: Map<string, string>;
  body: Map<string, string>;
  /** The parameters type, `Parameters.EditIssue`. */
  parametersType: string;
}

/** Each operation's method in jira.js's Platform REST API v3 client: source file and method name. */
const sdk: Record<string, [file: string, method: string]> = {
  'myself.get': ['myself.ts', 'getCurrentUser'],
  'issues.search': ['issueSearch.ts', 'searchForIssuesUsingJqlEnhancedSearchPost'],
  'issues.get': ['issues.ts', 'getIssue'],
  'issues.create': ['issues.ts', 'createIssue'],
  'issues.update': ['issues.ts', 'editIssue'],
  'issues.getTransitions': ['issues.ts', 'getTransitions'],
  'issues.doTransition': ['issues.ts', 'doTransition'],
  'issues.addComment': ['issueComments.ts', 'addComment'],
};
/** Where jira.js turns a parameter into a differently named wire field: addComment sends `comment` as the ADF `body`. */
const wireAliases: Record<string, Record<string, string>> = { 'issues.addComment': { comment: 'body' } };

let source: string;
const requests = new Map<string, SdkRequest>();
let declarations: VendorDeclarations;

/** `key: parameters.name` pairs of one object literal in the request config. */
function fields(config: string, key: 'params' | 'data'): Map<string, string> {
  const block = new RegExp(`\\n {6}${key}: \\{([\\s\\S]*?)\\n {6}\\}`).exec(config)?.[1] ?? '';
  const pairs = new Map<string, string>();
  for (const match of block.matchAll(/^ {8}(\w+)(?::\s*([^,\n]+))?,?$/gm)) {
    const parameter = /^parameters\.(\w+)/.exec(match[2] ?? `parameters.${match[1]}`)?.[1] ?? match[1]!;
    pairs.set(match[1]!, parameter);
  }
  return pairs;
}

beforeAll(() => {
  source = join(vendorPackageDirectory('jira.js', import.meta.url), 'src', 'version3');
  for (const [id, [file, method]] of Object.entries(sdk)) {
    const code = readFileSync(join(source, file), 'utf8');
    // The last overload is the implementation.
    const start = code.lastIndexOf(`async ${method}<`);
    const implementation = code.slice(start, code.indexOf('sendRequest(', start));
    const config = implementation.slice(implementation.indexOf('const config'));
    requests.set(id, {
      method: /method: '(\w+)'/.exec(config)![1]!,
      path: /url: ['`]([^'`]+)['`]/.exec(config)![1]!.replace(/\$\{parameters\.(\w+)\}/g, '{$1}'),
      query: fields(config, 'params'),
      body: fields(config, 'data'),
      parametersType: /parameters\??: (Parameters\.\w+)/.exec(implementation)?.[1] ?? '',
    });
  }
  const folder = (name: string) => readdirSync(join(source, name)).filter((file) => file.endsWith('.ts')).map((file) => join(source, name, file));
  declarations = readVendorDeclarations([...folder('parameters'), ...folder('models')]);
});

const operations = Object.entries(JiraModule.operations);

describe('Jira operations against jira.js@5.4.0 (Platform REST API v3)', () => {
  it('maps every operation of the module', () => {
    expect(Object.keys(sdk).sort()).toEqual(operations.map(([id]) => id).sort());
  });

  it('reads requests and parameter types out of the client', () => {
    expect(requests.get('issues.update')).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}', parametersType: 'Parameters.EditIssue' });
    expect(requests.get('issues.update')!.query.get('notifyUsers')).toBe('notifyUsers');
    expect(declarations.shape('EditIssue')?.required).toContain('issueIdOrKey');
  });

  it.each(operations)('%s is sent with the client’s method and path', (id, operation) => {
    const request = requests.get(id)!;
    expect(`${operation.http!.method} ${operation.http!.path}`).toBe(`${request.method} ${request.path}`);
  });

  it.each(operations)('%s names only path, query and body fields the client sends', (id, operation) => {
    const request = requests.get(id)!;
    const pathNames = [...request.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const known = new Set([...pathNames, ...request.query.keys(), ...request.body.keys()]);
    expect([...operationFields(operation).names].filter((name) => !known.has(name))).toEqual([]);
  });

  it.each(operations)('%s sends as query what the client sends as query', (id, operation) => {
    const request = requests.get(id)!;
    const { names } = operationFields(operation);
    const sentInQuery = operation.http!.method === 'GET' || operation.http!.method === 'DELETE' ? [...names] : (operation.http!.query ?? []);
    const pathNames = new Set([...request.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!));
    expect(sentInQuery.filter((name) => !pathNames.has(name) && !request.query.has(name))).toEqual([]);
  });

  it.each(operations)('%s requires every field the client’s parameters type requires', (id, operation) => {
    const request = requests.get(id)!;
    const shape = declarations.shape(request.parametersType.replace(/^Parameters\./, ''));
    const wire = new Map([...request.query, ...request.body].map(([wireName, parameter]) => [parameter, wireName]));
    const aliases = wireAliases[id] ?? {};
    const required = [...(shape?.required ?? [])].map((name) => aliases[name] ?? wire.get(name) ?? name);
    expect(required.filter((name) => !operationFields(operation).required.has(name))).toEqual([]);
  });
});
