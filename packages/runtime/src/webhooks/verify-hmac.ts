import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hash functions vendors sign webhooks with. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface VerifyHmacOptions {
  algorithm: HmacAlgorithm;
  /** The shared webhook secret. */
  secret: string | Uint8Array;
  /** The exact bytes that were signed (the raw request body, or the vendor's signed string). */
  payload: string | Uint8Array;
  /** The signature the sender claims, as text in `encoding`. */
  signature: string;
  /** How the signature is written. Default `hex`. */
  encoding?: 'hex' | 'base64';
}

const HEX = /^(?:[0-9a-f]{2})+$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The HMAC of `payload` under `secret`, as raw bytes. */
export function computeHmac(algorithm: HmacAlgorithm, secret: string | Uint8Array, payload: string | Uint8Array): Buffer {
  return createHmac(algorithm, secret).update(payload).digest();
}

/**
 * Whether `signature` is the HMAC of `payload`. The comparison takes the same time wherever the
 * first differing byte is, so a caller cannot guess a valid signature byte by byte from response
 * times. Malformed signatures (wrong alphabet, wrong length) are simply not valid: this never throws
 * on attacker-controlled input.
 */
export function verifyHmac(options: VerifyHmacOptions): boolean {
  return verifyHmacAny({ ...options, signatures: [options.signature] });
}

export interface VerifyHmacAnyOptions extends Omit<VerifyHmacOptions, 'signature'> {
  /** Every signature the sender claims (several while a secret is being rolled). */
  signatures: readonly string[];
}

/** Candidates checked at most; a header with more is refused, so a forged one cannot buy unbounded work. */
export const MAX_SIGNATURE_CANDIDATES = 8;

/**
 * Whether any of `signatures` is the HMAC of `payload`. The HMAC is computed once, whatever the
 * number of candidates, and every candidate is compared in constant time, so neither the work nor
 * the time tells which one matched. More than {@link MAX_SIGNATURE_CANDIDATES} is not valid.
 */
export function verifyHmacAny(options: VerifyHmacAnyOptions): boolean {
  const encoding = options.encoding ?? 'hex';
  if (!Array.isArray(options.signatures) || options.signatures.length === 0 || options.signatures.length > MAX_SIGNATURE_CANDIDATES) return false;
  const claims: Buffer[] = [];
  for (const signature of options.signatures) {
    if (typeof signature !== 'string') continue;
    const text = signature.trim();
    if ((encoding === 'hex' ? HEX : BASE64).test(text)) claims.push(Buffer.from(text, encoding));
  }
  if (claims.length === 0) return false;
  const expected = computeHmac(options.algorithm, options.secret, options.payload);
  let matched = false;
  // The digest length is public (it follows from the algorithm), so checking it first leaks nothing.
  for (const claimed of claims) if (claimed.length === expected.length && timingSafeEqual(claimed, expected)) matched = true;
  return matched;
}
