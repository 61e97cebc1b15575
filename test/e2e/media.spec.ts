import { expect, test, type Page } from '@playwright/test';
import { startProxyServer, type ProxyServer } from '../../src/server/index.ts';
import { createSimulator } from '../../src/simulator/index.ts';
import { startSimulatorServer, type SimulatorServer } from '../../src/simulator/http.ts';
import { SAMPLE_PNG } from '../../src/simulator/sample-media-data.ts';
import { widget } from './support';

// Files both ways over HTTP, through the site's proxy: the agent's image is downloaded (downloadFileStream) and
// shown; the visitor's photo is uploaded (uploadFileStream, a body larger than the proxy lets other calls send)
// and sent as IMAGE.

const APP_KEY = 'e2e-media-app-key';
const APP_SECRET = 'e2e-media-app-secret-3c1d';
const ACCESS_TOKEN = 'e2e-media-access-token-7a2b';

let upstream: SimulatorServer;
let proxy: ProxyServer;

test.beforeAll(async ({ baseURL }) => {
  const simulator = createSimulator({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    pollHoldMs: 800,
    replyDelayMs: 50,
    queueStepMs: 300,
    queueLength: 1,
  });
  upstream = await startSimulatorServer({ port: 0, simulator });
  proxy = await startProxyServer({
    port: 0,
    target: upstream.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    allowedOrigins: [new URL(baseURL!).origin],
    accessLog: false,
  });
});

test.afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

async function openThroughProxy(page: Page) {
  const w = widget(page);
  await page.goto('/');
  await w.root.evaluate((el, url) => el.setAttribute('base-url', url), proxy.url);
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  return w;
}

test('an agent’s image comes down through the proxy and opens full size', async ({ page }) => {
  const w = await openThroughProxy(page);
  await w.button('agent-button').click();
  await expect(w.messages('AGENT').first()).toBeVisible({ timeout: 10_000 });
  upstream.simulator.agentSendsFile('image');
  const image = w.root.locator('[part~="media-image"]');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(360);
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await w.root.locator('[part~="media-open"]').click();
  await expect(w.root.locator('[part~="media-dialog"]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(w.root.locator('[part~="media-dialog"]')).toBeHidden();
  await expect(w.panel).toBeVisible();
  const download = upstream.simulator.requests.find((r) => r.operation === 'downloadFileStream');
  expect(download?.headers['x-app-key']).toBe(APP_KEY);
});

test('a visitor’s photo goes up through the proxy and is sent as IMAGE', async ({ page }) => {
  const w = await openThroughProxy(page);
  await w.root.locator('.file-input').setInputFiles({
    name: 'broken-parcel.png',
    mimeType: 'image/png',
    buffer: Buffer.from(SAMPLE_PNG, 'base64'),
  });
  const mine = w.messages('CUSTOMER');
  await expect(mine).toHaveAttribute('data-status', 'sent');
  await expect.poll(() => mine.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);
  const requests = upstream.simulator.requests;
  const upload = requests.find((r) => r.operation === 'uploadFileStream');
  expect(upload?.body).toMatchObject({ fileType: 'png', fileStream: SAMPLE_PNG, channel: 'WEB' });
  const send = requests.find((r) => r.operation === 'send' && (r.body as { mediaType?: string }).mediaType === 'IMAGE');
  expect((send?.body as { content: string }).content).toMatch(/^sim-upload\/.+\.png$/);
  await expect(w.messages('ROBOT').last()).toContainText('Thanks for the file');
});
