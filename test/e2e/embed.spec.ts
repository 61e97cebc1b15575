import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { startStaticSite, type StaticSite } from './static-server';
import { snapshot, widget } from './support';

// Calls take the fake microphone; no agent registers at the site's SIP gateway, so a call with a voice ends
// in "The number called does not exist (404)" once its INVITE has reached the gateway.
test.use({
  launchOptions: { executablePath: findChromium(), args: [...chromiumArgs, '--use-fake-device-for-media-stream'] },
  permissions: ['microphone', 'camera'],
});

// The built script-tag file on plain HTML pages (no bundler) under a strict CSP, talking over HTTP
// to the simulator at the page's origin. Needs `npm run build` first (npm test does it).

let site: StaticSite;

test.beforeAll(async () => {
  site = await startStaticSite({ pollHoldMs: 800, replyDelayMs: 50, queueStepMs: 400, queueLength: 2, callQueueMs: 300 });
});
test.afterAll(async () => {
  await site?.close();
});
test.beforeEach(() => {
  site.simulator.reset();
});

function collectProblems(page: import('@playwright/test').Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy|violat/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return problems;
}

test('the IIFE, loaded twice, runs a whole conversation under a strict CSP', async ({ page }) => {
  const problems = collectProblems(page);
  const w = widget(page);
  await page.goto(`${site.url}/embed.html`);
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  await w.button('agent-button').click();
  await expect(w.messages('AGENT').first()).toBeVisible({ timeout: 10_000 });
  await w.input.fill('Hello from a plain page');
  await w.input.press('Enter');
  await expect(w.messages('CUSTOMER')).toHaveAttribute('data-status', 'sent');
  await w.button('end-button').click();
  await w.button('survey-skip').click(); // the survey of an agent's conversation, from the API part's calls
  await expect(w.button('new-button')).toBeVisible();
  // The panel is styled (constructed stylesheets pass the CSP): it is a positioned, sized box.
  const box = await w.panel.boundingBox();
  expect(box && box.width > 300 && box.height > 300).toBe(true);
  // One copy of lit-html in the bundle: each copy registers its version as it loads, and the page loads
  // the script twice. A second copy inside the bundle would cost 3 KB and split Lit's sentinels.
  const litVersions = await page.evaluate(() => (globalThis as { litHtmlVersions?: string[] }).litHtmlVersions);
  // The installed Lit's renderer (no pinned version: the script-tag file bundles whatever Lit 3 is installed).
  const installed = JSON.parse(readFileSync('node_modules/lit-html/package.json', 'utf8')).version;
  expect(litVersions).toEqual([installed, installed]);
  expect(problems).toEqual([]);
});

test('the panel\'s script comes when the visitor reaches for the launcher; if it fails, the next open fetches it again', async ({ page }) => {
  const w = widget(page);
  let blocked = true;
  const panelScript: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/cc-chat-panel.iife.js')) panelScript.push(request.url());
  });
  await page.route('**/cc-chat-panel.iife.js', (route) => (blocked ? route.fulfill({ status: 404 }) : route.continue()));
  await page.goto(`${site.url}/embed.html`);
  await page.evaluate(() => {
    const errors: string[] = ((window as unknown as { ccErrors: string[] }).ccErrors = []);
    document.querySelector('cc-chat')!.addEventListener('cc-error', (event) => errors.push((event as CustomEvent<{ message: string }>).detail.message));
  });
  await expect(w.launcher).toBeVisible();
  await page.waitForTimeout(300);
  expect(panelScript).toEqual([]); // nothing but the launcher at page load

  // The pointer on the launcher fetches the panel ahead of the click; here it fails, and the click tries again.
  await w.launcher.hover();
  await expect.poll(() => panelScript.length).toBe(1);
  await w.launcher.click();
  await expect(w.panel.getByRole('alert')).toHaveText('Something went wrong. Please try again.');
  expect(panelScript.length).toBe(2);
  const errors = await page.evaluate(() => (window as unknown as { ccErrors: string[] }).ccErrors);
  expect(errors[0]).toMatch(/chat panel could not be loaded.*\/cc-chat-panel\.iife\.js/);

  blocked = false;
  await w.launcher.click(); // close
  await w.launcher.click(); // open again
  await expect(w.messages('ROBOT').first()).toBeVisible();
  await expect(w.input).toBeFocused();
  expect(panelScript.length).toBe(3);
});

