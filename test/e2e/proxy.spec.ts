import { expect, test } from '@playwright/test';
import { CREDENTIALS, openThroughProxy, startBehindProxy, type BehindProxy } from './behind-proxy';

// Browser → the site's proxy (holding the app key and secret) → the simulator standing in for the
// contact center, which checks x-app-key and the Bearer AccessToken like the real gateway.

const { appKey: APP_KEY, appSecret: APP_SECRET, accessToken: ACCESS_TOKEN } = CREDENTIALS;

let servers: BehindProxy;
let upstream: BehindProxy['upstream'];
let proxy: BehindProxy['proxy'];
/** The proxy's access log (one JSON line per request), checked for secrets like everything the page saw. */
const accessLines: string[] = [];

test.beforeAll(async ({ baseURL }) => {
  servers = await startBehindProxy(new URL(baseURL!).origin, { simulator: { queueStepMs: 400, queueLength: 2 }, accessLog: (entry) => accessLines.push(JSON.stringify(entry)) });
  ({ upstream, proxy } = servers);
});

test.afterAll(() => servers?.close());

test('a conversation through the proxy, and no secret ever reaches the page', async ({ page }) => {
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(proxy.url)) return;
    seen.push(JSON.stringify(await response.allHeaders()));
    seen.push(await response.text().catch(() => ''));
  });
  const chatTokens = new Set<string>();
  page.on('request', (request) => {
    seen.push(JSON.stringify(request.headers()));
    const token = request.headers()['ccmessaging-token'];
    if (token) chatTokens.add(token);
  });
  const w = await openThroughProxy(page, proxy);
  await w.button('agent-button').click();
  await expect(w.messages('AGENT').first()).toBeVisible({ timeout: 10_000 });
  await w.input.fill('Hello through the proxy');
  await w.input.press('Enter');
  await expect(w.messages('CUSTOMER')).toHaveAttribute('data-status', 'sent');

  const upstreamRequests = upstream.simulator.requests;
  expect(upstreamRequests.length).toBeGreaterThan(3);
  for (const r of upstreamRequests) {
    expect(r.headers['x-app-key']).toBe(APP_KEY);
    expect(r.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  }

  const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  const dom = await page.evaluate(() => {
    const el = document.querySelector('cc-chat')!;
    return document.documentElement.outerHTML + el.shadowRoot!.innerHTML;
  });
  // The default limits let a whole conversation through, and every request was logged.
  expect(accessLines.length).toBeGreaterThan(3);
  expect(accessLines.some((line) => line.includes('"status":429') || line.includes('"status":403'))).toBe(false);
  expect(chatTokens.size).toBeGreaterThan(0);
  for (const line of accessLines) for (const token of chatTokens) expect(line).not.toContain(token);
  for (const text of [...seen, storage, dom, ...accessLines]) {
    expect(text).not.toContain(APP_SECRET);
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain(APP_KEY);
    expect(text.toLowerCase()).not.toContain('bearer');
  }
});
