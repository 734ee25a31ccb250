import { isIP } from 'node:net';

// IPv4 ranges no public API lives in: "this" network, private (RFC 1918), carrier-grade NAT,
// loopback, link-local (cloud metadata at 169.254.169.254), IETF protocol assignments,
// documentation, benchmarking, multicast and reserved.
const PRIVATE_V4: [number, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
].map(([base, bits]) => [ipv4ToNumber(base as string), bits as number]);

/**
 * Whether an IP address is loopback, private, link-local or otherwise not a public unicast
 * address. IPv4-mapped and NAT64 IPv6 forms are judged by the IPv4 address they carry, so
 * `::ffff:169.254.169.254` is as private as `169.254.169.254`.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const version = isIP(bare);
  if (version === 4) return isPrivateV4(ipv4ToNumber(bare));
  if (version !== 6) return false;
  const words = ipv6Words(bare.split('%')[0]!);
  const allZeroUntil = (end: number) => words.slice(0, end).every((word) => word === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64).
  if ((allZeroUntil(5) && (words[5] === 0xffff || words[5] === 0)) || (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0))) {
    if (allZeroUntil(6) && words[6] === 0 && words[7]! <= 1) return true; // :: and ::1
    return isPrivateV4(((words[6]! << 16) | words[7]!) >>> 0);
  }
  const first = words[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local fec0::/10 (deprecated, still routed privately)
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && words[1] === 0x0db8) // documentation
  );
}

/** `localhost` and its subdomains always mean this machine (RFC 6761), whatever DNS says. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function isPrivateV4(value: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => (bits === 0 ? true : value >>> (32 - bits) === base >>> (32 - bits)));
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((total, part) => ((total << 8) | Number(part)) >>> 0, 0);
}

function ipv6Words(address: string): number[] {
  let text = address;
  // A trailing dotted IPv4 part becomes two words.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = ipv4ToNumber(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headWords = head ? head.split(':') : [];
  const tailWords = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headWords.length - tailWords.length;
  return [...headWords, ...Array<string>(missing).fill('0'), ...tailWords].map((word) => parseInt(word, 16) || 0);
}
