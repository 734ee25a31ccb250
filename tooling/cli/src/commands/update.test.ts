import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { loadConnectorOperations } from '../openapi/load-connector-operations.js';

async function runCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.stdout += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.stderr += chunk.toString()));
  const code = await main(argv, { stdout, stderr, cwd, env: { ...process.env, CI: '1' } });
  return { code, ...chunks };
}

const thing = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } };

/** Version 1 of a small API, and what changes in each later version. */
function document(version: string, paths: Record<string, unknown>): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 'Things', version }, servers: [{ url: 'https://api.things.example' }], paths, components: { schemas: { Thing: thing } } };
}
const ok = (schema: unknown) => ({ 200: { description: 'OK', content: { 'application/json': { schema } } } });
const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const pageParameters = [{ name: 'page', in: 'query', schema: { type: 'integer' } }, { name: 'per_page', in: 'query', schema: { type: 'integer' } }];
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const createBody = (required: string[]) => ({ type: 'object', required, properties: { name: { type: 'string' }, owner: { type: 'string' } } });

const v1 = document('1.0.0', {
  '/things': {
    get: { operationId: 'things/list', summary: 'List things', parameters: pageParameters, responses: ok({ type: 'array', items: { $ref: '#/components/schemas/Thing' } }) },
    post: { operationId: 'things/create', summary: 'Create a thing', requestBody: body(createBody(['name'])), responses: ok({ $ref: '#/components/schemas/Thing' }) },
  },
  '/things/{id}': {
    get: { operationId: 'things/get', summary: 'Get a thing', parameters: [idParameter], responses: ok({ $ref: '#/components/schemas/Thing' }) },
    delete: { operationId: 'things/delete', summary: 'Delete a thing', parameters: [idParameter], responses: { 204: { description: 'Gone' } } },
  },
});
// Version 2 drops things.delete, adds things.archive and makes `owner` a required input of things.create.
const v2 = document('2.0.0', {
  '/things': {
    get: { operationId: 'things/list', summary: 'List things', parameters: pageParameters, responses: ok({ type: 'array', items: { $ref: '#/components/schemas/Thing' } }) },
    post: { operationId: 'things/create', summary: 'Create a thing', requestBody: body(createBody(['name', 'owner'])), responses: ok({ $ref: '#/components/schemas/Thing' }) },
  },
  '/things/{id}': {
    get: { operationId: 'things/get', summary: 'Get a thing', parameters: [idParameter], responses: ok({ $ref: '#/components/schemas/Thing' }) },
  },
  '/things/{id}/archive': {
    post: { operationId: 'things/archive', summary: 'Archive a thing', parameters: [idParameter], responses: ok({ $ref: '#/components/schemas/Thing' }) },
  },
});
// Version 3 also drops things.get, which an override patches.
const v3 = document('3.0.0', { '/things': (v2.paths as Record<string, unknown>)['/things'] });

// Hand edits: a patch of a generated operation, a whole new one, and a generated one left out.
const OVERRIDES = `import type { OperationOverrides } from '@patchbay/contract';

export const thingsOperationOverrides: OperationOverrides = {
  'things.get': { displayName: 'Fetch one thing', http: { headers: { accept: 'application/vnd.things+json' } } },
  'things.count': {
    kind: 'action',
    displayName: 'Count things',
    http: { method: 'GET', path: '/things/count' },
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
  },
  'things.list': null,
};
`;

