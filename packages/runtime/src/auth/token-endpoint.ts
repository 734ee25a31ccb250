import { PatchbayError, type OAuth2Auth } from '@patchbay/contract';
import type { Dispatcher } from 'undici';
import { encodeUrlParameters } from '../http/url-encoding.js';
import { sendRequest } from '../http/send-request.js';

/** A token endpoint's answer, parsed (JSON, or form-encoded from older providers). */
export type TokenResponse = Record<string, unknown>;

export interface TokenRequest {
  auth: OAuth2Auth;
  url: URL;
  /** Grant parameters: `grant_type` and the grant's own fields. */
  parameters: Record<string, unknown>;
  clientId: string | undefined;
  clientSecret: string | undefined;
  dispatcher: Dispatcher;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * OAuth error codes after which only a new authorization helps: the grant was revoked or expired,
 * the client is no longer allowed, or the token lacks a scope the call needs.
 */
const REAUTH_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope', 'insufficient_scope', 'access_denied']);

/**
 * Sends one token request (RFC 6749 §4.1.3, §4.4, §6) and returns the parsed answer. A refused
 * grant is `AUTH_FAILED`, with `reauthRequired` when the user must authorize again; a token
 * endpoint that is down or busy is retryable. Slack answers 200 with `{ ok: false, error }`,
 * which counts as a refusal too. Credentials never appear in the error.
 */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const { auth, url, clientId, clientSecret } = request;
  const parameters: Record<string, unknown> = { ...request.parameters };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.tokenEndpointAuthMethod === 'client_secret_basic' && clientId !== undefined && clientSecret !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  } else {
    parameters.client_id = clientId;
    if (clientSecret !== undefined) parameters.client_secret = clientSecret;
  }
  let body: string;
  if (auth.tokenRequestFormat === 'json') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined)));
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = encodeUrlParameters(parameters);
  }
  const label = `OAuth2 ${String(parameters.grant_type)} request to ${url.origin}${url.pathname}`;
  const response = await sendRequest(
    { url, method: 'POST', headers, body },
    {
      dispatcher: request.dispatcher,
      timeoutMs: request.timeoutMs,
      maxResponseBytes: 1_000_000,
      signal: request.signal,
      describe: () => ({ label, request: { method: 'POST', url: `${url.origin}${url.pathname}`, headers: {} } }),
    },
  );
  const answer = parseTokenResponse(response.body) ?? {};
  const refused = response.status >= 400 || answer.ok === false || typeof answer.error === 'string';
  if (!refused) return answer;
  const reason = typeof answer.error === 'string' ? answer.error : undefined;
  // A token endpoint that is down or busy is not a refused grant: the call may be retried.
  const unavailable = response.status >= 500 || response.status === 429;
  const reauthRequired = !unavailable && (reason === undefined ? response.status === 401 || response.status === 403 : REAUTH_ERRORS.has(reason));
  throw new PatchbayError({
    code: unavailable ? (response.status === 429 ? 'RATE_LIMITED' : 'UPSTREAM_ERROR') : 'AUTH_FAILED',
    retryable: unavailable,
    status: response.status,
    message: `${label} failed with HTTP ${response.status}${reason ? `: ${reason}` : ''}`,
    ...(reauthRequired ? { reauthRequired: true } : {}),
  });
}

function parseTokenResponse(body: Buffer): TokenResponse | undefined {
  const text = body.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as TokenResponse) : undefined;
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}
