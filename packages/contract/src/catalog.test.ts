import { describe, expect, it } from 'vitest';
import { toCatalog } from './catalog.js';
import type { ConnectorModule } from './connector-module.js';
import { buildModuleInputSchema } from './module-input-schema.js';
import type { OperationMap } from './operation.js';
import { SPECIFICATION_VERSION } from './specification-version.js';

function makeModule(): ConnectorModule {
  const operations: OperationMap = {
    'issues.create': {
      kind: 'action',
      displayName: 'Create issue',
      description: 'Opens an issue',
      inputSchema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
      outputSchema: { type: 'object', properties: { number: { type: 'integer' } } },
      rateLimit: { limit: 30, intervalMs: 60_000 },
      idempotent: false,
      http: { method: 'POST', path: '/issues' },
    },
    'issues.list': {
      kind: 'trigger',
      displayName: 'List issues',
      inputSchema: { type: 'object', properties: { state: { enum: ['open', 'closed'] } } },
      idempotent: true,
      pagination: { style: 'link', cursorParam: 'page' },
      deprecated: 'Use issues.search',
    },
  };
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: 'tracker',
    displayName: 'Tracker',
    version: '2.0.0',
    description: 'Issue tracker',
    baseUrl: 'https://api.tracker.test',
    rateLimit: { limit: 5000, intervalMs: 3_600_000, maxConcurrent: 10 },
    documentationUrl: 'https://docs.tracker.test',
    auth: {
      strategy: 'oauth2',
      authorizationUrl: 'https://tracker.test/authorize',
      tokenUrl: 'https://tracker.test/token',
      scopes: ['repo', 'user'],
      pkce: true,
      credentialsSchema: { type: 'object', required: ['accessToken'], properties: { accessToken: { type: 'string' } } },
    },
    operations,
    inputSchema: buildModuleInputSchema(operations),
    execute: async ({ operation }) => ({ ok: true, data: null, meta: { operation, attempts: 0, durationMs: 0 } }),
  };
}

function findFunctions(value: unknown, path = '$'): string[] {
  if (typeof value === 'function') return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => findFunctions(child, `${path}.${key}`));
}

describe('toCatalog', () => {
  it('keeps the metadata, auth and operations and stamps the catalog version', () => {
    const module = makeModule();
    expect(toCatalog(module)).toEqual({
      // Version 1 while the module has no shared definitions, so older runtimes still read it.
      catalogVersion: 1,
      specificationVersion: SPECIFICATION_VERSION,
      id: 'tracker',
      displayName: 'Tracker',
      version: '2.0.0',
      description: 'Issue tracker',
      baseUrl: 'https://api.tracker.test',
      rateLimit: { limit: 5000, intervalMs: 3_600_000, maxConcurrent: 10 },
      documentationUrl: 'https://docs.tracker.test',
      auth: module.auth,
      operations: module.operations,
    });
  });

  it('omits execute and the top-level inputSchema', () => {
    const catalog = toCatalog(makeModule());
    expect(catalog).not.toHaveProperty('execute');
    expect(catalog).not.toHaveProperty('inputSchema');
  });

  it('keeps each operation input schema', () => {
    const module = makeModule();
    const catalog = toCatalog(module);
    expect(catalog.operations['issues.create']!.inputSchema).toEqual(module.operations['issues.create']!.inputSchema);
  });

  it('returns plain JSON data with no functions anywhere', () => {
    const catalog = toCatalog(makeModule());
    expect(findFunctions(catalog)).toEqual([]);
    expect(Object.getPrototypeOf(catalog)).toBe(Object.prototype);
  });

  it('round-trips through JSON.stringify unchanged', () => {
    const catalog = toCatalog(makeModule());
    expect(JSON.parse(JSON.stringify(catalog))).toStrictEqual(catalog);
  });

  it('leaves out optional metadata the module does not set', () => {
    const { description: _description, baseUrl: _baseUrl, rateLimit: _rateLimit, documentationUrl: _docs, ...module } = makeModule();
    const catalog = toCatalog(module);
    expect(Object.keys(catalog).sort()).toEqual(
      ['auth', 'catalogVersion', 'displayName', 'id', 'operations', 'specificationVersion', 'version'].sort(),
    );
  });

  it('shares no objects with the module', () => {
    const module = makeModule();
    const catalog = toCatalog(module);
    expect(catalog.operations).not.toBe(module.operations);
    expect(catalog.auth).not.toBe(module.auth);

    catalog.operations['issues.create']!.displayName = 'Changed';
    expect(module.operations['issues.create']!.displayName).toBe('Create issue');
  });
});
