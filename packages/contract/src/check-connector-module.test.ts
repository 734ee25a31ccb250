import { describe, expect, it } from 'vitest';
import { checkConnectorModule, type ContractCheckResult, type ContractViolation } from './check-connector-module.js';
import type { ConnectorModule } from './connector-module.js';
import type { ConnectorExecuteInput, ConnectorExecuteOutput } from './execute.js';
import { buildModuleInputSchema } from './module-input-schema.js';
import type { OperationMap } from './operation.js';
import { SPECIFICATION_VERSION } from './specification-version.js';

function makeOperations(): OperationMap {
  return {
    'issues.create': {
      kind: 'action',
      displayName: 'Create issue',
      inputSchema: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1 }, body: { type: 'string' } },
        additionalProperties: false,
      },
      outputSchema: { type: 'object', properties: { number: { type: 'integer' } } },
    },
    'issues.new': {
      kind: 'trigger',
      displayName: 'New issue',
      inputSchema: { type: 'object', properties: { since: { type: 'string', format: 'date-time' } } },
      pagination: { style: 'cursor', cursorParam: 'cursor', itemsPath: 'items' },
    },
  };
}

/** A fresh module that satisfies the contract; each test changes its own copy. */
function makeModule(): ConnectorModule {
  const operations = makeOperations();
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: 'tracker',
    displayName: 'Tracker',
    version: '1.2.3',
    description: 'Issue tracker',
    baseUrl: 'https://api.tracker.test',
    auth: {
      strategy: 'bearer',
      credentialsSchema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
    },
    operations,
    inputSchema: buildModuleInputSchema(operations),
    async execute(input: ConnectorExecuteInput): Promise<ConnectorExecuteOutput> {
      return { ok: true, data: { echoed: input.input }, meta: { operation: input.operation, attempts: 1, durationMs: 0 } };
    },
  };
}

/** The module with some top-level keys replaced; a key set to `undefined` is removed. */
function withChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const module: Record<string, unknown> = { ...makeModule() };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete module[key];
    else module[key] = value;
  }
  return module;
}

/** Violations of an invalid result; fails the test when the result is valid. */
function violationsOf(result: ContractCheckResult): ContractViolation[] {
  expect(result.valid).toBe(false);
  return result.violations;
}

