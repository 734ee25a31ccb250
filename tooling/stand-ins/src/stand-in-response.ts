import type { ServerResponse } from 'node:http';

/** What a handler answers. A string or Buffer body is sent as is; anything else is JSON-encoded. */
export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Encodes the body and fills in content-type and content-length unless the caller set them. */
export function encodeStandInResponse(answer: StandInResponse): {
  headers: Record<string, string>;
  payload: Buffer;
} {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;

  let payload: Buffer;
  if (answer.body === undefined) payload = Buffer.alloc(0);
  else if (Buffer.isBuffer(answer.body)) payload = answer.body;
  else if (typeof answer.body === 'string') payload = Buffer.from(answer.body, 'utf8');
  else {
    payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] ??= String(payload.length);
  return { headers, payload };
}

export function writeStandInResponse(response: ServerResponse, answer: StandInResponse): void {
  const { headers, payload } = encodeStandInResponse(answer);
  response.writeHead(answer.status, headers);
  response.end(payload);
}
