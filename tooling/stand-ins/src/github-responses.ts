import type { StandInRequest } from './recorded-request.js';
import type { StandInResponse } from './stand-in-response.js';

export const GITHUB_DOCUMENTATION_URL = 'https://docs.github.com/rest';

/** GitHub's error body: a message, a documentation link, and (since 2023) the status as a string. */
export function githubError(
  status: number,
  message: string,
  documentationUrl: string = GITHUB_DOCUMENTATION_URL,
  extra: Record<string, unknown> = {},
): StandInResponse {
  return { status, body: { message, ...extra, documentation_url: documentationUrl, status: String(status) } };
}

export function notFound(): StandInResponse {
  return githubError(404, 'Not Found');
}

export function badCredentials(): StandInResponse {
  return githubError(401, 'Bad credentials');
}

export interface ValidationError {
  resource: string;
  code: 'missing_field' | 'invalid' | 'missing' | 'already_exists' | 'unprocessable' | 'custom';
  field: string;
}

export function validationFailed(documentationUrl: string, ...errors: ValidationError[]): StandInResponse {
  return githubError(422, 'Validation Failed', documentationUrl, { errors });
}

export type JsonObjectResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; response: StandInResponse };

/** An empty body counts as `{}`; a body that is not a JSON object gets GitHub's 400. */
export function readJsonObject(request: StandInRequest, documentationUrl: string): JsonObjectResult {
  if (request.body.trim() === '') return { ok: true, value: {} };
  const value = request.json ?? parseOrUndefined(request.body);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { ok: true, value: value as Record<string, unknown> };
  }
  return { ok: false, response: githubError(400, 'Problems parsing JSON', documentationUrl) };
}

// Clients often omit content-type on JSON bodies; GitHub parses them anyway.
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
