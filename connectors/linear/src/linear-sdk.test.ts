import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import * as documents from './linear-documents.js';
import { LinearModule } from './index.js';

/** The GraphQL document each operation sends. */
const documentOf: Record<string, string> = {
  viewer: documents.VIEWER,
  'issues.list': documents.ISSUES,
  'issues.get': documents.ISSUE,
  'issues.create': documents.ISSUE_CREATE,
  'issues.update': documents.ISSUE_UPDATE,
  'comments.create': documents.COMMENT_CREATE,
  'teams.list': documents.TEAMS,
  'projects.list': documents.PROJECTS,
};

interface ParsedDocument {
  kind: 'query' | 'mutation';
  field: string;
  /** Declared variables: `$filter: IssueFilter` as filter → IssueFilter. */
  variables: Map<string, string>;
  /** Arguments of the root field, each bound to the variable of the same name. */
  args: string[];
}

function parse(document: string): ParsedDocument {
  const match = /^(query|mutation) \w+(?:\(([^)]*)\))? \{\s*(\w+)(?:\(([^)]*)\))?/.exec(document)!;
  const variables = new Map([...(match[2] ?? '').matchAll(/\$(\w+): (\w+)/g)].map((variable) => [variable[1]!, variable[2]!]));
  const args = [...(match[4] ?? '').matchAll(/(\w+): \$(\w+)/g)].map((arg) => {
    expect(arg[1], `${match[3]}: argument ${arg[1]} takes $${arg[2]}`).toBe(arg[2]);
    return arg[1]!;
  });
  return { kind: match[1] as ParsedDocument['kind'], field: match[3]!, variables, args };
}

let declarations: VendorDeclarations;

beforeAll(() => {
  // @linear/sdk ships the types its code generator writes from Linear's GraphQL schema: the Query
  // and Mutation fields, each field's arguments (`QueryIssuesArgs`) and every input type.
  const dist = join(vendorPackageDirectory('@linear/sdk', import.meta.url), 'dist');
  // The bundler names the chunk holding them by a hash (`index-<hash>.d.mts`).
  const chunks = readdirSync(dist).filter((file) => /^index-[\w-]+\.d\.mts$/.test(file));
  declarations = readVendorDeclarations(chunks.map((file) => join(dist, file)));
});

const operations = Object.entries(LinearModule.operations);
const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
/** The SDK's type for a root field's arguments: `QueryIssuesArgs`, `MutationIssueCreateArgs`. */
const argsType = (parsed: ParsedDocument) => `${capitalized(parsed.kind)}${capitalized(parsed.field)}Args`;

describe('Linear operations against the official SDK’s schema types (@linear/sdk@98.0.0)', () => {
  it('has a document for every operation', () => {
    expect(Object.keys(documentOf).sort()).toEqual(operations.map(([id]) => id).sort());
  });

  it('reads the schema types out of the SDK', () => {
    expect(declarations.shape('Query')?.names).toContain('issues');
    expect(declarations.shape('IssueCreateInput')?.required).toContain('teamId');
  });

  it.each(operations)('%s selects a root field the schema has, with arguments it declares under their types', (id) => {
    const parsed = parse(documentOf[id]!);
    expect(declarations.shape(capitalized(parsed.kind))?.names, `${parsed.kind} ${parsed.field}`).toContain(parsed.field);
    if (parsed.args.length === 0) return;
    const args = declarations.shape(argsType(parsed))!;
    for (const arg of parsed.args) {
      expect(args.names, `${parsed.field}(${arg})`).toContain(arg);
      expect(args.types.get(arg)!.getText(), `${parsed.field}(${arg}: ${parsed.variables.get(arg)})`).toMatch(new RegExp(`\\b${parsed.variables.get(arg)}\\b`));
    }
    const requiredArgs = [...args.required].filter((arg) => !parsed.args.includes(arg));
    expect(requiredArgs, `${parsed.field}: required arguments the document leaves out`).toEqual([]);
  });

  it.each(operations)('%s takes only fields of the SDK’s argument or input type, and requires what it requires', (id, operation) => {
    const parsed = parse(documentOf[id]!);
    const inputType = parsed.variables.get('input');
    // Mutations take their fields as one `input` (issueUpdate also takes the id beside it); queries take arguments.
    const shape = declarations.shape(inputType ?? argsType(parsed)) ?? { names: new Set<string>(), required: new Set<string>() };
    const besideInput = inputType === undefined ? [] : parsed.args.filter((arg) => arg !== 'input');
    const { names, required } = operationFields(operation);
    expect([...names].filter((name) => !shape.names.has(name) && !besideInput.includes(name))).toEqual([]);
    expect([...shape.required].filter((name) => !required.has(name))).toEqual([]);
  });
});
