import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isLocalhostName, isPrivateAddress } from './private-address.js';

/** Resolves a host name to every address it has, as `dns.promises.lookup(host, { all: true })` does. */
export type HostResolver = (hostname: string) => Promise<{ address: string }[]>;

export interface NetworkGuardOptions {
  /** The connection's base URL: a connection pointed at a private address may stay there. */
  baseUrl: URL;
  /** The app allows private, loopback and link-local targets for every connection. */
  allowPrivateNetwork?: boolean;
  /** For tests; the system resolver by default. */
  resolve?: HostResolver;
}

const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The reason a target must not be reached, or `undefined` when it may. A target is refused when it
 * is, or its name resolves to, a loopback, private or link-local address (the cloud metadata
 * service at 169.254.169.254 among them), unless the connection's base URL itself is such an
 * address (a connection to a local or internal service, every stand-in in the tests) or the app
 * allows private networks. Every address the name resolves to is checked, not just the name, so a
 * public-looking name pointed at 127.0.0.1 is refused too. A name that does not resolve is left to
 * the request itself, which fails as a network error.
 */
export async function privateTargetReason(target: URL, options: NetworkGuardOptions): Promise<string | undefined> {
  if (options.allowPrivateNetwork || isPrivateHost(options.baseUrl.hostname)) return undefined;
  const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  if (isLocalhostName(hostname)) return `${hostname} is this machine`;
  if (isIP(hostname)) return isPrivateAddress(hostname) ? `${hostname} is a private, loopback or link-local address` : undefined;
  let addresses: { address: string }[];
  try {
    addresses = await (options.resolve ?? systemResolver)(hostname);
  } catch {
    return undefined;
  }
  const inside = addresses.find(({ address }) => isPrivateAddress(address));
  return inside ? `${hostname} resolves to ${inside.address}, a private, loopback or link-local address` : undefined;
}

/** Whether a base URL's host is written as a private address or `localhost`: the app chose a local target. */
function isPrivateHost(hostname: string): boolean {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isLocalhostName(bare) || (isIP(bare) !== 0 && isPrivateAddress(bare));
}
