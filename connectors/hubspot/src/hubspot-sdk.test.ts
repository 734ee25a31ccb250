import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, rejectedVendorLiterals, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { HubspotModule } from './index.js';

/** One request HubSpot's SDK sends, read from its generated request factories. */
interface SdkRequest {
  method: string;
  path: string;
  query: Set<string>;
  requiredQuery: Set<string>;
  body: string | undefined;
}

let declarations: VendorDeclarations;
const requests = new Map<string, SdkRequest>();

beforeAll(() => {
  // @hubspot/api-client is generated from HubSpot's OpenAPI descriptions, one folder per object type.
  const crm = join(vendorPackageDirectory('@hubspot/api-client', import.meta.url), 'lib/codegen/crm');
  const files: string[] = [];
  for (const objectType of ['contacts', 'companies', 'deals']) {
    const models = join(crm, objectType, 'models');
    files.push(...readdirSync(models).filter((file) => file.endsWith('.d.ts')).map((file) => join(models, file)));
    for (const api of readdirSync(join(crm, objectType, 'apis')).filter((file) => file.endsWith('Api.js'))) {
      for (const request of readRequests(readFileSync(join(crm, objectType, 'apis', api), 'utf8'))) requests.set(`${request.method} ${request.path}`, request);
    }
  }
  declarations = readVendorDeclarations(files);
});

/** Each request factory method: its path, HTTP method, query parameters, the ones it throws without, and its body model. */
function readRequests(source: string): SdkRequest[] {
  const found: SdkRequest[] = [];
  for (const chunk of source.split(/\n {4}(?=\w+\([\w, ]*\) \{)/)) {
    const path = /const localVarPath = '([^']+)'/.exec(chunk)?.[1];
    const method = /HttpMethod\.(\w+)/.exec(chunk)?.[1];
    if (!path || !method) continue;
    const query = new Set([...chunk.matchAll(/(?:set|append)QueryParam\("(\w+)"/g)].map((match) => match[1]!));
    const thrown = new Set([...chunk.matchAll(/RequiredError\("\w+", "\w+", "(\w+)"\)/g)].map((match) => match[1]!));
    const body = /ObjectSerializer\.serialize\(\w+, "([A-Z]\w+)", ""\), contentType/.exec(chunk)?.[1];
    found.push({ method, path, query, requiredQuery: new Set([...query].filter((name) => thrown.has(name))), body });
  }
  return found;
}

const operations = Object.entries(HubspotModule.operations);
const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
const sdkRequest = (method: string, path: string) => requests.get(`${method} ${path}`);

function documented(method: string, path: string) {
  const request = sdkRequest(method, path)!;
  const body = request.body ? declarations.shape(request.body)! : { names: new Set<string>(), required: new Set<string>() };
  return {
    names: new Set([...pathParameters(path), ...request.query, ...body.names]),
    required: new Set([...pathParameters(path), ...request.requiredQuery, ...body.required]),
  };
}

describe('HubSpot operations against the official SDK (@hubspot/api-client@13.5.0)', () => {
  it('reads requests, body models and required fields out of the SDK', () => {
    expect(sdkRequest('POST', '/crm/v3/objects/contacts')?.body).toBe('SimplePublicObjectInputForCreate');
    expect(sdkRequest('GET', '/crm/v3/objects/contacts/{contactId}')?.query.has('idProperty')).toBe(true);
    expect(declarations.shape('SimplePublicObjectInputForCreate')?.names).toEqual(new Set(['associations', 'properties']));
    expect(sdkRequest('PUT', '/crm/v3/objects/contacts')).toBeUndefined();
  });

  it.each(operations)('%s exists in the SDK with the same method and path', (_id, operation) => {
    expect(sdkRequest(operation.http!.method, operation.http!.path)).toBeDefined();
  });

  it.each(operations)('%s requires no field the SDK leaves optional, and every field it requires', (_id, operation) => {
    expect(operationFields(operation).required).toEqual(documented(operation.http!.method, operation.http!.path).required);
  });

  it.each(operations)('%s names only parameters and body fields the SDK defines', (_id, operation) => {
    const spec = documented(operation.http!.method, operation.http!.path);
    expect([...operationFields(operation).names].filter((name) => !spec.names.has(name))).toEqual([]);
  });

  it.each(operations.filter(([, operation]) => sdkRequest(operation.http!.method, operation.http!.path)?.body))('%s accepts every enum value the SDK lists', (_id, operation) => {
    const body = sdkRequest(operation.http!.method, operation.http!.path)!.body!;
    expect(rejectedVendorLiterals(operation, declarations, body)).toEqual([]);
  });

  it.each(['contacts.create', 'companies.create', 'deals.create'] as const)('%s takes the associations the description defines', (id) => {
    expect(operationFields(HubspotModule.operations[id]!).names.has('associations')).toBe(true);
  });
});
