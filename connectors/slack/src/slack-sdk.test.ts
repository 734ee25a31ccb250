import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, rejectedVendorLiterals, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { SlackModule } from './index.js';

let declarations: VendorDeclarations;
/** Every Web API method the SDK binds (`chat.postMessage`), with the arguments type it takes. */
const methods = new Map<string, string | undefined>();

beforeAll(() => {
  const dist = join(vendorPackageDirectory('@slack/web-api', import.meta.url), 'dist');
  const requestTypes = join(dist, 'types', 'request');
  const files = readdirSync(requestTypes).filter((file) => file.endsWith('.d.ts')).map((file) => join(requestTypes, file));
  declarations = readVendorDeclarations(files);
  // methods.d.ts nests each method under its family (`chat: { postMessage: Method<Arguments, Response> }`).
  const source = ts.createSourceFile('methods.d.ts', readFileSync(join(dist, 'methods.d.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node, prefix: string[]) => {
    if (ts.isPropertyDeclaration(node) || ts.isPropertySignature(node)) {
      const name = [...prefix, node.name.getText()];
      const type = node.type;
      if (type && ts.isTypeLiteralNode(type)) type.members.forEach((member) => visit(member, name));
      else if (type && ts.isTypeReferenceNode(type) && /^Method/.test(type.typeName.getText())) methods.set(name.join('.'), type.typeArguments?.[0]?.getText());
      return;
    }
    ts.forEachChild(node, (child) => visit(child, prefix));
  };
  visit(source, []);
});

/** Fields the runtime or the trigger fills, not the caller's Slack arguments. */
const notSlackArguments: Record<string, string[]> = { 'messages.new': ['state'] };

const operations = Object.entries(SlackModule.operations);
const method = (path: string) => path.replace(/^\//, '');
const argumentsOf = (id: string) => methods.get(method(SlackModule.operations[id]!.http!.path))!;

describe('Slack operations against the official SDK (@slack/web-api@8.2.0)', () => {
  it('reads methods and their argument types out of the SDK', () => {
    expect(methods.get('chat.postMessage')).toBe('ChatPostMessageArguments');
    expect(declarations.shape('ChatPostMessageArguments')?.required).toEqual(new Set(['channel']));
    expect(methods.has('chat.postMessages')).toBe(false);
  });

  it.each(operations)('%s calls a Web API method the SDK binds, with POST, whose arguments the SDK declares', (id, operation) => {
    expect(operation.http!.method).toBe('POST');
    expect(methods.has(method(operation.http!.path))).toBe(true);
    // auth.test takes no arguments; every other method's arguments type must be readable here.
    if (id !== 'auth.test') expect(declarations.shape(argumentsOf(id))?.names.size ?? 0).toBeGreaterThan(0);
  });

  it.each(operations)('%s requires every argument the SDK requires', (id, operation) => {
    const required = declarations.shape(argumentsOf(id))?.required ?? new Set<string>();
    expect([...required].filter((name) => !operationFields(operation).required.has(name))).toEqual([]);
  });

  it.each(operations)('%s requires nothing the SDK leaves optional', (id, operation) => {
    const required = declarations.shape(argumentsOf(id))?.required ?? new Set<string>();
    expect([...operationFields(operation).required].filter((name) => !required.has(name))).toEqual([]);
  });

  it.each(operations)('%s names only arguments the SDK defines', (id, operation) => {
    const names = new Set([...(declarations.shape(argumentsOf(id))?.names ?? []), ...(notSlackArguments[id] ?? [])]);
    expect([...operationFields(operation).names].filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(operations)('%s accepts every enum value the SDK lists', (id, operation) => {
    expect(rejectedVendorLiterals(operation, declarations, argumentsOf(id))).toEqual([]);
  });
});
