import type { JSONSchema } from '@patchbay/contract';

/** What the runtime sends as a file part of a multipart body: a name, and base64 text or bytes. */
const FILE_PART: JSONSchema = {
  type: 'object',
  required: ['filename', 'content'],
  additionalProperties: false,
  properties: {
    filename: { type: 'string', minLength: 1 },
    content: { type: 'string', description: 'The file, base64-encoded' },
    contentType: { type: 'string' },
  },
};

/** Whether a body schema (as the document writes it) has a file field: `format: binary` or Swagger's `type: file`. */
export function hasFileField(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.values(properties).some((property) => isFile(property) || (isArrayOf(property) && isFile((property as { items: unknown }).items)));
}

/**
 * A multipart body's converted schema with each file field taking the runtime's file part
 * (`{ filename, content, contentType? }`) or plain text, arrays of files likewise.
 */
export function withFileParts(schema: JSONSchema): JSONSchema {
  if (schema.properties === undefined) return schema;
  const properties: Record<string, JSONSchema> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    if (typeof property !== 'object') properties[name] = property;
    else if (isFile(property)) properties[name] = filePart(property);
    else if (isArrayOf(property) && typeof property.items === 'object' && isFile(property.items)) properties[name] = { ...property, items: filePart(property.items) };
    else properties[name] = property;
  }
  return { ...schema, properties };
}

function filePart(schema: JSONSchema): JSONSchema {
  const part: JSONSchema = { anyOf: [FILE_PART, { type: 'string' }] };
  if (schema.description !== undefined) part.description = schema.description;
  return part;
}

function isFile(schema: unknown): boolean {
  const candidate = schema as { type?: unknown; format?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && (candidate.type === 'file' || (candidate.type === 'string' && candidate.format === 'binary'));
}

function isArrayOf(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'array';
}
