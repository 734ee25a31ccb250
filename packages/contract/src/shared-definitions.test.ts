import { describe, expect, it } from 'vitest';
import { toCatalog, toCatalogIndex } from './catalog.js';
import { checkConnectorModule } from './check-connector-module.js';
import type { ConnectorModule } from './connector-module.js';
import type { JSONSchema } from './json-schema.js';
import { buildModuleInputSchema } from './module-input-schema.js';
import type { OperationMap } from './operation.js';
import { createSchemaCompiler } from './schema-compiler.js';
import { sharedDefinitionsUri, withSharedDefinitions, type SharedDefinitions } from './shared-definitions.js';
import { SPECIFICATION_VERSION } from './specification-version.js';

const definitions: SharedDefinitions = {
  address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
  customer: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string' }, address: { $ref: '#/$defs/address' }, referrer: { $ref: '#/$defs/customer' } },
  },
  unused: { type: 'integer' },
};

const operations: OperationMap = {
  'customers.create': {
    kind: 'action',
    displayName: 'Create a customer',
    http: { method: 'POST', path: '/customers' },
    inputSchema: { type: 'object', additionalProperties: false, properties: { customer: { $ref: '#/$defs/customer' } } },
    outputSchema: { $ref: '#/$defs/customer' },
  },
  'customers.local': {
    kind: 'action',
    displayName: 'A schema with its own definition of a shared name',
    http: { method: 'GET', path: '/local' },
    inputSchema: { type: 'object', properties: { id: { $ref: '#/$defs/customer' } }, $defs: { customer: { type: 'integer' } } },
  },
};

function moduleWith(shared: SharedDefinitions | undefined, map: OperationMap = operations): ConnectorModule {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: 'shop',
    displayName: 'Shop',
    version: '1.0.0',
    auth: { strategy: 'none' },
    operations: map,
    ...(shared ? { $defs: shared } : {}),
    inputSchema: buildModuleInputSchema(map, 'shop', shared),
    execute: async (input) => ({ ok: true, data: null, meta: { operation: input.operation, attempts: 0, durationMs: 0 } }),
  };
}

describe('shared definitions', () => {
  it('are compiled once as a resource that operation schemas refer into, with pointers into the data', () => {
    const compiler = createSchemaCompiler();
    const shared = { uri: sharedDefinitionsUri('shop'), definitions };
    const validate = compiler.compile(operations['customers.create']!.inputSchema, shared);
    expect(validate({ customer: { id: 'c1', address: { city: 'Oslo' }, referrer: { id: 'c0' } } })).toBeNull();
    expect(validate({ customer: { id: 'c1', referrer: { address: {} } } })?.map((issue) => issue.pointer).sort()).toEqual([
      '/customer/referrer/address/city',
      '/customer/referrer/id',
    ]);
    // A name the schema defines itself stays its own.
    expect(compiler.compile(operations['customers.local']!.inputSchema, shared)({ id: 3 })).toBeNull();
    // Without the shared definitions, the reference does not resolve.
    expect(() => createSchemaCompiler().compile(operations['customers.create']!.inputSchema)).toThrow(/can't resolve reference/);
  });

  it('make a schema stand alone with only the definitions it uses, transitively', () => {
    const alone = withSharedDefinitions(operations['customers.create']!.inputSchema, definitions);
    expect(Object.keys(alone.$defs ?? {})).toEqual(['address', 'customer']);
    expect(createSchemaCompiler().compile(alone)({ customer: { id: 1 } })?.map((issue) => issue.pointer)).toEqual(['/customer/id']);
    const local = withSharedDefinitions(operations['customers.local']!.inputSchema, definitions);
    expect(local.$defs?.customer).toEqual({ type: 'integer' });
  });

  it('pass the contract check, which compiles input schemas against them, and fail it when a name is missing', () => {
    expect(checkConnectorModule(moduleWith(definitions)).violations).toEqual([]);
    const broken = checkConnectorModule(moduleWith({ address: definitions.address! }));
    expect(broken.valid).toBe(false);
    expect(broken.violations.map((violation) => violation.path)).toContain('operations.customers.create.inputSchema');
    const malformed = checkConnectorModule(moduleWith({ ...definitions, bad: { type: 'no-such-type' } as unknown as JSONSchema }));
    expect(malformed.violations.map((violation) => violation.path)).toContain('$defs');
  });

  it("are embedded once in the module's inputSchema, which validates each operation's input", () => {
    const validate = createSchemaCompiler().compile(buildModuleInputSchema(operations, 'shop', definitions));
    expect(validate({ operation: 'customers.create', input: { customer: { id: 'c1' } } })).toBeNull();
    const pointers = validate({ operation: 'customers.create', input: { customer: { address: { city: 1 } } } })?.map((issue) => issue.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/input/customer/address/city', '/input/customer/id']));
  });

  it('are written once at the top of a version-2 catalog; a catalog without them stays version 1', () => {
    const catalog = toCatalog(moduleWith(definitions));
    expect(catalog.catalogVersion).toBe(2);
    expect(catalog.$defs).toEqual(definitions);
    expect(catalog.operations['customers.create']!.outputSchema).toEqual({ $ref: '#/$defs/customer' });
    expect(JSON.stringify(catalog).split('"referrer"').length - 1).toBe(1);
    expect(toCatalog(moduleWith(undefined, { 'customers.local': operations['customers.local']! })).catalogVersion).toBe(1);
    expect(toCatalogIndex(catalog)).toEqual({
      catalogVersion: 2,
      specificationVersion: SPECIFICATION_VERSION,
      id: 'shop',
      displayName: 'Shop',
      version: '1.0.0',
      operations: ['customers.create', 'customers.local'],
    });
  });
});
