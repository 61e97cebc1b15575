// Who is asking, for the per-address limits and the log's visitor hash: the socket's peer, or, behind
// `trustProxyHops` reverse proxies / load balancers, the address the nearest untrusted hop gave.

import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The client's address. With `trustProxyHops` = n, the n-th entry from the right of X-Forwarded-For (each trusted
 * proxy appends the address it saw; entries further left are whatever the client wrote, so they are never used).
 */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  if (trustProxyHops <= 0) return peer;
  const raw = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request did not come through them all; the leftmost is the best there is.
  return entries.length === 0 ? peer : (entries[Math.max(0, entries.length - trustProxyHops)] ?? peer);
}

/**
 * The key an address is limited under. IPv6 addresses count by /64, since one subscriber usually holds a whole
 * /64 and could otherwise take a fresh address per request; IPv4-mapped IPv6 counts as the IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * A short one-way name for a token or an address, for limit keys and logs. Keyed (HMAC) so that an IPv4 address
 * cannot be recovered by hashing all 2^32 of them; the same key on every process gives the same name everywhere.
 */
export function shortHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, 16);
}
