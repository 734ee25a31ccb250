import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, rejectedVendorLiterals, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotionModule } from './index.js';

/** One endpoint of Notion's official SDK: its own request description, kept as data in the SDK. */
interface Endpoint {
  method: string;
  pathParams: string[];
  queryParams: string[];
  bodyParams: string[];
  path: (parameters: Record<string, string>) => string;
}

/** Each operation's endpoint in `@notionhq/client` (its export name), or why it has none. */
const sdk: Record<string, string> = {
  'users.me': 'getSelf',
  'pages.create': 'createPage',
  'pages.retrieve': 'getPage',
  'pages.update': 'updatePage',
  'databases.retrieve': 'getDatabase',
  'blocks.children.list': 'listBlockChildren',
  'blocks.children.append': 'appendBlockChildren',
  search: 'search',
};
/**
 * The SDK describes Notion-Version 2025-09-03, where a database's rows are queried through its
 * data sources; the connector pins 2022-06-28, whose `POST /databases/{id}/query` the SDK no longer
 * lists.
 */
const pinnedVersionOnly = ['databases.query'];
/**
 * Where the pinned version is stricter than the SDK's: 2022-06-28 creates a page only under a
 * parent and with its properties (later versions also create from markdown or a template).
 */
const pinnedVersionRequires: Record<string, string[]> = { 'pages.create': ['parent', 'properties'] };

const endpoints = new Map<string, Endpoint>();
let declarations: VendorDeclarations;

beforeAll(() => {
  // The package's own package.json sits in build/ (its published layout), so the folder is read from there.
  const folder = join(vendorPackageDirectory('@notionhq/client', import.meta.url), 'src/api-endpoints');
  const load = createRequire(import.meta.url);
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.js'))) {
    for (const [name, value] of Object.entries(load(join(folder, file)) as Record<string, unknown>)) {
      if (typeof value === 'object' && value !== null && 'method' in value) endpoints.set(name, value as Endpoint);
    }
  }
  declarations = readVendorDeclarations(readdirSync(folder).filter((name) => name.endsWith('.d.ts')).map((name) => join(folder, name)));
});

const operations = Object.entries(NotionModule.operations).filter(([id]) => !pinnedVersionOnly.includes(id));
const endpointOf = (id: string) => endpoints.get(sdk[id]!)!;
const parametersType = (id: string) => `${sdk[id]!.charAt(0).toUpperCase()}${sdk[id]!.slice(1)}Parameters`;

describe('Notion operations against the official SDK (@notionhq/client@5.26.0)', () => {
  it('maps every operation of the module', () => {
    expect([...Object.keys(sdk), ...pinnedVersionOnly].sort()).toEqual(Object.keys(NotionModule.operations).sort());
  });

  it('reads endpoints and parameter types out of the SDK', () => {
    expect(endpoints.get('getPage')).toMatchObject({ method: 'get', pathParams: ['page_id'] });
    expect(declarations.shape('GetPageParameters')?.required).toEqual(new Set(['page_id']));
    expect(endpoints.has('queryDatabase')).toBe(false);
  });

  it.each(operations)('%s is sent with the SDK’s method and path', (id, operation) => {
    const endpoint = endpointOf(id);
    const template = Object.fromEntries(endpoint.pathParams.map((name) => [name, `{${name}}`]));
    expect(`${operation.http!.method} ${operation.http!.path}`).toBe(`${endpoint.method.toUpperCase()} /${endpoint.path(template)}`);
  });

  it.each(operations)('%s names only parameters and body fields the SDK defines', (id, operation) => {
    const endpoint = endpointOf(id);
    const names = new Set([...endpoint.pathParams, ...endpoint.queryParams, ...endpoint.bodyParams]);
    expect([...operationFields(operation).names].filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(operations)('%s requires exactly what the SDK requires, and what the pinned version adds', (id, operation) => {
    const required = [...(declarations.shape(parametersType(id))?.required ?? []), ...(pinnedVersionRequires[id] ?? [])];
    expect(operationFields(operation).required).toEqual(new Set(required));
  });

  it.each(operations)('%s accepts every enum value the SDK lists', (id, operation) => {
    expect(rejectedVendorLiterals(operation, declarations, parametersType(id))).toEqual([]);
  });
});