describe('checkConnectorModule', () => {
  it('accepts a module with two operations, bearer auth and an async execute, with zero violations', async () => {
    const module = makeModule();
    const result = checkConnectorModule(module);

    expect(result).toEqual({ valid: true, module, violations: [] });
    if (!result.valid) throw new Error('expected a valid module');
    expect(result.module).toBe(module);
    const output = await result.module.execute({
      operation: 'issues.create',
      input: { title: 'x' },
      connection: { id: 'c1', credentials: { token: 't' }, config: {} },
    });
    expect(output).toEqual({
      ok: true,
      data: { echoed: { title: 'x' } },
      meta: { operation: 'issues.create', attempts: 1, durationMs: 0 },
    });
  });

  it.each([
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a string', 'github', 'string'],
    ['a number', 42, 'number'],
    ['an array', [makeModule()], 'an array'],
    ['a function', () => makeModule(), 'function'],
  ])('rejects %s as a non-object at the root path', (_label, value, kind) => {
    expect(violationsOf(checkConnectorModule(value))).toEqual([{ path: '', message: `must be an object, got ${kind}` }]);
  });

  describe('specificationVersion', () => {
    it('reports a missing version and names the supported one', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ specificationVersion: undefined })))).toEqual([
        { path: 'specificationVersion', message: `is missing; this runtime speaks ${SPECIFICATION_VERSION}` },
      ]);
    });

    it.each(['patchbay.connector/v2', 'v1', 1])('reports the unsupported version %j and names the supported one', (version) => {
      expect(violationsOf(checkConnectorModule(withChanges({ specificationVersion: version })))).toEqual([
        {
          path: 'specificationVersion',
          message: `${JSON.stringify(version)} is not supported; this runtime speaks ${SPECIFICATION_VERSION}`,
        },
      ]);
    });
  });

  it.each([
    ['missing', undefined],
    ['uppercase', 'GitHub'],
    ['with a space', 'my connector'],
    ['with an underscore', 'my_connector'],
    ['starting with a dash', '-github'],
    ['empty', ''],
    ['not a string', 7],
  ])('reports an id that is %s', (_label, id) => {
    expect(violationsOf(checkConnectorModule(withChanges({ id })))).toEqual([
      { path: 'id', message: 'must be lowercase letters, digits and dashes' },
    ]);
  });

  it('accepts ids made of lowercase letters, digits and dashes', () => {
    for (const id of ['github', 'google-sheets', '1password', 'a']) {
      expect(checkConnectorModule(withChanges({ id })).violations).toEqual([]);
    }
  });

  it.each(['displayName', 'version'])('reports a missing or empty %s', (key) => {
    const expected = [{ path: key, message: 'must be a non-empty string' }];
    expect(violationsOf(checkConnectorModule(withChanges({ [key]: undefined })))).toEqual(expected);
    expect(violationsOf(checkConnectorModule(withChanges({ [key]: '' })))).toEqual(expected);
    expect(violationsOf(checkConnectorModule(withChanges({ [key]: 1 })))).toEqual(expected);
  });

  it('reports a baseUrl that is not an http(s) URL', () => {
    expect(violationsOf(checkConnectorModule(withChanges({ baseUrl: 'ftp://files.test' })))).toEqual([
      { path: 'baseUrl', message: 'must be an http(s) URL' },
    ]);
  });

  describe('auth', () => {
    it('reports a missing auth facet', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ auth: undefined })))).toEqual([
        { path: 'auth', message: 'must be an object, got undefined' },
      ]);
    });

    it('reports an unknown strategy and lists the known ones', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ auth: { strategy: 'magic' } })))).toEqual([
        { path: 'auth.strategy', message: '"magic" is not one of oauth2, api_key, bearer, basic, none, custom' },
      ]);
    });

    it('reports oauth2 without a tokenUrl', () => {
      const auth = { strategy: 'oauth2', authorizationUrl: 'https://tracker.test/authorize', scopes: ['repo'] };
      expect(violationsOf(checkConnectorModule(withChanges({ auth })))).toEqual([
        { path: 'auth.tokenUrl', message: 'must be an http(s) URL' },
      ]);
    });

    it('reports oauth2 URLs that are not http(s) and scopes that are not strings', () => {
      const auth = {
        strategy: 'oauth2',
        tokenUrl: 'https://tracker.test/token',
        authorizationUrl: 'not a url',
        refreshUrl: 'javascript:alert(1)',
        scopes: ['repo', 3],
      };
      expect(violationsOf(checkConnectorModule(withChanges({ auth })))).toEqual([
        { path: 'auth.authorizationUrl', message: 'must be an http(s) URL' },
        { path: 'auth.refreshUrl', message: 'must be an http(s) URL' },
        { path: 'auth.scopes', message: 'must be an array of strings' },
      ]);
    });

    it('accepts a complete oauth2 declaration', () => {
      const auth = {
        strategy: 'oauth2',
        authorizationUrl: 'https://tracker.test/authorize',
        tokenUrl: 'https://tracker.test/token',
        refreshUrl: 'https://tracker.test/refresh',
        scopes: ['repo', 'user'],
        pkce: true,
      };
      expect(checkConnectorModule(withChanges({ auth })).violations).toEqual([]);
    });

    it('reports api_key without `in` and `name`', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ auth: { strategy: 'api_key' } })))).toEqual([
        { path: 'auth.in', message: 'must be "header", "query" or "cookie"' },
        { path: 'auth.name', message: 'must be a non-empty string' },
      ]);
    });

    it('accepts an api_key in a header, a query parameter or a cookie', () => {
      for (const place of ['header', 'query', 'cookie']) {
        expect(checkConnectorModule(withChanges({ auth: { strategy: 'api_key', in: place, name: 'session' } })).violations).toEqual([]);
      }
    });

    it('reports api_key placed somewhere other than a header, query or cookie', () => {
      const auth = { strategy: 'api_key', in: 'body', name: 'session' };
      expect(violationsOf(checkConnectorModule(withChanges({ auth })))).toEqual([
        { path: 'auth.in', message: 'must be "header", "query" or "cookie"' },
      ]);
    });

    it('reports a credentialsSchema that does not compile', () => {
      const auth = { strategy: 'bearer', credentialsSchema: { type: 'object', properties: { token: { type: 'text' } } } };
      expect(violationsOf(checkConnectorModule(withChanges({ auth })))).toEqual([
        { path: 'auth.credentialsSchema', message: expect.stringMatching(/^does not compile: /) },
      ]);
    });
  });

  describe('operations', () => {
    it('reports a missing or empty operations facet', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ operations: undefined })))).toEqual([
        { path: 'operations', message: 'must be an object keyed by operation id, got undefined' },
      ]);
      expect(violationsOf(checkConnectorModule(withChanges({ operations: {}, inputSchema: { type: 'object' } })))).toEqual([
        { path: 'operations', message: 'must declare at least one operation' },
      ]);
    });

    it('reports an operation without an inputSchema', () => {
      const operations = makeOperations() as unknown as Record<string, Record<string, unknown>>;
      delete operations['issues.create']!.inputSchema;
      expect(violationsOf(checkConnectorModule(withChanges({ operations })))).toEqual([
        { path: 'operations.issues.create.inputSchema', message: 'is missing' },
      ]);
    });

    it.each([
      ['string', { type: 'string' }],
      ['array', { type: 'array', items: { type: 'string' } }],
      ['absent', { properties: { a: { type: 'string' } } }],
    ])('reports an operation inputSchema whose type is %s rather than object', (_label, schema) => {
      const operations = makeOperations();
      operations['issues.new']!.inputSchema = schema as never;
      expect(violationsOf(checkConnectorModule(withChanges({ operations, inputSchema: buildModuleInputSchema(operations) })))).toEqual([
        { path: 'operations.issues.new.inputSchema.type', message: 'must be "object": an operation takes an input object' },
      ]);
    });

    it('reports an operation inputSchema that is not a schema at all', () => {
      const operations = makeOperations();
      operations['issues.new']!.inputSchema = 'object' as never;
      expect(violationsOf(checkConnectorModule(withChanges({ operations })))).toEqual([
        { path: 'operations.issues.new.inputSchema', message: 'must be a JSON Schema object, got string' },
      ]);
    });

    it.each([
      ['an unknown type', { type: 'object', properties: { a: { type: 'nope' } } }, /schema is invalid/],
      ['an unresolvable $ref', { $ref: '#/missing' }, /can't resolve reference #\/missing/],
    ])('reports an operation inputSchema with %s as not compiling', (_label, schema, reason) => {
      const operations = makeOperations();
      operations['issues.create']!.inputSchema = schema as never;
      // The top-level schema keeps the original input schemas, so only the operation is at fault.
      expect(violationsOf(checkConnectorModule(withChanges({ operations })))).toEqual([
        { path: 'operations.issues.create.inputSchema', message: expect.stringMatching(/^does not compile: /) },
      ]);
      const [violation] = violationsOf(checkConnectorModule(withChanges({ operations })));
      expect(violation!.message).toMatch(reason);
    });

    it('reports an outputSchema that is not a valid JSON Schema', () => {
      const operations = makeOperations();
      operations['issues.create']!.outputSchema = { type: 'object', properties: { n: { type: 'int' as never } } };
      expect(violationsOf(checkConnectorModule(withChanges({ operations })))).toEqual([
        { path: 'operations.issues.create.outputSchema', message: expect.stringMatching(/^is not a valid JSON Schema: schema\/properties\/n\/type/) },
      ]);
    });

    it('only meta-validates input schemas when asked not to compile them', () => {
      const operations = makeOperations();
      operations['issues.create']!.inputSchema = { type: 'object', properties: { a: { $ref: '#/missing' } } };
      expect(checkConnectorModule(withChanges({ operations }), { compileSchemas: false }).violations).toEqual([]);
      expect(violationsOf(checkConnectorModule(withChanges({ operations })))).toEqual([
        { path: 'operations.issues.create.inputSchema', message: expect.stringMatching(/^does not compile: can't resolve reference #\/missing/) },
      ]);
      operations['issues.create']!.inputSchema = { type: 'object', properties: { a: { type: 'nope' as never } } };
      expect(violationsOf(checkConnectorModule(withChanges({ operations }), { compileSchemas: false }))).toEqual([
        { path: 'operations.issues.create.inputSchema', message: expect.stringMatching(/^is not a valid JSON Schema/) },
      ]);
    });

    it('reports a bad kind and a missing displayName', () => {
      const operations = makeOperations() as unknown as Record<string, Record<string, unknown>>;
      operations['issues.create']!.kind = 'query';
      delete operations['issues.create']!.displayName;
      expect(violationsOf(checkConnectorModule(withChanges({ operations })))).toEqual([
        { path: 'operations.issues.create.kind', message: 'must be "action" or "trigger"' },
        { path: 'operations.issues.create.displayName', message: 'must be a non-empty string' },
      ]);
    });
  });

  describe('inputSchema', () => {
    it('reports a missing top-level inputSchema', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ inputSchema: undefined })))).toEqual([
        { path: 'inputSchema', message: 'is missing' },
      ]);
    });

    it('reports a top-level inputSchema that is not a valid JSON Schema', () => {
      expect(violationsOf(checkConnectorModule(withChanges({ inputSchema: { type: 'objekt' as never } })))).toEqual([
        { path: 'inputSchema', message: expect.stringMatching(/^is not a valid JSON Schema/) },
      ]);
    });

    it('names the operation a top-level inputSchema does not cover', () => {
      const { 'issues.create': create } = makeOperations();
      const inputSchema = buildModuleInputSchema({ 'issues.create': create! });
      expect(violationsOf(checkConnectorModule(withChanges({ inputSchema })))).toEqual([
        { path: 'inputSchema', message: 'does not cover operation(s) issues.new' },
      ]);
    });

    it('names every uncovered operation', () => {
      const inputSchema = { type: 'object', properties: { operation: { type: 'string' }, input: { type: 'object' } } };
      expect(violationsOf(checkConnectorModule(withChanges({ inputSchema })))).toEqual([
        { path: 'inputSchema', message: 'does not cover operation(s) issues.create, issues.new' },
      ]);
    });
  });

  it.each([
    ['missing', undefined, 'undefined'],
    ['a string', 'execute', 'string'],
    ['an object', { run: () => undefined }, 'object'],
  ])('reports an execute that is %s', (_label, execute, kind) => {
    expect(violationsOf(checkConnectorModule(withChanges({ execute })))).toEqual([
      { path: 'execute', message: `must be a function, got ${kind}` },
    ]);
  });

  it('reports every violation of a module with several problems at once', () => {
    const operations = makeOperations() as unknown as Record<string, Record<string, unknown>>;
    delete operations['issues.create']!.inputSchema;
    operations['issues.new']!.inputSchema = { type: 'array' };
    const module = withChanges({
      specificationVersion: 'patchbay.connector/v0',
      id: 'Bad Id',
      displayName: '',
      version: undefined,
      auth: { strategy: 'api_key', in: 'body' },
      operations,
      inputSchema: { type: 'object', required: ['operation', 'input'] },
      execute: null,
    });

    const violations = violationsOf(checkConnectorModule(module));

    expect(violations.map((violation) => violation.path)).toEqual([
      'specificationVersion',
      'id',
      'displayName',
      'version',
      'auth.in',
      'auth.name',
      'operations.issues.create.inputSchema',
      'operations.issues.new.inputSchema.type',
      'inputSchema',
      'execute',
    ]);
    expect(violations).toHaveLength(10);
    expect(violations).toContainEqual({ path: 'inputSchema', message: 'does not cover operation(s) issues.create, issues.new' });
    expect(violations).toContainEqual({ path: 'execute', message: 'must be a function, got null' });
  });
});

