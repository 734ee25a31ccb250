import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PatchbayError } from '@patchbay/contract';
import { dereference } from '@readme/openapi-parser';
import { isRecord, type OpenApiDialect } from './schema-converter.js';

export interface OpenApiDocument {
  /** The dereferenced document: every `$ref` replaced by the object it points at (cycles kept). */
  document: Record<string, unknown>;
  dialect: OpenApiDialect;
  /** Absolute path of the file read. */
  file: string;
}

/**
 * Reads an OpenAPI 3.0/3.1 or Swagger 2 document, from a file path or a package path such as
 * `@octokit/openapi/generated/api.github.com.json` resolved from `cwd`, and dereferences it.
 */
export async function loadOpenApiDocument(source: string, cwd: string): Promise<OpenApiDocument> {
  const file = resolveSource(source, cwd);
  let document: unknown;
  try {
    document = await dereference(file);
  } catch (error) {
    throw new PatchbayError({
      code: 'VALIDATION_FAILED',
      message: `cannot read the OpenAPI document ${file}: ${oneLine((error as Error).message)}`,
      cause: error,
    });
  }
  if (!isRecord(document) || !isRecord(document.paths)) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${file} is not an OpenAPI document: it has no "paths" object` });
  }
  return { document, dialect: dialectOf(document, file), file };
}

function dialectOf(document: Record<string, unknown>, file: string): OpenApiDialect {
  if (document.swagger === '2.0') return 'swagger-2';
  if (typeof document.openapi === 'string' && document.openapi.startsWith('3.0')) return 'openapi-3.0';
  if (typeof document.openapi === 'string' && document.openapi.startsWith('3.1')) return 'openapi-3.1';
  throw new PatchbayError({
    code: 'VALIDATION_FAILED',
    message: `${file}: unsupported version ${JSON.stringify(document.openapi ?? document.swagger)} (OpenAPI 3.0, 3.1 or Swagger 2.0)`,
  });
}

function resolveSource(source: string, cwd: string): string {
  const file = path.resolve(cwd, source);
  if (existsSync(file)) return file;
  try {
    return createRequire(path.join(cwd, 'package.json')).resolve(source);
  } catch {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `cannot read the OpenAPI document ${source}: no such file or package path` });
  }
}

// The parser's first line names the file and the line:column; the rest is a source excerpt.
function oneLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim().slice(0, 500);
}
