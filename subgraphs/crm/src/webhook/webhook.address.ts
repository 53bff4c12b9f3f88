import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not be sent to unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is set: this host,
 * private networks, link-local (cloud metadata services live there), carrier-grade NAT, unspecified
 * and unique-local IPv6. A partner's receiver is on the public internet; anything else would let
 * whoever registers an endpoint make the crm call into its own network.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (IPv4, IPv6, or IPv4 mapped into IPv6) is one a webhook may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as `new URL` gives it, without the brackets of an IPv6 literal. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Why `url` may not be registered without private addresses allowed (a literal private address or localhost), or null. */
export function privateHostReason(url: string): string | null {
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this host`;
  if (isIP(host) && isPrivateAddress(host)) return `${host} is a private, loopback or link-local address`;
  return null;
}

/**
 * Why `url` may not be delivered to now: its host resolves to a private address (checked on every
 * attempt, so a name that later points inward is caught), or null when every address is public.
 */
export async function privateDeliveryReason(url: string): Promise<string | null> {
  const literal = privateHostReason(url);
  if (literal) return literal;
  const host = hostOf(url);
  if (isIP(host)) return null;
  const addresses = await lookup(host, { all: true });
  const inward = addresses.find((each) => isPrivateAddress(each.address));
  return inward ? `${host} resolves to ${inward.address}, a private, loopback or link-local address` : null;
}
