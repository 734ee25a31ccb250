import { isRawBody, readWebhookHeader, verifyHmac, type WebhookHeaders, type WebhookVerification } from '@patchbay/runtime';

export interface GithubWebhookRequest {
  /** The raw request body, exactly as received: a re-serialized JSON object would not verify. */
  body: string | Uint8Array;
  headers: WebhookHeaders;
  /** The secret set on the webhook. */
  secret: string;
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks GitHub's `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body under the
 * webhook secret, in constant time. The legacy SHA-1 `X-Hub-Signature` is not accepted.
 */
export function verifyGithubWebhook(request: GithubWebhookRequest): WebhookVerification {
  if (typeof request.secret !== 'string' || request.secret === '') return { ok: false, reason: 'no webhook secret configured' };
  if (!isRawBody(request.body)) return { ok: false, reason: 'the body must be the raw bytes or text that GitHub sent' };
  const header = readWebhookHeader(request.headers, 'x-hub-signature-256');
  if (header === undefined) return { ok: false, reason: 'missing X-Hub-Signature-256 header' };
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return { ok: false, reason: 'X-Hub-Signature-256 is not sha256=<64 hex digits>' };
  return verifyHmac({ algorithm: 'sha256', secret: request.secret, payload: request.body, signature: hex })
    ? { ok: true }
    : { ok: false, reason: 'signature does not match the body' };
}
