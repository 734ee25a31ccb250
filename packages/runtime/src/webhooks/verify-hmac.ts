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
  const encoding = options.encoding ?? 'hex';
  if (typeof options.signature !== 'string') return false;
  const text = options.signature.trim();
  if (!(encoding === 'hex' ? HEX : BASE64).test(text)) return false;
  const claimed = Buffer.from(text, encoding);
  const expected = computeHmac(options.algorithm, options.secret, options.payload);
  // The digest length is public (it follows from the algorithm), so checking it first leaks nothing.
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}
