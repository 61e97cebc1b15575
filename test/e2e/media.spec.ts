import { expect, test } from '@playwright/test';
import { CREDENTIALS, openThroughProxy, startBehindProxy, type BehindProxy } from './behind-proxy';
import { SAMPLE_PNG } from '../../src/simulator/sample-media-data.ts';

// Files both ways over HTTP, through the site's proxy: the agent's image is downloaded (downloadFileStream) and
// shown; the visitor's photo is uploaded (uploadFileStream, a body larger than the proxy lets other calls send)
// and sent as IMAGE.

let servers: BehindProxy;
let upstream: BehindProxy['upstream'];
let proxy: BehindProxy['proxy'];

test.beforeAll(async ({ baseURL }) => {
  servers = await startBehindProxy(new URL(baseURL!).origin, { simulator: { queueStepMs: 300, queueLength: 1 } });
  ({ upstream, proxy } = servers);
});

test.afterAll(() => servers?.close());

test('an agent’s image comes down through the proxy and opens full size', async ({ page }) => {
  const w = await openThroughProxy(page, proxy);
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
  expect(download?.headers['x-app-key']).toBe(CREDENTIALS.appKey);
});

test('a visitor’s photo goes up through the proxy, shows its progress, and is sent as IMAGE', async ({ page }) => {
  const w = await openThroughProxy(page, proxy);
  // The contact center takes its time to answer the upload: meanwhile the whole photo has gone out, and says so.
  upstream.simulator.fault({ kind: 'delay', ms: 1500, on: 'uploadFileStream' });
  await w.root.locator('.file-input').setInputFiles({
    name: 'broken-parcel.png',
    mimeType: 'image/png',
    buffer: Buffer.from(SAMPLE_PNG, 'base64'),
  });
  const mine = w.messages('CUSTOMER');
  await expect(mine.locator('[part~="status"]')).toHaveText('Uploading… 100%');
  await expect(mine.locator('[part~="upload-progress"]')).toHaveJSProperty('value', 100);
  await expect(mine).toHaveAttribute('data-status', 'sent');
  await expect.poll(() => mine.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);
  const requests = upstream.simulator.requests;
  const upload = requests.find((r) => r.operation === 'uploadFileStream');
  expect(upload?.body).toMatchObject({ fileType: 'png', fileStream: SAMPLE_PNG, channel: 'WEB' });
  const send = requests.find((r) => r.operation === 'send' && (r.body as { mediaType?: string }).mediaType === 'IMAGE');
  expect((send?.body as { content: string }).content).toMatch(/^sim-upload\/.+\.png$/);
  await expect(w.messages('ROBOT').last()).toContainText('Thanks for the file');
});