let root: string;
let connector: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'patchbay-update-'));
  connector = path.join(root, 'things');
  for (const [name, content] of [['v1.json', v1], ['v2.json', v2], ['v3.json', v3]] as const) await writeFile(path.join(root, name), JSON.stringify(content));
  const created = await runCli(['new', 'things', '--dir', connector, '--from-openapi', 'v1.json', '--auth', 'bearer', '--quiet'], root);
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('patchbay new --from-openapi: generated code apart from hand edits', () => {
  it('writes the generated operations, an empty overrides file, and operations.ts that combines them', async () => {
    const generated = await readFile(path.join(connector, 'src', 'generated', 'operations.ts'), 'utf8');
    expect(generated).toMatch(/^\/\/ Generated by `patchbay` from v1\.json \(OpenAPI 3\.1\.0, version 1\.0\.0\)\.\n\/\/ Do not edit: `patchbay update` rewrites this file/);
    expect(generated).toContain('export const thingsGeneratedOperations: OperationMap = {');
    expect(generated).toContain('export const thingsDefinitions: SharedDefinitions = {');
    expect(await readFile(path.join(connector, 'src', 'overrides.ts'), 'utf8')).toContain('export const thingsOperationOverrides: OperationOverrides = {};');
    const combined = await readFile(path.join(connector, 'src', 'operations.ts'), 'utf8');
    expect(combined).toContain('applyOperationOverrides(thingsGeneratedOperations, thingsOperationOverrides)');
    const { operations, $defs } = await loadConnectorOperations(connector, 'thingsOperations');
    expect(Object.keys(operations)).toEqual(['things.list', 'things.create', 'things.get', 'things.delete']);
    expect($defs).toHaveProperty('Thing');
  });
});

describe('patchbay update', () => {
  it('regenerates from a newer document, keeps the overrides and reports what changed with the release it needs', async () => {
    await writeFile(path.join(connector, 'src', 'overrides.ts'), OVERRIDES);
    const updated = await runCli(['update', connector, '--from-openapi', 'v2.json', '--json'], root);
    expect(updated.stderr).toBe('');
    expect(updated.code).toBe(0);
    const report = JSON.parse(updated.stdout) as {
      connector: string;
      operations: { before: number; after: number };
      added: string[];
      removed: string[];
      changed: { operation: string; level: string; changes: { message: string }[] }[];
      required: string;
    };
    expect(report).toMatchObject({ connector: 'things', operations: { before: 4, after: 4 }, added: ['things.archive'], removed: ['things.delete'], required: 'major' });
    expect(report.changed).toEqual([
      { operation: 'things.create', level: 'major', changes: [expect.objectContaining({ level: 'major', message: expect.stringContaining('owner') })] },
    ]);

    // The overrides file is untouched and still applies to the regenerated operations.
    expect(await readFile(path.join(connector, 'src', 'overrides.ts'), 'utf8')).toBe(OVERRIDES);
    const { operations } = await loadConnectorOperations(connector, 'thingsOperations');
    expect(Object.keys(operations)).toEqual(['things.create', 'things.get', 'things.archive', 'things.count']);
    expect(operations['things.get']).toMatchObject({
      displayName: 'Fetch one thing',
      http: { method: 'GET', path: '/things/{id}', headers: { accept: 'application/vnd.things+json' } },
    });
    expect(operations['things.create']!.inputSchema.required).toEqual(['name', 'owner']);
    expect(await readFile(path.join(connector, 'src', 'generated', 'operations.ts'), 'utf8')).toContain('from v2.json (OpenAPI 3.1.0, version 2.0.0)');
  });

  it('reports in text, and says when nothing a caller can notice changed', async () => {
    const again = await runCli(['update', connector, '--from-openapi', 'v2.json'], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      'things: regenerated src/generated/operations.ts from v2.json (OpenAPI 3.1.0, version 2.0.0); 4 → 4 operations\nNo change a caller can notice.\n',
    );
  });

  it('refuses a document that drops an operation an override patches, and leaves the package as it was', async () => {
    const before = await readFile(path.join(connector, 'src', 'generated', 'operations.ts'), 'utf8');
    const refused = await runCli(['update', connector, '--from-openapi', 'v3.json'], root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^patchbay update: src\/overrides\.ts does not fit the new document, nothing was changed: override "things\.get" patches an operation the generated map does not have/);
    expect(await readFile(path.join(connector, 'src', 'generated', 'operations.ts'), 'utf8')).toBe(before);
  });

  it('refuses a package that was not generated from a document', async () => {
    const plain = path.join(root, 'plain');
    expect((await runCli(['new', 'plain', '--dir', plain, '--yes', '--operation', 'things.get=GET /things/{id}'], root)).code).toBe(0);
    expect(existsSync(path.join(plain, 'src', 'generated'))).toBe(false);
    const refused = await runCli(['update', plain, '--from-openapi', 'v2.json'], root);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('has no src/generated/operations.ts: only connectors made by `patchbay new --from-openapi` can be updated') });
  });
});
