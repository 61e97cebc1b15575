import { expect, test } from '@playwright/test';
import { control, recordedOperations, resetSimulator, snapshot, widget } from './support';

// The demo page (index.html) served by Vite, the widget talking over HTTP to the simulator that
// the same dev server serves: a real browser, a real socket, no mocks in the page.

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test('a whole conversation: robot, a human agent, the end, and a new start', async ({ page, request }) => {
  const w = widget(page);
  await page.goto('/');
  await expect(w.launcher).toBeVisible();
  expect(await recordedOperations(request)).toEqual([]); // nothing at page load

  await w.launcher.click();
  await expect(w.panel).toBeVisible();
  await expect(w.input).toBeFocused();
  await expect(w.messages('ROBOT').first()).toContainText('virtual assistant');
  await snapshot(page, 'robot');

  await w.root.getByRole('button', { name: 'What are your opening hours?' }).click();
  await expect(w.messages('CUSTOMER')).toHaveText(/What are your opening hours\?/);
  await expect(w.messages('ROBOT')).toHaveCount(2);

  await w.button('agent-button').click();
  await expect(w.queue).toContainText(/in the queue|next in the queue/);
  await snapshot(page, 'queued');
  await expect(w.messages('AGENT').first()).toBeVisible({ timeout: 10_000 });
  await expect(w.button('agent-button')).toHaveCount(0);
  await expect(w.queue).toHaveCount(0);

  await w.input.fill('My order has not arrived.');
  await w.input.press('Enter');
  await expect(w.messages('CUSTOMER').last()).toHaveAttribute('data-status', 'sent');
  await expect(w.messages('AGENT')).toHaveCount(2);
  await snapshot(page, 'agent');

  await w.button('end-button').click();
  // With an agent, the survey comes before DISCONNECT.
  await w.button('survey').getByRole('radio', { name: 'Satisfied', exact: true }).check();
  await w.button('survey-submit').click();
  await expect(w.button('new-button')).toBeVisible();
  await expect(w.notice).toContainText(/ended/i);
  const operations = await recordedOperations(request);
  // The demo's channel also asks whether calls are offered, in parallel with the chat: leave it out of the order.
  const chatOperations = operations.filter((op) => op !== 'checkClickToCallSupport');
  expect(chatOperations.slice(0, 3)).toEqual(['applyToken', 'send:CONNECT', 'poll']);
  expect(operations.filter((op) => op === 'send:CONNECT')).toHaveLength(1);
  expect(operations).toContain('send:TRANS2AGENT');
  expect(operations.at(-1)).toBe('send:DISCONNECT');
  expect(operations.filter((op) => op === 'saveSatisfaction')).toHaveLength(1);
  expect(operations.filter((op) => op === 'send:CHAT')).toHaveLength(2);

  await w.button('new-button').click();
  await expect(w.messages('ROBOT')).toHaveCount(1);
  await expect(w.messages('CUSTOMER')).toHaveCount(0);
});

test('recovers by itself from server errors and shows each message once', async ({ page, request }) => {
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await expect(w.messages('ROBOT')).toHaveCount(1);

  await control(request, 'fault', { kind: 'status', status: 500, count: 2, on: 'poll' });
  await expect(w.notice).toContainText(/reconnecting/i);
  await snapshot(page, 'reconnecting');
  await control(request, 'fault', { kind: 'repeat', on: 'poll' });
  await control(request, 'robot-says', { text: 'Still here after the outage.' });
  await expect(w.messages('ROBOT').last()).toContainText('Still here after the outage.', { timeout: 15_000 });
  await expect(w.notice).toBeHidden();
  await expect(w.messages('ROBOT')).toHaveCount(2);
});

test('a 404 on every call says to check the base URL', async ({ page, request }) => {
  const w = widget(page);
  await page.goto('/');
  // What a base-url pointing at a server without the API looks like from the browser.
  await control(request, 'fault', { kind: 'status', status: 404, count: 1000 });
  await w.launcher.click();
  await expect(w.notice).toContainText(/base-url|base URL|address/i);
  await snapshot(page, 'error');
});

test('a reload resumes the conversation without a new CONNECT and counts unread messages', async ({ page, request }) => {
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await expect(w.messages('ROBOT')).toHaveCount(1);
  await w.input.fill('Hello before the reload');
  await w.input.press('Enter');
  await expect(w.messages('CUSTOMER')).toHaveAttribute('data-status', 'sent');
  // The robot answers after a delay; wait for it so that it is read, not counted as unread after the close.
  await expect(w.messages('ROBOT')).toHaveCount(2);
  await w.button('close-button').click();

  await page.reload();
  await expect(w.launcher).toBeVisible();
  await control(request, 'robot-says', { text: 'A message while the panel was closed.' });
  await expect(w.button('badge')).toHaveText('1', { timeout: 10_000 });
  await expect(w.launcher).toHaveAccessibleName(/1 unread/);
  await snapshot(page, 'closed-unread');
  await w.launcher.click();
  await expect(w.messages('CUSTOMER')).toHaveText(/Hello before the reload/);
  await expect(w.messages('ROBOT')).toHaveCount(3);
  const operations = await recordedOperations(request);
  expect(operations.filter((op) => op === 'send:CONNECT')).toHaveLength(1);
  expect(operations.filter((op) => op === 'applyToken')).toHaveLength(1);
});

test('looks right in dark mode and on a narrow screen', async ({ browser, baseURL }) => {
  for (const [name, options] of [
    ['dark', { colorScheme: 'dark' as const, viewport: { width: 1100, height: 800 } }],
    ['narrow', { viewport: { width: 375, height: 700 } }],
  ] as const) {
    const context = await browser.newContext({ ...options, baseURL });
    const page = await context.newPage();
    const w = widget(page);
    await page.goto('/');
    await w.launcher.click();
    await expect(w.messages('ROBOT')).toHaveCount(1);
    if (name === 'narrow') {
      const box = await w.panel.boundingBox();
      expect(box?.width).toBe(375);
      expect(box?.height).toBe(700);
    }
    await snapshot(page, name);
    await context.close();
  }
});
