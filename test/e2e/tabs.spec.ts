import { expect, test, type Page } from '@playwright/test';
import { control, recordedOperations, resetSimulator, widget } from './support';

// Several tabs of one visitor (pages of one browser context: one localStorage, BroadcastChannel and
// navigator.locks), hidden pages (emulated: headless pages stay visible), and a tab that closes or reloads.

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

/** Counts this page's poll requests (from before its scripts run). */
async function countPolls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = window.fetch;
    (window as { polls?: number }).polls = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (/\/apiaccess\/ccmessaging\/poll\?/.test(url)) (window as { polls?: number }).polls! += 1;
      return original(input, init);
    };
  });
}

const polls = (page: Page) => page.evaluate(() => (window as { polls?: number }).polls ?? 0);

/** What bench/page.mjs does: document.visibilityState reads "hidden", and visibilitychange fires. */
async function hide(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Which of the pages polls: the one whose count grows over a while (the other's stays). */
async function pollerOf(pages: Page[]): Promise<{ poller: Page; others: Page[] }> {
  const before = await Promise.all(pages.map(polls));
  await pages[0].waitForTimeout(2500);
  const after = await Promise.all(pages.map(polls));
  const growing = pages.filter((_, i) => after[i] > before[i]);
  expect(growing, 'exactly one tab polls').toHaveLength(1);
  return { poller: growing[0], others: pages.filter((page) => page !== growing[0]) };
}

test('a second tab joins the conversation, one tab polls, and closing it hands over with nothing lost', async ({ context, page, request }) => {
  await countPolls(page);
  const one = widget(page);
  await page.goto('/');
  await one.launcher.click();
  await expect(one.messages('ROBOT')).toHaveCount(1);
  await one.input.fill('Hello from the first tab');
  await one.input.press('Enter');
  await expect(one.messages('CUSTOMER')).toHaveAttribute('data-status', 'sent');
  await expect(one.messages('ROBOT')).toHaveCount(2);

  const second = await context.newPage();
  await countPolls(second);
  const two = widget(second);
  await second.goto('/');
  await two.launcher.click();
  // The whole conversation, from the other tab, with no second CONNECT.
  await expect(two.messages('CUSTOMER')).toHaveText(/Hello from the first tab/);
  await expect(two.messages('ROBOT')).toHaveCount(2);

  const { poller, others } = await pollerOf([page, second]);
  const [other] = others;
  await control(request, 'robot-says', { text: 'Seen by both tabs' });
  await expect(one.messages('ROBOT')).toHaveCount(3);
  await expect(two.messages('ROBOT')).toHaveCount(3);

  // What the tab that does not poll sends, it sends itself; the other tab shows it too.
  const otherWidget = widget(other);
  await otherWidget.input.fill('Sent from the quiet tab');
  await otherWidget.input.press('Enter');
  await expect(widget(poller).messages('CUSTOMER').filter({ hasText: 'Sent from the quiet tab' })).toHaveCount(1);

  // The polling tab closes: the other one polls from now on, and what comes next arrives once.
  const before = await polls(other);
  await poller.close();
  await expect.poll(() => polls(other), { timeout: 5000 }).toBeGreaterThan(before);
  await control(request, 'robot-says', { text: 'After the takeover' });
  await expect(otherWidget.messages('ROBOT').filter({ hasText: 'After the takeover' })).toHaveCount(1);
  await other.waitForTimeout(1500);
  await expect(otherWidget.messages('ROBOT').filter({ hasText: 'After the takeover' })).toHaveCount(1);
  await expect(otherWidget.messages('ROBOT')).toHaveCount(5);

  const operations = await recordedOperations(request);
  expect(operations.filter((op) => op === 'send:CONNECT')).toHaveLength(1);
});

test('the polling tab reloads while another is open: nothing lost, nothing twice, no new CONNECT', async ({ context, page, request }) => {
  const one = widget(page);
  await page.goto('/');
  await one.launcher.click();
  await expect(one.messages('ROBOT')).toHaveCount(1);
  const second = await context.newPage();
  const two = widget(second);
  await second.goto('/');
  await two.launcher.click();
  await expect(two.messages('ROBOT')).toHaveCount(1);

  await page.reload();
  await control(request, 'robot-says', { text: 'During the reload' });
  await expect(two.messages('ROBOT').filter({ hasText: 'During the reload' })).toHaveCount(1);
  await one.launcher.click();
  await expect(one.messages('ROBOT').filter({ hasText: 'During the reload' })).toHaveCount(1);
  await control(request, 'robot-says', { text: 'After the reload' });
  for (const w of [one, two]) {
    await expect(w.messages('ROBOT').filter({ hasText: 'After the reload' })).toHaveCount(1);
    await expect(w.messages('ROBOT')).toHaveCount(3);
  }
  const operations = await recordedOperations(request);
  expect(operations.filter((op) => op === 'send:CONNECT')).toHaveLength(1);
});

test('a hidden tab keeps its live conversation and counts in the title; a tab with none asks nothing', async ({ browser, page, request }) => {
  await countPolls(page);
  const w = widget(page);
  await page.goto('/');
  await w.launcher.click();
  await expect(w.messages('ROBOT')).toHaveCount(1);
  await hide(page);
  const before = await polls(page);
  await page.waitForTimeout(2500);
  expect(await polls(page)).toBeGreaterThan(before);
  await control(request, 'agent-says', { text: 'Still there?' });
  await expect(page).toHaveTitle('(1) cc-chat demo');

  // Another visitor (a context of its own) with no conversation: a hidden page costs nothing.
  const idle = await browser.newContext();
  try {
    const quiet = await idle.newPage();
    const requests: string[] = [];
    quiet.on('request', (r) => {
      if (r.url().includes('/apiaccess/')) requests.push(r.url());
    });
    await quiet.goto('/');
    await hide(quiet);
    await quiet.waitForTimeout(2000);
    expect(requests).toEqual([]);
  } finally {
    await idle.close();
  }
});

for (const kind of ['truncate', 'cut', 'notpoll', 'lost'] as const) {
  test(`over HTTP, a poll answer that is ${kind} after its message was handed over: the message comes back once`, async ({ page, request }) => {
    test.slow(kind === 'lost'); // Chromium may quietly send the GET again: then only the minute's check finds it
    const w = widget(page);
    await page.goto('/');
    await w.launcher.click();
    await expect(w.messages('ROBOT')).toHaveCount(1);
    const pollCount = async () =>
      ((await (await request.get('/__sim/requests')).json()) as Array<{ operation: string }>).filter((r) => r.operation === 'poll').length;
    // The fault is taken by the next poll to arrive, which holds until the message comes.
    await control(request, 'configure', { pollHoldMs: 5000 });
    await control(request, 'fault', { kind });
    const before = await pollCount();
    await expect.poll(pollCount).toBeGreaterThan(before);
    await control(request, 'robot-says', { text: `Through a ${kind} answer` });
    await control(request, 'configure', { pollHoldMs: 800 });
    const shown = w.messages('ROBOT').filter({ hasText: `Through a ${kind} answer` });
    await expect(shown).toHaveCount(1, { timeout: kind === 'lost' ? 75_000 : 10_000 });
    await page.waitForTimeout(1000);
    await expect(shown).toHaveCount(1);
  });
}
