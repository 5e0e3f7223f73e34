import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Address ranges `http.request` refuses unless allowlisted: nothing inside our own network. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** The env allowlist: host names, IP addresses and CIDRs that may be reached although blocked. */
export interface Allowlist {
  hosts: Set<string>;
  ranges: BlockList;
}

/**
 * Parses `HTTP_REQUEST_ALLOWLIST` (comma-separated host names, IPs and CIDRs).
 *
 * @example
 * parseAllowlist('127.0.0.1/32, intranet.example.com');
 */
export function parseAllowlist(text: string | undefined): Allowlist {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const [net, prefix] = entry.split('/');
    const family = isIP(net ?? '');
    if (family !== 0 && net !== undefined) {
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      if (!Number.isInteger(bits)) throw new Error(`HTTP_REQUEST_ALLOWLIST: bad CIDR "${entry}"`);
      ranges.addSubnet(net, bits, family === 4 ? 'ipv4' : 'ipv6');
    } else {
      hosts.add(entry);
    }
  }
  return { hosts, ranges };
}

/** `::ffff:10.0.0.1` is 10.0.0.1: check mapped addresses as IPv4. */
function normalise(address: ResolvedAddress): ResolvedAddress {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address.address);
  return mapped?.[1] ? { address: mapped[1], family: 4 } : address;
}

export class SsrfRefusedError extends Error {
  override name = 'SsrfRefused';
}

/**
 * Resolves a host and returns the address to connect to, refusing hosts any of whose addresses
 * is internal (a name with one public and one private address could be made to reach either).
 * The caller connects to the returned address, never resolving again, so DNS rebinding between
 * check and connect cannot redirect it.
 */
export async function resolveAllowedAddress(
  hostname: string,
  allowlist: Allowlist,
): Promise<ResolvedAddress> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const literal = isIP(host);
  const addresses: ResolvedAddress[] =
    literal !== 0
      ? [{ address: host, family: literal as 4 | 6 }]
      : (await lookup(host, { all: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  const hostAllowed = allowlist.hosts.has(host);
  for (const raw of addresses) {
    const address = normalise(raw);
    const type = address.family === 4 ? 'ipv4' : 'ipv6';
    if (
      !hostAllowed &&
      blocked.check(address.address, type) &&
      !allowlist.ranges.check(address.address, type)
    ) {
      throw new SsrfRefusedError(
        `http.request refused ${host}: ${address.address} is a loopback, private, link-local or reserved address (allow it with HTTP_REQUEST_ALLOWLIST)`,
      );
    }
  }
  return normalise(addresses[0] as ResolvedAddress);
}
