import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { GoogleSheetsModule } from './index.js';

/** One method of Google's generated Sheets v4 client, as its code describes the request. */
interface SdkMethod {
  method: string;
  /** The path under the API root, `{+range}` written `{range}`. */
  path: string;
  requiredParams: string[];
  pathParams: string[];
}

const methods = new Map<string, SdkMethod>();
let declarations: VendorDeclarations;

beforeAll(() => {
  // @googleapis/sheets is generated from Google's discovery document: each method's request is
  // data in its code (url, method, requiredParams, pathParams), its parameters a declared interface.
  const build = join(vendorPackageDirectory('@googleapis/sheets', import.meta.url), 'build');
  const code = readFileSync(join(build, 'v4.js'), 'utf8');
  for (const resource of code.split(/^ {4}class /m).slice(1)) {
    const className = /^(Resource\$[\w$]+) \{/.exec(resource)?.[1];
    if (className === undefined) continue;
    const prefix = className.replace(/^Resource\$/, '').split('$').map((part) => part.charAt(0).toLowerCase() + part.slice(1)).join('.');
    for (const body of resource.split(/^ {8}(?=\w+\(paramsOrCallback)/m).slice(1)) {
      const name = /^(\w+)\(/.exec(body)![1]!;
      const url = /url: \(rootUrl \+\s*'([^']+)'\)/.exec(body)![1]!;
      const list = (key: string) => [...(new RegExp(`${key}: \\[([^\\]]*)\\]`).exec(body)![1]!.matchAll(/'([^']+)'/g))].map((match) => match[1]!);
      methods.set(`${prefix}.${name}`, {
        method: /method: '(\w+)'/.exec(body)![1]!,
        path: url.replace(/^\/v4/, '').replace(/\{\+/g, '{'),
        requiredParams: list('requiredParams'),
        pathParams: list('pathParams'),
      });
    }
  }
  declarations = readVendorDeclarations([join(build, 'v4.d.ts')]);
});

const operations = Object.entries(GoogleSheetsModule.operations);
/** `Params$Resource$Spreadsheets$Values$Batchget` for `spreadsheets.values.batchGet`: Google's generator capitalizes, then lower-cases the rest. */
const paramsType = (id: string) => `Params$Resource$${id.split('.').map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()).join('$')}`;

describe('Google Sheets operations against the generated client (@googleapis/sheets@14.0.0, Sheets API v4)', () => {
  it('reads the methods and their parameter types out of the client', () => {
    expect(methods.get('spreadsheets.values.get')).toEqual({ method: 'GET', path: '/spreadsheets/{spreadsheetId}/values/{range}', requiredParams: ['spreadsheetId', 'range'], pathParams: ['range', 'spreadsheetId'] });
    expect(declarations.shape(paramsType('spreadsheets.values.update'))?.names).toContain('valueInputOption');
  });

  it('has the client method of the same name for every operation', () => {
    expect(operations.map(([id]) => id).filter((id) => !methods.has(id))).toEqual([]);
  });

  it.each(operations)('%s is sent with the method and path of the client', (id, operation) => {
    const method = methods.get(id)!;
    expect(`${operation.http!.method} ${operation.http!.path}`).toBe(`${method.method} ${method.path}`);
  });

  it.each(operations)('%s names only parameters and request-body fields the client declares', (id, operation) => {
    const parameters = declarations.shape(paramsType(id))!;
    const body = parameters.types.get('requestBody');
    const bodyFields = body === undefined ? new Set<string>() : declarations.shape(body.getText())!.names;
    const known = new Set([...parameters.names, ...bodyFields]);
    expect([...operationFields(operation).names].filter((name) => !known.has(name))).toEqual([]);
  });

  it.each(operations)('%s requires every parameter the client requires', (id, operation) => {
    const { required } = operationFields(operation);
    expect(methods.get(id)!.requiredParams.filter((name) => !required.has(name))).toEqual([]);
  });
});
