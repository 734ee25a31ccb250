import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { JSONSchema } from '@patchbay/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { GithubModule } from './index.js';

/** The parts of an OpenAPI 3 document this check reads. */
interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
}
interface OpenApiOperation {
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaObject }> } | { $ref: string };
}
interface SchemaObject {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}
interface OpenApiDocument {
  /** Path items: operations by lower-case method, plus `parameters` shared by all of them. */
  paths: Record<string, Record<string, unknown>>;
}

let document: OpenApiDocument;

beforeAll(() => {
  // GitHub's own description of api.github.com, as published by Octokit; the package has no
  // exports map, so the file is resolved by its path inside the package.
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  document = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
});

/** Follows a local `#/components/...` reference. */
function resolve<T>(value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let depth = 0; depth < 10 && typeof current === 'object' && current !== null && '$ref' in current; depth++) {
    const pointer = (current as { $ref: string }).$ref.replace(/^#\//, '').split('/');
    current = pointer.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
  }
  return current as T;
}

/** Every property a body schema may carry, and the ones it always requires, across allOf/oneOf/anyOf. */
function bodyFields(schema: SchemaObject | undefined): { names: Set<string>; required: Set<string> } {
  const names = new Set<string>();
  const required = new Set<string>();
  const visit = (node: SchemaObject | undefined, mandatory: boolean, depth: number) => {
    if (!node || depth > 5) return;
    const resolved = resolve<SchemaObject>(node);
    for (const name of Object.keys(resolved.properties ?? {})) names.add(name);
    if (mandatory) for (const name of resolved.required ?? []) required.add(name);
    for (const part of resolved.allOf ?? []) visit(part, mandatory, depth + 1);
    for (const part of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) visit(part, false, depth + 1);
  };
  visit(schema, true, 0);
  return { names, required };
}

/**
 * What the document lets a call send and requires of it, as input field names. A body that is not
 * one plain object (an array, a union, raw text) is one field, named by the operation's `bodyParam`.
 */
function documented(method: string, path: string, bodyParam?: string) {
  const item = document.paths[path];
  const operation = item?.[method.toLowerCase()] as OpenApiOperation | undefined;
  if (!item || !operation) return undefined;
  const shared = (item.parameters ?? []) as NonNullable<OpenApiOperation['parameters']>;
  const parameters = [...shared, ...(operation.parameters ?? [])].map((parameter) => resolve<OpenApiParameter>(parameter));
  const requestBody = operation.requestBody ? resolve(operation.requestBody) : undefined;
  const body = bodyParam
    ? { names: new Set([bodyParam]), required: new Set(requestBody?.required ? [bodyParam] : []) }
    : bodyFields(requestBody?.content?.['application/json']?.schema);
  return {
    names: new Set([...parameters.map((parameter) => parameter.name), ...body.names]),
    required: new Set([...parameters.filter((parameter) => parameter.in === 'path' || parameter.required).map((parameter) => parameter.name), ...body.required]),
  };
}

const operations = Object.entries(GithubModule.operations);

describe('GitHub operations against GitHub’s OpenAPI description', () => {
  it('covers every operation of the module', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const [, operation] of operations) expect(operation.http).toBeDefined();
  });

  it('reads path parameters, body fields and required fields out of the document', () => {
    const createIssue = documented('POST', '/repos/{owner}/{repo}/issues')!;
    expect(createIssue.required).toEqual(new Set(['owner', 'repo', 'title']));
    expect(createIssue.names.has('labels')).toBe(true);
    expect(createIssue.names.has('titel')).toBe(false);
    expect(documented('PATCH', '/repos/{owner}/{repo}/issues')).toBeUndefined();
  });

  it.each(operations)('%s exists in the document with the same method and path', (_id, operation) => {
    expect(documented(operation.http!.method, operation.http!.path)).toBeDefined();
  });

  it.each(operations)('%s requires exactly what the document requires', (_id, operation) => {
    const spec = documented(operation.http!.method, operation.http!.path, operation.http!.bodyParam)!;
    const schema = operation.inputSchema as JSONSchema & { required?: string[] };
    expect(new Set(schema.required ?? [])).toEqual(spec.required);
  });

  it.each(operations)('%s names only parameters and body fields the document defines', (_id, operation) => {
    const spec = documented(operation.http!.method, operation.http!.path, operation.http!.bodyParam)!;
    const properties = Object.keys((operation.inputSchema as { properties?: Record<string, unknown> }).properties ?? {});
    expect(properties.filter((name) => !spec.names.has(name))).toEqual([]);
  });
});
