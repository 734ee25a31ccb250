import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OperationMap, SharedDefinitions } from '@patchbay/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWithGeneratedTypes } from './compile-generated.test-helper.js';
import { generateOperationTypes } from './operation-types.js';

const $defs: SharedDefinitions = {
  customer: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string' }, address: { $ref: '#/$defs/address' }, referrer: { $ref: '#/$defs/customer' } },
  },
  address: { type: 'object', properties: { city: { type: 'string' } } },
  customer_list: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/$defs/customer' } }, has_more: { type: 'boolean' } } },
  '2fa': { type: 'string' },
};

const operations: OperationMap = {
  'customers.create': {
    kind: 'action',
    displayName: 'Create',
    inputSchema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' }, address: { $ref: '#/$defs/address' } } },
    outputSchema: { $ref: '#/$defs/customer' },
  },
  'customers.list': {
    kind: 'action',
    displayName: 'List',
    inputSchema: { type: 'object', additionalProperties: false, properties: { starting_after: { type: 'string' }, code: { $ref: '#/$defs/2fa' } } },
    outputSchema: { $ref: '#/$defs/customer_list' },
    pagination: { style: 'cursor', cursorParam: 'starting_after', itemsPath: 'data', cursorPath: 'data.-1.id', hasMorePath: 'has_more' },
  },
};

const APP = `import type { ShopOperations as Ops, Customer } from './operation-types.js';
const input: Ops['customers.create']['input'] = { id: 'c1', address: { city: 'Oslo' } };
declare const created: Ops['customers.create']['output'];
const referrer: Customer | undefined = created.referrer;
declare const listed: Ops['customers.list']['item'];
const listedId: string = listed.id;
const code: Ops['customers.list']['input'] = { code: 'x' };
// @ts-expect-error a shared definition's field of the wrong type
const wrong: Ops['customers.create']['input'] = { id: 'c1', address: { city: 3 } };
export { input, referrer, listedId, code, wrong };
`;

let directory: string;
let source: string;
let diagnostics: string[];

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'patchbay-shared-types-'));
  source = await generateOperationTypes({ id: 'shop', operations, $defs });
  diagnostics = (await compileWithGeneratedTypes(directory, source, { 'app.ts': APP }))['app.ts']!;
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('operation types of a module with shared definitions', () => {
  it('declares each shared definition once, named after it, and every operation type names it', () => {
    expect(source.match(/^export interface Customer\b/gm)).toHaveLength(1);
    expect(source.match(/^export interface Address\b/gm)).toHaveLength(1);
    expect(source).toContain('export type Schema2Fa = string;');
    expect(source).toMatch(/export type CustomersCreateOutput = Customer;/);
  });

  it('compiles strict, with list items found through the references', () => {
    expect(diagnostics).toEqual([]);
  });
});
