// Which pages may use the proxy. Browsers say where a request comes from (Origin, Sec-Fetch-Site); a page that
// rebinds its own DNS name to the proxy's address (DNS rebinding) looks same-origin to the browser, so its
// requests carry its own Origin and Host. The proxy therefore trusts the Host header only for the shape of
// a same-origin request, never as the list of allowed sites.

import type { IncomingMessage } from 'node:http';

export type OriginVerdict =
  /** An Origin in allowedOrigins: gets the CORS headers. */
  | { verdict: 'allowed'; origin: string }
  /** A same-origin request, or a client that is not a browser: served without CORS headers. */
  | { verdict: 'same' }
  | { verdict: 'denied'; reason: string };

/** `https://Shop.example.com:443/` → `https://shop.example.com`; null when not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `Shop.Example:443` with the scheme of `origin` → `shop.example` (default ports dropped); null when malformed. */
function hostOf(hostHeader: string | undefined, protocol: string): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`${protocol}//${hostHeader}`).host;
  } catch {
    return null;
  }
}

/**
 * With `allowed` (normalized origins) non-empty, only those sites pass:
 * - an Origin must be listed (a listed Origin may be cross-site: the widget on shop.example, the proxy elsewhere);
 * - without Origin (a browser's same-origin GET, or a non-browser client), Sec-Fetch-Site, when sent, must be
 *   `same-origin`, and the Host must be that of a listed origin (a rebound name is not listed).
 * Without a list, today's rule: an Origin must match the Host (same-origin); no Origin passes unless
 * Sec-Fetch-Site says the request comes from another site.
 */
export function judgeOrigin(req: IncomingMessage, allowed: ReadonlySet<string>): OriginVerdict {
  const raw = header(req, 'origin');
  const fetchSite = header(req, 'sec-fetch-site')?.trim().toLowerCase();
  if (raw !== undefined) {
    const origin = normalizeOrigin(raw);
    if (!origin) return { verdict: 'denied', reason: 'origin-malformed' };
    if (allowed.has(origin)) return { verdict: 'allowed', origin };
    if (allowed.size > 0) return { verdict: 'denied', reason: 'origin-not-listed' };
    const protocol = new URL(origin).protocol;
    if (hostOf(header(req, 'host'), protocol) !== new URL(origin).host) return { verdict: 'denied', reason: 'origin-not-same' };
    return fetchSite === undefined || fetchSite === 'same-origin' ? { verdict: 'same' } : { verdict: 'denied', reason: 'fetch-site' };
  }
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return { verdict: 'denied', reason: 'fetch-site' };
  if (allowed.size === 0) return { verdict: 'same' };
  for (const origin of allowed) {
    const url = new URL(origin);
    if (hostOf(header(req, 'host'), url.protocol) === url.host) return { verdict: 'same' };
  }
  return { verdict: 'denied', reason: 'host-not-listed' };
}