describe('checkConnectorModule auth alternatives', () => {
  const base = {
    specificationVersion: 'patchbay.connector/v1',
    id: 'jira-like',
    displayName: 'Jira-like',
    version: '1.0.0',
    operations: { 'me.get': { kind: 'action', displayName: 'Me', inputSchema: { type: 'object' } } },
    inputSchema: {
      type: 'object',
      allOf: [{ if: { properties: { operation: { const: 'me.get' } } }, then: { properties: { input: { type: 'object' } } } }],
    },
    execute: async () => ({ ok: true, data: null, meta: { operation: 'me.get', attempts: 0, durationMs: 0 } }),
  };

  it('accepts well-formed alternatives and reports each broken one at its own path', () => {
    const oauth = { strategy: 'oauth2', tokenUrl: 'https://auth.example.test/token', scopes: ['read'] };
    expect(checkConnectorModule({ ...base, auth: { strategy: 'basic', alternatives: [oauth] } }).violations).toEqual([]);
    const result = checkConnectorModule({
      ...base,
      auth: { strategy: 'basic', alternatives: [{ strategy: 'oauth2' }, { strategy: 'magic' }] },
    });
    expect(result.violations).toEqual([
      { path: 'auth.alternatives.0.tokenUrl', message: 'must be an http(s) URL' },
      { path: 'auth.alternatives.1.strategy', message: '"magic" is not one of oauth2, api_key, bearer, basic, none, custom' },
    ]);
    expect(checkConnectorModule({ ...base, auth: { strategy: 'basic', alternatives: 'oauth2' } }).violations).toEqual([
      { path: 'auth.alternatives', message: 'must be an array of auth declarations' },
    ]);
  });
});

