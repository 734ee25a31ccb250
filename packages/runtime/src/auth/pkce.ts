import { createHash, randomBytes } from 'node:crypto';

/** A PKCE pair (RFC 7636) with the S256 method: a 43-character verifier and its SHA-256 challenge. */
export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

/** An unguessable `state` value binding a callback to the request that started it. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
