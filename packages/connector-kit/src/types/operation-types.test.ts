import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OperationMap } from '@patchbay/contract';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOperationTypes, operationTypesName } from './operation-types.js';

const item = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, title: { type: 'string' } } } as const;

const titled = { ...item, title: 'Item' } as const;

const OPERATIONS: OperationMap = {
  'users.me': { kind: 'action', displayName: 'Me', inputSchema: { type: 'object', additionalProperties: false, properties: {} } },
  'items.create': {
    kind: 'action',
    displayName: 'Create',
    inputSchema: {
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      // Only says which fields must be present; the fields' types come from `properties`.
      anyOf: [{ required: ['title'] }, { required: ['slug'] }],
      properties: { title: { type: 'string', title: 'Title' }, slug: { type: 'string' }, metadata: { type: 'object' }, count: { type: 'integer' } },
    },
    outputSchema: titled,
  },
  'items.import': { kind: 'action', displayName: 'Import', inputSchema: { type: 'object' } },
  'tags.create': {
    kind: 'action',
    displayName: 'Create a tag',
    inputSchema: { type: 'object', properties: { tag: { $ref: '#/$defs/Tag' } }, $defs: { Tag: { type: 'object', properties: { name: { type: 'string' } } } } },
    outputSchema: { $ref: '#/$defs/Tag', $defs: { Tag: { type: 'object', properties: { name: { type: 'string' } } } } },
  },
  'items.update': { kind: 'action', displayName: 'Update', inputSchema: { type: 'object', properties: { id: { type: 'string' } } }, outputSchema: titled },
  'items.list': {
    kind: 'action',
    displayName: 'List',
    inputSchema: { type: 'object', properties: { cursor: { type: 'string' } } },
    outputSchema: { type: 'object', properties: { data: { type: 'array', items: { ...item, title: 'Item' } } } },
    pagination: { style: 'cursor', cursorParam: 'cursor', itemsPath: 'data' },
  },
  'items.new': {
    kind: 'trigger',
    displayName: 'New items',
    inputSchema: { type: 'object', properties: {} },
    outputSchema: { type: 'object', properties: { items: { type: 'array', items: item }, state: {} } },
    trigger: { type: 'polling', dedupeKey: 'id' },
  },
};

let directory: string;
let source: string;
let diagnostics: Record<string, string[]>;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'patchbay-types-'));
  source = await generateOperationTypes({ id: 'acme-crm', operations: OPERATIONS });
  diagnostics = await compile({ 'app.ts': APP, 'unused-expectation.ts': UNUSED_EXPECTATION });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const APP = `import type { AcmeCrmOperations as Ops } from './operation-types.js';
const create: Ops['items.create']['input'] = { title: 'T', metadata: { any: 'thing' }, count: 2 };
const me: Ops['users.me']['input'] = {};
declare const created: Ops['items.create']['output'];
const id: string = created.id;
declare const listed: Ops['items.list']['item'];
const listedId: string = listed.id;
declare const polled: Ops['items.new']['item'];
const polledId: string = polled.id;
// @ts-expect-error a misspelt input field
const typo: Ops['items.create']['input'] = { titel: 'T' };
// @ts-expect-error a field of the wrong type
const wrong: Ops['items.create']['input'] = { title: 'T', count: 'two' };
// @ts-expect-error an operation without input takes no fields
const extra: Ops['users.me']['input'] = { anything: 1 };
const open: Ops['items.import']['input'] = { anything: 1 };
const tag: Ops['tags.create']['input'] = { tag: { name: 'urgent' } };
export { create, me, id, listedId, polledId, typo, wrong, extra, open, tag };
`;

// A directive that expects an error where there is none is itself an error: this file proves the
// checks in APP can fail.
const UNUSED_EXPECTATION = `import type { AcmeCrmOperations as Ops } from './operation-types.js';
// @ts-expect-error this input is valid, so the directive itself is the error
const fine: Ops['items.create']['input'] = { title: 'T' };
export { fine };
`;

/** Diagnostics of each app file, compiled strict with the generated types in one program (one start of the compiler). */
async function compile(apps: Record<string, string>): Promise<Record<string, string[]>> {
  await writeFile(path.join(directory, 'operation-types.ts'), source);
  for (const [name, text] of Object.entries(apps)) await writeFile(path.join(directory, name), text);
  const program = ts.createProgram(
    Object.keys(apps).map((name) => path.join(directory, name)),
    {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es5.d.ts'],
      types: [],
    },
  );
  const diagnostics: Record<string, string[]> = {};
  for (const name of Object.keys(apps)) {
    const file = program.getSourceFile(path.join(directory, name));
    diagnostics[name] = ts.getPreEmitDiagnostics(program, file).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return diagnostics;
}

describe('generateOperationTypes', () => {
  it('names the map after the connector and marks the file as generated', () => {
    expect(operationTypesName('acme-crm')).toBe('AcmeCrmOperations');
    expect(source.startsWith('// Generated by @patchbay/connector-kit')).toBe(true);
    expect(source).toContain('export type AcmeCrmOperations = {');
    // One schema object shared by two operations is declared once.
    expect(source).toContain('export type ItemsUpdateOutput = ItemsCreateOutput;');
    // A shared definition two schemas use is declared once.
    expect(source.match(/^export interface Tag\b/gm)).toHaveLength(1);
  });

  it('writes types that compile strict, with inputs closed, outputs typed and list items derived', () => {
    expect(diagnostics['app.ts']).toEqual([]);
  });

  it('fails to compile when an expected error does not happen, so the checks above can fail', () => {
    expect(diagnostics['unused-expectation.ts']!.join('\n')).toContain("Unused '@ts-expect-error' directive");
  });
});
