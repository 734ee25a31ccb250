import { isRawBody, readWebhookHeader, verifyHmac, type WebhookHeaders, type WebhookVerification } from '@patchbay/runtime';

export interface SlackRequestToVerify {
  /** The raw request body, exactly as received (JSON for events, form for slash commands and actions). */
  body: string | Uint8Array;
  headers: WebhookHeaders;
  /** The app's signing secret (Basic Information → App Credentials). */
  signingSecret: string;
  /** Seconds a request may be away from now. Default 300, as Slack recommends. */
  toleranceSeconds?: number;
  /** The current time in epoch milliseconds; for tests. */
  now?: number;
}

const SIGNATURE = /^v0=([0-9a-f]{64})$/i;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Checks Slack's request signing: `X-Slack-Signature: v0=<hex>` is the HMAC-SHA256 of
 * `v0:{X-Slack-Request-Timestamp}:{body}` under the signing secret, and a timestamp more than five
 * minutes away is refused so a captured request cannot be replayed later.
 */
export function verifySlackRequest(request: SlackRequestToVerify): WebhookVerification {
  if (typeof request.signingSecret !== 'string' || request.signingSecret === '') return { ok: false, reason: 'no signing secret configured' };
  if (!isRawBody(request.body)) return { ok: false, reason: 'the body must be the raw bytes or text that Slack sent' };
  const timestamp = readWebhookHeader(request.headers, 'x-slack-request-timestamp')?.trim();
  if (timestamp === undefined) return { ok: false, reason: 'missing X-Slack-Request-Timestamp header' };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, reason: 'X-Slack-Request-Timestamp is not a number of seconds' };
  const header = readWebhookHeader(request.headers, 'x-slack-signature');
  if (header === undefined) return { ok: false, reason: 'missing X-Slack-Signature header' };
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return { ok: false, reason: 'X-Slack-Signature is not v0=<64 hex digits>' };
  const ageSeconds = Math.abs((request.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > (request.toleranceSeconds ?? 300)) return { ok: false, reason: 'X-Slack-Request-Timestamp is outside the tolerance window' };
  const payload = Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(request.body)]);
  return verifyHmac({ algorithm: 'sha256', secret: request.signingSecret, payload, signature: hex })
    ? { ok: true }
    : { ok: false, reason: 'signature does not match the body' };
}
