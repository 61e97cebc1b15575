// Who may use the proxy: allowedOrigins, DNS-rebinding shapes (a foreign name resolved to the proxy, so Origin
// and Host agree) and Sec-Fetch-Site, over real HTTP.

import { describe, expect, it } from 'vitest';
import { createCcProxy } from '../../../src/server/proxy.ts';
import { APP_KEY, APP_SECRET, send, Visitor } from './helpers.ts';
import { useProxyHarness } from './harness.ts';

const harness = useProxyHarness();
const SHOP = 'https://shop.example';

describe('with allowedOrigins', () => {
  it('refuses the DNS-rebinding shapes: a foreign Origin with a matching Host, and a same-origin GET to a foreign Host', async () => {
    const { sim, upstream, proxy, api } = await harness.setup({ proxy: { allowedOrigins: [SHOP] } });
    const port = new URL(proxy.url).port;
    const rebound = `http://attacker.example:${port}`;
    // The rebound page's POST: its own Origin, its own Host, and the browser calls it same-origin.
    const post = await new Visitor(api, 'rebound', {
      Origin: rebound,
      Host: `attacker.example:${port}`,
      'Sec-Fetch-Site': 'same-origin',
    }).applyToken();
    expect(post.status).toBe(403);
    expect(post.json).toEqual({
      errorCode: 'CC_PROXY.ORIGIN_NOT_ALLOWED',
      exceptionInfo: 'Pages from this origin may not use the contact-center proxy.',
    });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    // Its GET carries no Origin at all (same-origin GETs do not).
    const get = await send(`${api}/poll?receiverId=rebound&channel=WEB`, {
      headers: { Host: `attacker.example:${port}`, 'Sec-Fetch-Site': 'same-origin', 'ccmessaging-token': 'any' },
    });
    expect(get.status).toBe(403);
    // The proxy's own address as Origin, matching Host, is not listed either.
    const own = await new Visitor(api, 'own', { Origin: proxy.url }).applyToken();
    expect(own.status).toBe(403);
    expect(sim.requests).toEqual([]);
    expect(upstream.tokenRequests).toEqual([]);
    expect(harness.access.map((entry) => [entry.status, entry.reason])).toEqual([
      [403, 'origin-not-listed'],
      [403, 'host-not-listed'],
      [403, 'origin-not-listed'],
    ]);
  });

  it('refuses requests Sec-Fetch-Site marks as from another site, unless their Origin is listed', async () => {
    const { sim, api } = await harness.setup({ proxy: { allowedOrigins: [SHOP] } });
    for (const site of ['cross-site', 'same-site', 'none']) {
      const answer = await send(`${api}/poll?receiverId=x&channel=WEB`, { headers: { Host: 'shop.example', 'Sec-Fetch-Site': site } });
      expect(answer.status, site).toBe(403);
    }
    expect(sim.requests).toEqual([]);
    // The widget on shop.example talking to a proxy on another site: cross-site, with a listed Origin.
    const listed = await new Visitor(api, 'shopper', { Origin: SHOP, 'Sec-Fetch-Site': 'cross-site' }).applyToken();
    expect(listed.status).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe(SHOP);
    expect(listed.headers['access-control-expose-headers']).toContain('ccmessaging-token');
  });

  it('serves a same-origin GET (no Origin) only when its Host is a listed origin', async () => {
    const { sim, api } = await harness.setup({ proxy: { allowedOrigins: [SHOP, 'http://localhost:5173'] } });
    const visitor = new Visitor(api, 'same', { Origin: SHOP });
    await visitor.applyToken();
    await visitor.send('CONNECT');
    const poll = (headers: Record<string, string>) =>
      send(`${api}/poll?receiverId=same&channel=WEB`, { headers: { 'ccmessaging-token': visitor.token, ...headers } });
    expect((await poll({ Host: 'shop.example', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await poll({ Host: 'localhost:5173' })).status).toBe(200);
    // A Host of a listed origin but another port, and a client that names no Host it may use.
    expect((await poll({ Host: 'localhost:5174', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(403);
    expect((await poll({})).status).toBe(403);
    expect(sim.requests.map((r) => r.operation)).toEqual(['applyToken', 'send', 'poll', 'poll']);
  });

  it('still answers the listed origins\' preflight, and refuses the others\'', async () => {
    const { api } = await harness.setup({ proxy: { allowedOrigins: [SHOP] } });
    const preflight = (origin: string) =>
      send(`${api}/poll`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'ccmessaging-token' },
      });
    const ok = await preflight(SHOP);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-headers']?.toLowerCase()).toContain('ccmessaging-token');
    expect((await preflight('https://shop.example.attacker.example')).status).toBe(403);
  });
});

describe('without allowedOrigins', () => {
  it('warns once at start-up that production needs it', () => {
    const lines: string[] = [];
    createCcProxy({ target: 'https://cc.example', appKey: APP_KEY, appSecret: APP_SECRET, log: (line) => lines.push(line), accessLog: false });
    expect(lines).toEqual([
      'cc-proxy: allowedOrigins is not set, so only same-origin pages may use the proxy; production needs it (the exact origins of your pages)',
    ]);
    createCcProxy({ target: 'https://cc.example', appKey: APP_KEY, appSecret: APP_SECRET, log: (line) => lines.push(line), accessLog: false, allowedOrigins: [SHOP] });
    expect(lines).toHaveLength(1);
  });

  it('serves same-origin pages and non-browser clients as before, and refuses what Sec-Fetch-Site marks as foreign', async () => {
    const { sim, proxy, api } = await harness.setup();
    expect((await new Visitor(api, 'same', { Origin: proxy.url, 'Sec-Fetch-Site': 'same-origin' }).applyToken()).status).toBe(200);
    expect((await new Visitor(api, 'curl').applyToken()).status).toBe(200);
    expect((await new Visitor(api, 'other', { Origin: SHOP }).applyToken()).status).toBe(403);
    expect((await new Visitor(api, 'image', { 'Sec-Fetch-Site': 'cross-site' }).applyToken()).status).toBe(403);
    // An Origin equal to the Host that the browser itself calls cross-site is not same-origin.
    expect((await new Visitor(api, 'odd', { Origin: proxy.url, 'Sec-Fetch-Site': 'cross-site' }).applyToken()).status).toBe(403);
    expect(sim.requests.map((r) => (r.body as { userId: string }).userId)).toEqual(['same', 'curl']);
  });
});
