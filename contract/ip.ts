/**
 * Client addresses and a PAT's allowlist of them (`allowed_ips`): entries are IPv4 or IPv6
 * addresses and CIDR ranges, checked and written one way (ipaddr.js) so that the server, the
 * mocks and the stored lists agree. Not part of `contract/index.ts`: the elements leave the
 * checking to the API and do not carry the library.
 */
import ipaddr from 'ipaddr.js';

export const IP_ENTRY_PROBLEM = 'must be an IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24 or 2001:db8::/32';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An address as one form only: dotted quads for IPv4 (no "10.1", no octal), no zone index. */
function parseAddress(text: string): Address | undefined {
  if (text.includes('%')) return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.IPv6.parse(text);
  // An IPv4-mapped IPv6 address is the IPv4 address, as a dual-stack socket reports it.
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

function written(address: Address): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/**
 * One allowlist entry, normalized: an address in its shortest form, or a range as its network
 * address and prefix (`10.1.2.3/8` → `10.0.0.0/8`; a full-length prefix is the address alone;
 * an IPv4-mapped IPv6 range is the IPv4 range). Undefined when it is neither.
 */
export function normalizeIpEntry(entry: string): string | undefined {
  const text = entry.trim();
  const slash = text.indexOf('/');
  if (slash === -1) {
    const address = parseAddress(text);
    return address && written(address);
  }
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  let address = parseAddress(text.slice(0, slash));
  if (!address) return undefined;
  let prefix = Number(prefixText);
  const mapped = address.kind() === 'ipv4' && text.slice(0, slash).includes(':');
  if (mapped) {
    if (prefix < 96) return undefined;
    prefix -= 96;
  }
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefix > bits) return undefined;
  if (prefix === bits) return written(address);
  address =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
  return `${written(address)}/${prefix}`;
}

/** The client address `ip` (as a socket or a relaying service reports it) in its normalized form, or undefined. */
export function normalizeIp(ip: string): string | undefined {
  const address = parseAddress(ip.trim());
  return address && written(address);
}

/**
 * A test of a client address against normalized entries, parsed once: the answer for a PAT
 * with an allowlist. An address that does not parse is not allowed.
 */
export function addressMatcher(entries: readonly string[]): (ip: string) => boolean {
  const ranges = entries.map((entry) => {
    const [address, prefix] = entry.split('/');
    const parsed = parseAddress(address!)!;
    return { parsed, kind: parsed.kind(), bits: prefix === undefined ? (parsed.kind() === 'ipv4' ? 32 : 128) : Number(prefix) };
  });
  return (ip) => {
    const address = parseAddress(ip);
    if (!address) return false;
    const kind = address.kind();
    return ranges.some((range) => range.kind === kind && address.match(range.parsed as never, range.bits));
  };
}