test('the one-file build runs the conversation, a call and Chinese with nothing beside it', async ({ page }) => {
  const problems = collectProblems(page);
  const w = widget(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(`${site.url}/embed-all.html`);
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  await w.input.fill('Hello from one file');
  await w.input.press('Enter');
  await expect(w.messages('CUSTOMER')).toHaveAttribute('data-status', 'sent');
  await w.button('call-button').click();
  // The voice is inside the file too: it dialled the gateway, where nobody answers that number.
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed', { timeout: 10_000 });
  await expect(w.button('call-status')).toContainText('(404)');
  expect(site.gateway.log.map((e) => e.what)).toContain('INVITE');
  await page.evaluate(() => document.querySelector('cc-chat')!.setAttribute('locale', 'zh-CN'));
  await expect(w.button('end-button')).toHaveText('结束对话');
  // The file came twice (the page loads it twice), and nothing else did.
  expect([...new Set(scripts)]).toEqual(['/one-file/cc-chat.all.iife.js']);
  expect(problems).toEqual([]);
});

/** The requests the page makes for a part script (cc-chat.iife.js adds the call's when a call is possible). */
function callScriptRequests(page: import('@playwright/test').Page, file = 'cc-chat-call.iife.js'): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(file)) urls.push(request.url());
  });
  return urls;
}

test('a call through the IIFE with no-voice: queued, connected with the gateway details, hung up', async ({ page }) => {
  const problems = collectProblems(page);
  const w = widget(page);
  const callScript = callScriptRequests(page);
  const voiceScript = callScriptRequests(page, 'cc-chat-voice.iife.js');
  await page.goto(`${site.url}/embed.html`);
  await page.evaluate(() => document.querySelector('cc-chat')!.setAttribute('no-voice', ''));
  await w.launcher.click();
  await expect(w.messages('ROBOT').first()).toBeVisible();
  await w.button('call-button').click();
  const status = w.button('call-status');
  await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 10_000 });
  await expect(w.button('call-gateway')).toContainText(/ws:\/\//);
  await snapshot(page, 'call-connected');
  await w.button('hangup-button').click();
  await expect(status).toHaveAttribute('data-state', 'ended');
  const operations = site.simulator.requests.map((r) => r.operation);
  expect(operations).toContain('createClickToCall');
  const dropAt = operations.lastIndexOf('dropClickToCall');
  expect(dropAt).toBeGreaterThan(operations.indexOf('createClickToCall'));
  // The chat keeps polling; the call's event polling has stopped.
  await page.waitForTimeout(1000);
  expect(site.simulator.requests.slice(dropAt).map((r) => r.operation)).not.toContain('getClickToCallEvents');
  // The call's code came from beside the script, once (the page loads the script twice); no voice.
  expect(callScript).toEqual([`${site.url}/cc-chat-call.iife.js`]);
  expect(voiceScript).toEqual([]);
  expect(problems).toEqual([]);
});

test('the voice comes from beside the script when a call starts, and dials under the strict CSP', async ({ page }) => {
  const problems = collectProblems(page);
  const w = widget(page);
  const voiceScript = callScriptRequests(page, 'cc-chat-voice.iife.js');
  site.gateway.log.length = 0;
  await page.goto(`${site.url}/embed.html`);
  await w.launcher.click();
  await expect(w.button('call-button')).toBeVisible();
  expect(voiceScript).toEqual([]); // not at page load, nor when calls became possible
  await w.button('call-button').click();
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed', { timeout: 10_000 });
  await expect(w.button('call-status')).toContainText('The number called does not exist (404).');
  expect(site.gateway.log.find((e) => e.what === 'INVITE')).toMatchObject({ ruriUser: '179080000537636' });
  expect(voiceScript).toEqual([`${site.url}/cc-chat-voice.iife.js`]);
  // A second call uses the voice already there.
  await w.button('call-dismiss-button').click();
  await w.button('call-button').click();
  await expect(w.button('call-status')).toHaveAttribute('data-state', 'failed', { timeout: 10_000 });
  expect(voiceScript).toHaveLength(1);
  expect(problems).toEqual([]);
});

