import { PatchbayError } from '@patchbay/contract';
import { FormData } from 'undici';

/**
 * A file part of a multipart body. `content` is base64 text, which is how a file travels in JSON
 * input (workflow tools, `patchbay run`), or raw bytes when code builds the call.
 */
export interface MultipartFile {
  filename: string;
  content: string | Uint8Array;
  contentType?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Encodes an input object as `multipart/form-data`: a `{ filename, content }` value becomes a file
 * part, an array repeats its field, a nested object uses the bracketed names of form bodies
 * (`metadata[key]`), and `undefined` and `null` are left out. undici writes the boundary and the
 * content type when it sends the form, and sends it again, whole, on a retry.
 */
export function encodeMultipart(values: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const name of Object.keys(values)) append(form, name, values[name]);
  return form;
}

function append(form: FormData, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) append(form, name, item);
  } else if (isFile(value)) {
    form.append(name, new Blob([fileBytes(name, value.content)], { type: value.contentType ?? 'application/octet-stream' }), value.filename);
  } else if (value instanceof Uint8Array) {
    form.append(name, new Blob([value], { type: 'application/octet-stream' }), name);
  } else if (value instanceof Date) {
    form.append(name, value.toISOString());
  } else if (typeof value === 'object') {
    for (const key of Object.keys(value)) append(form, `${name}[${key}]`, (value as Record<string, unknown>)[key]);
  } else {
    form.append(name, String(value));
  }
}

function isFile(value: unknown): value is MultipartFile {
  const candidate = value as Partial<MultipartFile> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.filename === 'string' &&
    (typeof candidate.content === 'string' || candidate.content instanceof Uint8Array)
  );
}

function fileBytes(name: string, content: string | Uint8Array): Uint8Array {
  if (content instanceof Uint8Array) return content;
  const compact = content.replace(/\s+/g, '');
  // Buffer.from skips characters that are not base64 without a word, which would upload a
  // silently corrupted file; such input is refused before anything is sent.
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `The content of file field "${name}" is not base64` });
  }
  return Buffer.from(compact, 'base64');
}
