import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { serveFolder, type StaticFiles } from './static-files';
import { FAST, widget } from './support';

// The static demo (`npm run build:demo`) from a plain file host, in a folder of it: no dev server and no
// simulator behind it, the simulator runs in the page behind MSW's service worker. Built here (about 2 s),
// so the test never runs an old build.

let site: StaticFiles;

test.beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'demo', '--logLevel', 'warn']);
  site = await serveFolder('dist-demo', '/shop/');
});
test.afterAll(async () => {
  await site?.close();
});

test('the static demo runs a conversation, and its controls reach the simulator in the page', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const w = widget(page);
  await page.goto(site.url);
  await expect(page.getByText('run in this page by a service worker')).toBeVisible();
  await page.waitForFunction(() => customElements.get('cc-chat') !== undefined);
  // The page's controls talk to the simulator over HTTP, as with the dev server: the demo's pacing, faster.
  const configured = await page.evaluate(async (options) => {
    const response = await fetch('/__sim/configure', { method: 'POST', body: JSON.stringify(options) });
    return response.status;
  }, FAST);
  expect(configured).toBe(200);

  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  await w.button('agent-button').click();
  await expect(w.messages('AGENT').first()).toBeVisible({ timeout: 10_000 });
  await w.input.fill('Where is my parcel?');
  await w.input.press('Enter');
  await expect(w.messages('CUSTOMER')).toHaveAttribute('data-status', /sent|read/);
  await expect(w.messages('AGENT').filter({ hasText: 'Where is my parcel?' })).toHaveCount(1);

  // The demo has read receipts on: seeing the agent's line sends a READ, fire and forget. A reload while it is in
  // flight leaves it with no page for MSW to answer from, and the worker passes it on to the host, so wait for it.
  const readAnswered = page.waitForResponse(
    (response) => response.url().endsWith('/send') && (response.request().postData() ?? '').includes('"READ"'),
  );
  await page.getByRole('button', { name: 'Send as agent' }).click();
  await expect(w.messages('AGENT').filter({ hasText: 'your order left our warehouse' })).toHaveCount(1);
  await expect(page.locator('#log')).toHaveText('Simulator: agent-says done.');
  expect((await readAnswered).status()).toBe(200);

  // The simulator lives as long as the page: after a reload the chat starts afresh instead of failing.
  await page.reload();
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  await expect(w.messages('AGENT')).toHaveCount(0);

  expect(problems).toEqual([]);
  // Everything the page asked of the host was a file; the API and the controls never reached it.
  expect(site.missing).toEqual([]);
});
