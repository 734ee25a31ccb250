import type { IncomingMessage } from 'node:http';

/** One request as a stand-in received it, kept so tests can assert on what a client really sent. */
export interface RecordedRequest {
  /** Upper-case HTTP method, e.g. `POST`. */
  method: string;
  /** Path without the query string, e.g. `/repos/octo-org/hello-world/issues`. */
  path: string;
  /** Query parameters; when a key repeats the last value wins, as with `Object.fromEntries(URLSearchParams)`. */
  query: Record<string, string>;
  /** The raw query string without `?`, where repeated keys (`fields[]=a&fields[]=b`) all stay. */
  search: string;
  /** Headers with lowercased names; a repeated header is joined with `, `. */
  headers: Record<string, string>;
  /** The raw body as UTF-8 text; empty string when none was sent. */
  body: string;
  /** The parsed body when the content-type is JSON (`application/json`, `…+json`) and it parses. */
  json?: unknown;
  /** The parsed body when the content-type is `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** The parsed body when the content-type is `multipart/form-data`: text fields and file parts, each by field name. */
  multipart?: MultipartBody;
  /** Arrival time in milliseconds since the epoch, so tests can assert on retry spacing. */
  receivedAt: number;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, { filename: string; contentType: string; content: Buffer }>;
}

/** What a handler receives: the same complete, already-read request that is recorded. */
export type StandInRequest = RecordedRequest;

const jsonContentType = /^application\/(?:[\w.-]+\+)?json\b/i;
const formContentType = /^application\/x-www-form-urlencoded\b/i;
const multipartContentType = /^multipart\/form-data\b/i;

/** Reads the whole body first, so handlers and assertions never deal with streams. */
export async function readRecordedRequest(message: IncomingMessage): Promise<RecordedRequest> {
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const body = raw.toString('utf8');

  // The base only satisfies the URL parser; the host a client used is irrelevant here.
  const url = new URL(message.url ?? '/', 'http://127.0.0.1');
  const headers = flattenHeaders(message.headers);
  const contentType = headers['content-type'] ?? '';

  const recorded: RecordedRequest = {
    method: (message.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    search: url.search.replace(/^\?/, ''),
    headers,
    body,
    receivedAt,
  };
  if (body !== '' && jsonContentType.test(contentType)) {
    try {
      recorded.json = JSON.parse(body);
    } catch {
      // A malformed body stays visible as text; the handler decides how the vendor answers it.
    }
  }
  if (formContentType.test(contentType)) recorded.form = Object.fromEntries(new URLSearchParams(body));
  if (multipartContentType.test(contentType)) recorded.multipart = await parseMultipart(raw, contentType);
  return recorded;
}

/** Parsed with the platform's own multipart reader; a malformed body stays visible only as text. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<MultipartBody | undefined> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
  const parsed: MultipartBody = { fields: {}, files: {} };
  for (const [name, value] of form) {
    if (typeof value === 'string') parsed.fields[name] = value;
    else parsed.files[name] = { filename: value.name, contentType: value.type, content: Buffer.from(await value.arrayBuffer()) };
  }
  return parsed;
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
