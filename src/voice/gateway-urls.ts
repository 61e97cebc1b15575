// Where a call's SIP goes, from the details of "Call connected" (shared/api/ccmessaging.md §8): pure
// functions, so the rules are tested without a browser.

/** A gateway address as a WebSocket URL: one with a scheme is used as given, `host:port` becomes wss://host:port. */
export function gatewayUrl(address: string): string {
  const trimmed = address.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `wss://${trimmed}`;
}

/** The gateway addresses in the server's order, as WebSocket URLs, empty ones left out. */
export function gatewayUrls(addresses: readonly string[]): string[] {
  return addresses.filter((a) => a.trim() !== '').map(gatewayUrl);
}

/** `sip:user@domain`, the user part escaped as SIP wants (RFC 3261 user-unreserved characters kept). */
export function sipUri(user: string, domain: string): string {
  const escaped = user.trim().replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (c) =>
    Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return `sip:${escaped}@${domain.trim()}`;
}