test('a channel without calls never fetches the call script', async ({ page }) => {
  site.simulator.configure({ callScenario: 'unsupported' });
  try {
    const problems = collectProblems(page);
    const w = widget(page);
    const callScript = callScriptRequests(page);
    await page.goto(`${site.url}/embed.html`);
    await w.launcher.click();
    await expect(w.messages('ROBOT').first()).toBeVisible();
    await expect.poll(() => site.simulator.requests.map((r) => r.operation)).toContain('checkClickToCallSupport');
    await page.waitForTimeout(500);
    await expect(w.button('call-button')).toHaveCount(0);
    expect(callScript).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    site.simulator.configure({ callScenario: 'connect' });
  }
});

test('a call script that fails to load is reported, and fetched again for the next call', async ({ page }) => {
  let blocked = true;
  await page.route('**/cc-chat-call.iife.js', (route) => (blocked ? route.fulfill({ status: 404 }) : route.continue()));
  await page.goto(`${site.url}/embed.html`);
  const startCall = () =>
    page.evaluate(async () => {
      const el = document.querySelector('cc-chat')!;
      const errors: string[] = [];
      el.addEventListener('cc-error', (event) => errors.push((event as CustomEvent<{ message: string }>).detail.message));
      await el.startCall();
      return { errors, state: el.callState };
    });
  const failed = await startCall();
  expect(failed.state).toBe('idle');
  expect(failed.errors).toEqual([expect.stringMatching(/call could not be loaded.*cc-chat-call\.iife\.js/)]);
  blocked = false;
  const started = await startCall();
  expect(started.errors).toEqual([]);
  expect(['requesting', 'queued', 'connected']).toContain(started.state);
  await page.evaluate(() => document.querySelector('cc-chat')!.endCall());
});

test('a Chinese locale fetches the Chinese strings from beside the script, once', async ({ page }) => {
  const problems = collectProblems(page);
  const w = widget(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('-zh.iife.js')) scripts.push(request.url());
  });
  await page.goto(`${site.url}/embed.html`);
  await expect(w.launcher).toHaveAttribute('aria-label', 'Open chat');
  await page.evaluate(() => document.querySelector('cc-chat')!.setAttribute('locale', 'zh-CN'));
  await expect(w.launcher).toHaveAttribute('aria-label', '打开在线客服');
  await w.launcher.click();
  await expect(w.input).toHaveAttribute('placeholder', '请输入消息…');
  await page.evaluate(() => document.querySelector('cc-chat')!.setAttribute('locale', 'en'));
  await expect(w.input).toHaveAttribute('placeholder', 'Type a message…');
  expect(scripts).toEqual([`${site.url}/cc-chat-zh.iife.js`]);
  expect(problems).toEqual([]);
});

test('recovers from a fault by itself', async ({ page }) => {
  const w = widget(page);
  await page.goto(`${site.url}/embed.html`);
  await w.launcher.click();
  await expect(w.messages('ROBOT')).toHaveCount(1);
  site.simulator.fault({ kind: 'status', status: 503, retryAfter: 1, count: 2, on: 'poll' });
  await expect(w.notice).toContainText(/reconnecting/i);
  site.simulator.robotSays('Back again.');
  await expect(w.messages('ROBOT').last()).toContainText('Back again.', { timeout: 15_000 });
  await expect(w.notice).toBeHidden();
});

test('two widgets on one page are independent', async ({ page }) => {
  await page.goto(`${site.url}/two-widgets.html`);
  const sales = page.locator('#sales');
  const support = page.locator('#support');
  await sales.locator('[part~="launcher"]').click();
  await expect(sales.locator('[part~="message"][data-source-type="ROBOT"]')).toHaveCount(1);
  await support.locator('[part~="launcher"]').click();
  await expect(support.locator('[part~="message"][data-source-type="ROBOT"]')).toHaveCount(1);
  site.simulator.agentSays('Only for the support visitor', 'two-visitor-b');
  site.simulator.robotSays('Only for the sales visitor', undefined, 'two-visitor-a');
  await expect(support.locator('[part~="transcript"]')).toContainText('Only for the support visitor');
  await expect(sales.locator('[part~="transcript"]')).toContainText('Only for the sales visitor');
  await expect(sales.locator('[part~="transcript"]')).not.toContainText('support visitor');
  await expect(support.locator('[part~="transcript"]')).not.toContainText('sales visitor');
  const users = new Set(site.simulator.sessions().map((s) => s.userId));
  expect(users).toEqual(new Set(['two-visitor-a', 'two-visitor-b']));
});
