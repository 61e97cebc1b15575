import { expect, test } from '@playwright/test';
import { startProxyServer, type ProxyServer } from '../../src/server/index.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { startSimulatorServer, type SimulatorServer } from '../../src/simulator/http.ts';
import { widget } from './support';

// Browser → the site's proxy (holding the app key and secret) → the simulator standing in for the
// contact center, which checks x-app-key and the Bearer AccessToken like the real gateway.

const APP_KEY = 'e2e-app-key-0d6f';
const APP_SECRET = 'e2e-app-secret-9b1c4e7a';
const ACCESS_TOKEN = 'e2e-access-token-5f2a8c31d9';

let upstream: SimulatorServer;
let proxy: ProxyServer;
/** The proxy's access log (one JSON line per request), checked for secrets like everything the page saw. */
const accessLines: string[] = [];

test.beforeAll(async ({ baseURL }) => {
  const simulator = createSimulator({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    pollHoldMs: 800,
    replyDelayMs: 50,
    queueStepMs: 400,
    queueLength: 2,
  });
  upstream = await startSimulatorServer({ port: 0, simulator });
  proxy = await startProxyServer({
    port: 0,
    target: upstream.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    allowedOrigins: [new URL(baseURL!).origin],
    accessLog: (entry) => accessLines.push(JSON.stringify(entry)),
  });
});

test.afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

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
  const w = widget(page);
  await page.goto('/');
  await w.root.evaluate((el, url) => el.setAttribute('base-url', url), proxy.url);
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
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
