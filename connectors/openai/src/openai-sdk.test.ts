import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, rejectedVendorLiterals, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { createSchemaCompiler } from '@patchbay/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { OpenaiModule } from './index.js';

/**
 * Each operation's request shape in OpenAI's official SDK (`openai`, generated from OpenAI's
 * OpenAPI description): the resource file that sends it and the params type it takes.
 */
const sdk: Record<string, { resource: string; shape: string | undefined }> = {
  'chat.completions.create': { resource: 'chat/completions/completions', shape: 'ChatCompletionCreateParamsNonStreaming' },
  'embeddings.create': { resource: 'embeddings', shape: 'EmbeddingCreateParams' },
  'moderations.create': { resource: 'moderations', shape: 'ModerationCreateParams' },
  'images.generate': { resource: 'images', shape: 'ImageGenerateParamsNonStreaming' },
  'models.list': { resource: 'models', shape: undefined },
  'models.retrieve': { resource: 'models', shape: undefined },
  'files.create': { resource: 'files', shape: 'FileCreateParams' },
  'files.list': { resource: 'files', shape: 'FileListParams' },
};

let root: string;
let declarations: VendorDeclarations;

beforeAll(() => {
  root = vendorPackageDirectory('openai', import.meta.url);
  const files = new Set(Object.values(sdk).map((entry) => join(root, 'resources', `${entry.resource}.d.ts`)));
  declarations = readVendorDeclarations([...files, join(root, 'resources/shared.d.ts'), join(root, 'core/pagination.d.ts')]);
});

/** The requests a resource file sends, as `METHOD /path/{param}`, read from its calls to the client. */
function sentRequests(resource: string): Set<string> {
  const source = readFileSync(join(root, 'resources', `${resource}.js`), 'utf8');
  const requests = new Set<string>();
  for (const match of source.matchAll(/this\._client\.(get|post|delete|getAPIList|put|patch)\((?:\(0, path_\d\.path\) )?[`'"]([^`'"]+)[`'"]/g)) {
    const method = match[1] === 'getAPIList' ? 'GET' : match[1]!.toUpperCase();
    requests.add(`${method} ${match[2]!.replace(/\$\{(\w+)\}/g, '{$1}')}`);
  }
  return requests;
}

const operations = Object.entries(OpenaiModule.operations);
const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

describe('OpenAI operations against the official SDK (openai@6.49.0)', () => {
  it('maps every operation of the module', () => {
    expect(Object.keys(sdk).sort()).toEqual(operations.map(([id]) => id).sort());
  });

  it('reads request shapes, required fields and enum values out of the SDK', () => {
    expect(declarations.shape('ChatCompletionCreateParamsNonStreaming')?.required).toEqual(new Set(['messages', 'model']));
    expect(declarations.literals('ChatCompletionCreateParamsNonStreaming', 'reasoning_effort')).toContain('low');
    expect(declarations.acceptsAnyString('ImageGenerateParamsNonStreaming', 'size')).toBe(true);
    expect(sentRequests('chat/completions/completions').has('POST /chat/completions')).toBe(true);
  });

  it.each(operations)('%s is sent with the SDK’s method and path', (id, operation) => {
    expect(sentRequests(sdk[id]!.resource)).toContain(`${operation.http!.method} ${operation.http!.path}`);
  });

  it.each(operations)('%s requires exactly what the SDK requires', (id, operation) => {
    const shape = sdk[id]!.shape;
    const required = new Set([...(shape ? declarations.shape(shape)!.required : []), ...pathParameters(operation.http!.path)]);
    expect(operationFields(operation).required).toEqual(required);
  });

  it.each(operations)('%s names only fields the SDK defines', (id, operation) => {
    const shape = sdk[id]!.shape;
    const names = new Set([...(shape ? declarations.shape(shape)!.names : []), ...pathParameters(operation.http!.path)]);
    expect([...operationFields(operation).names].filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(operations.filter(([id]) => sdk[id]!.shape))('%s accepts every enum value the SDK lists', (id, operation) => {
    expect(rejectedVendorLiterals(operation, declarations, sdk[id]!.shape!)).toEqual([]);
  });

  it('images.generate takes the custom WIDTHxHEIGHT sizes the SDK allows, and nothing else', () => {
    const size = (OpenaiModule.operations['images.generate']!.inputSchema as { properties: { size: object } }).properties.size;
    const validate = createSchemaCompiler().compile(size);
    expect(validate('1536x864')).toBeNull();
    expect(validate('auto')).toBeNull();
    expect(validate('big')).not.toBeNull();
  });

  it('chat.completions.create sends safety_identifier and prompt_cache_key, which the SDK defines', () => {
    const names = operationFields(OpenaiModule.operations['chat.completions.create']!).names;
    for (const field of ['safety_identifier', 'prompt_cache_key']) {
      expect(names.has(field)).toBe(true);
      expect(declarations.shape('ChatCompletionCreateParamsNonStreaming')!.names.has(field)).toBe(true);
    }
  });
});
