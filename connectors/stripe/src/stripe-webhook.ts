import { isRawBody, MAX_SIGNATURE_CANDIDATES, readWebhookHeader, verifyHmacAny, type WebhookHeaders, type WebhookVerification } from '@patchbay/runtime';

export interface StripeWebhookRequest {
  /** The raw request body, exactly as received: a re-serialized JSON object would not verify. */
  body: string | Uint8Array;
  headers: WebhookHeaders;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Seconds the signed timestamp may be away from now. Default 300, as Stripe's libraries use. */
  toleranceSeconds?: number;
  /** The current time in epoch milliseconds; for tests. */
  now?: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>…]`: a `v1` must be the HMAC-SHA256 of
 * `{t}.{body}` under the endpoint secret (several appear while a secret is being rolled), and `t`
 * must be within the tolerance, so a captured delivery cannot be replayed later. `v0` and other
 * schemes are ignored, as Stripe's own libraries do.
 */
export function verifyStripeWebhook(request: StripeWebhookRequest): WebhookVerification {
  if (typeof request.secret !== 'string' || request.secret === '') return { ok: false, reason: 'no webhook secret configured' };
  if (!isRawBody(request.body)) return { ok: false, reason: 'the body must be the raw bytes or text that Stripe sent' };
  const header = readWebhookHeader(request.headers, 'stripe-signature');
  if (header === undefined) return { ok: false, reason: 'missing Stripe-Signature header' };

  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') timestamp = value;
    else if (key === 'v1' && HEX_SHA256.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'Stripe-Signature has no valid t= timestamp' };
  if (signatures.length === 0) return { ok: false, reason: 'Stripe-Signature has no v1= signature' };
  // Stripe sends one, or two while a secret rolls: a long list is forged, and not worth the work.
  if (signatures.length > MAX_SIGNATURE_CANDIDATES) return { ok: false, reason: `Stripe-Signature has more than ${MAX_SIGNATURE_CANDIDATES} v1= signatures` };

  const payload = Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(request.body)]);
  // One HMAC, compared with every candidate in constant time: the time taken does not tell which matched.
  if (!verifyHmacAny({ algorithm: 'sha256', secret: request.secret, payload, signatures })) return { ok: false, reason: 'no signature matches the body' };
  const ageSeconds = Math.abs((request.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > (request.toleranceSeconds ?? 300)) return { ok: false, reason: 'timestamp is outside the tolerance window' };
  return { ok: true };
}