describe('checkConnectorModule wire definitions and handlers', () => {
  it('reports every malformed part of an http definition', () => {
    const module = makeModule();
    module.operations['issues.create']!.http = { method: 'FETCH', path: 'issues', bodyType: 'xml', query: [1], headers: { a: 2 } } as never;
    expect(violationsOf(checkConnectorModule(module, { compileSchemas: false }))).toEqual([
      { path: 'operations.issues.create.http.method', message: 'must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' },
      { path: 'operations.issues.create.http.path', message: 'must be a path starting with "/"' },
      { path: 'operations.issues.create.http.bodyType', message: 'must be one of json, form, multipart, raw' },
      { path: 'operations.issues.create.http.query', message: 'must be an array of input field names' },
      { path: 'operations.issues.create.http.headers', message: 'must map names to strings' },
    ]);
  });

  it('with the handled operations given, refuses an operation with neither http nor handler, and a handler with no operation', () => {
    const module = makeModule();
    module.operations['issues.create']!.http = { method: 'POST', path: '/issues' };
    expect(checkConnectorModule(module, { handledOperations: ['issues.new'] }).violations).toEqual([]);
    expect(violationsOf(checkConnectorModule(module, { handledOperations: ['issues.close'] }))).toEqual([
      { path: 'operations.issues.new', message: 'has neither an http definition nor a handler' },
      { path: 'operations.issues.close', message: 'has a handler but no definition' },
    ]);
    // Without the list (a plain module runs every operation in its own execute) nothing is required.
    expect(checkConnectorModule(module).violations).toEqual([]);
  });
});
