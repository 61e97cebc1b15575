import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { buildFrameworkApps, FRAMEWORKS_OUT } from '../frameworks/build';
import { startFrameworksSite, type FrameworksSite } from './frameworks-site';
import { widget } from './support';

// <cc-chat> in a React 19, a Vue 3 and a Svelte 5 app (test/frameworks), built here against the package's
// dist/ and served with the simulator over HTTP. The apps set its attributes and its object and function
// properties, listen to each of its events, call its methods, and remove it and put a new one in its place.
// Needs `npm run build` first (npm test does it).

// The voice takes the fake microphone; nobody registers the number called at the test gateway, so a call
// ends in "not found (404)" once its INVITE has reached it.
test.use({
  launchOptions: { executablePath: findChromium(), args: [...chromiumArgs, '--use-fake-device-for-media-stream'] },
  permissions: ['microphone'],
});

/** Every event <cc-chat> fires, from the manifest its JSDoc builds: a new event fails here until the apps hear it. */
function manifestEvents(): string[] {
  const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8')) as {
    modules: Array<{ declarations?: Array<{ tagName?: string; events?: Array<{ name: string }> }> }>;
  };
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName === 'cc-chat')
    .flatMap((declaration) => declaration.events ?? [])
    .map((event) => event.name)
    .sort();
}

const PACE = { pollHoldMs: 400, replyDelayMs: 50, queueStepMs: 400, queueLength: 2, callQueueMs: 300 };
// Direct mode: the simulator refuses any API request without this app key and access token (which the
// apps' accessTokenProvider fetches from /__sim/access-token).
const CREDENTIALS = { appKey: 'frameworks-app-key', accessToken: 'frameworks-access-token' };

let site: FrameworksSite;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await buildFrameworkApps();
  site = await startFrameworksSite(FRAMEWORKS_OUT, { ...PACE, ...CREDENTIALS });
});
test.afterAll(async () => {
  await site?.close();
});
test.beforeEach(() => {
  site.simulator.reset();
  site.simulator.configure(PACE);
  site.gateway.log.length = 0;
});

/** The app's own controls and what it shows of the element's events. */
function app(page: Page) {
  return {
    call: (label: string) => page.getByRole('toolbar').getByRole('button', { name: label, exact: true }).click(),
    events: (type: string) => page.locator(`#events li[data-type="${type}"]`),
    output: (id: string) => page.locator(`#${id}`),
  };
}

const operations = (name: string) => site.simulator.requests.filter((r) => r.operation === name);
const connects = () => operations('send').filter((r) => (r.body as { controlType?: string } | null)?.controlType === 'CONNECT');

for (const [framework, name] of [
  ['react', 'React'],
  ['vue', 'Vue'],
  ['svelte', 'Svelte'],
] as const) {
  test.describe(name, () => {
    test('sets object and function properties, hears every event, calls every method', async ({ page }) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) problems.push(message.text());
      });
      const a = app(page);
      const w = widget(page);
      await page.goto(`${site.url}/${framework}/`);

      // `strings` (an object) renamed the launcher; the objects and the function are properties, not attributes.
      await expect(w.launcher).toHaveAccessibleName(`Ask ${name} support`);
      const set = await w.root.evaluate((el) => {
        const chat = el as HTMLElement & { accessTokenProvider?: unknown; sipOptions?: unknown; pollInterval?: unknown };
        return {
          accessTokenProvider: typeof chat.accessTokenProvider,
          sipOptions: chat.sipOptions,
          pollInterval: chat.pollInterval,
          attributes: el.getAttributeNames().sort(),
        };
      });
      expect(set).toEqual({
        accessTokenProvider: 'function',
        sipOptions: { register: true, displayName: `${name} visitor` },
        pollInterval: 300,
        attributes: expect.not.arrayContaining(['strings', 'sipoptions', 'accesstokenprovider']),
      });

      // The app's mount hook called connect(): the conversation starts with the panel closed, so the
      // greeting is unread.
      await expect(a.events('cc-connection-change').last()).toHaveText('cc-connection-change connected');
      await expect(a.events('cc-message')).toHaveText([/virtual assistant/]);
      await expect(a.output('unread')).toHaveText('1');
      // Every request went with the token the app's function fetched (the simulator refuses others).
      expect(site.simulator.requests.length).toBeGreaterThan(0);
      for (const r of site.simulator.requests) {
        expect(r.headers).toMatchObject({ authorization: 'Bearer frameworks-access-token', 'x-app-key': 'frameworks-app-key' });
      }

      // show(), send(), close()
      await a.call('show()');
      await expect(a.events('cc-open')).toHaveCount(1);
      await expect(a.output('unread')).toHaveText('0');
      await expect(w.button('header')).toContainText(`${name} help desk`);
      await a.call('send()');
      await expect(a.output('sent-key')).not.toBeEmpty();
      const key = await a.output('sent-key').textContent();
      await expect(a.events('cc-message-sent')).toHaveText([`cc-message-sent ${key} Hello from ${name}`]);
      await expect(a.events('cc-message')).toHaveCount(2); // the robot's answer
      await a.call('close()');
      await expect(a.events('cc-close')).toHaveCount(1);

      // startCall(): the voice registers first, as `sipOptions` asks, then dials the number nobody has.
      await a.call('startCall()');
      await expect(a.events('cc-call-status').last()).toHaveText('cc-call-status failed', { timeout: 10_000 });
      await expect(a.events('cc-error')).toHaveText([/^cc-error call /]);
      const sip = site.gateway.log.map((e) => e.what);
      expect(sip.indexOf('REGISTER')).toBeGreaterThanOrEqual(0);
      expect(sip.indexOf('REGISTER')).toBeLessThan(sip.indexOf('INVITE'));
      // endCall() while the next call waits in the queue.
      site.simulator.configure({ callQueueMs: 60_000 });
      await a.call('startCall()');
      await expect(a.events('cc-call-status').last()).toHaveText('cc-call-status queued');
      const drops = operations('dropClickToCall').length;
      await a.call('endCall()');
      await expect(a.events('cc-call-status').last()).toHaveText('cc-call-status ended');
      expect(operations('dropClickToCall')).toHaveLength(drops + 1);
      await a.call('read states');
      await expect(a.output('states')).toHaveText('connected ended');

      // The agent ends the chat; the visitor answers the survey in the panel.
      await a.call('show()');
      await expect(a.events('cc-open')).toHaveCount(2);
      site.simulator.push({ sourceType: 'AGENT', senderNickname: 'Dana', content: 'Hi, Dana here.' });
      await expect(a.events('cc-message').last()).toHaveText('cc-message Hi, Dana here.');
      site.simulator.agentDisconnects();
      const survey = w.button('survey');
      await survey.getByRole('radio', { name: 'Very satisfied' }).check();
      await survey.getByRole('textbox').fill(`Thanks from ${name}`);
      await w.button('survey-submit').click();
      await expect(a.events('cc-survey')).toHaveText([`cc-survey 5 Thanks from ${name}`]);
      await expect(a.events('cc-connection-change').last()).toHaveText('cc-connection-change ended');

      // Each event reached the app's handler; the page rendered again on every one of them, handing the
      // element a new function and new objects each time, and the conversation was not started again.
      const heard = await page.locator('#events li').evaluateAll((items) => items.map((li) => li.getAttribute('data-type')));
      expect([...new Set(heard)].sort()).toEqual(manifestEvents());
      expect(operations('applyToken')).toHaveLength(1);
      expect(connects()).toHaveLength(1);
      await expect(a.output('token-requests')).toHaveText('1');
      expect(problems).toEqual([]);
    });

    test('mounted, unmounted and mounted again: exactly one poll loop', async ({ page }) => {
      const a = app(page);
      const w = widget(page);
      await page.goto(`${site.url}/${framework}/`);
      // Connected by the app's mount hook (as on each mount below).
      await expect(a.events('cc-connection-change').last()).toHaveText('cc-connection-change connected');
      await expect.poll(() => site.polls.inFlight).toBe(1);

      // Unmounted: the held poll is dropped, and no poll follows.
      await a.call('remove chat');
      await expect(w.root).toHaveCount(0);
      await expect.poll(() => site.polls.inFlight).toBe(0);
      const pollsWhileAway = operations('poll').length;
      await page.waitForTimeout(3 * PACE.pollHoldMs); // a loop left running would poll meanwhile
      expect(operations('poll')).toHaveLength(pollsWhileAway);

      // Mounted again: a new element takes the conversation up (no second CONNECT) and polls.
      await a.call('add chat');
      await expect(w.root).toHaveCount(1);
      await expectOneLoop();
      // Unmounted and mounted again at once, twice.
      for (let i = 0; i < 2; i++) {
        await a.call('remove chat');
        await a.call('add chat');
      }
      await expect(w.root).toHaveCount(1);
      await expectOneLoop();

      // The element now on the page has the conversation: one greeting, and a new message arrives once.
      site.simulator.agentSays('Still there?');
      await expect(a.events('cc-message').filter({ hasText: 'Still there?' })).toHaveCount(1);
      await a.call('show()');
      await expect(w.messages('ROBOT')).toHaveCount(1);
      await expect(w.messages('AGENT')).toHaveText([/Still there\?/]);
      expect(connects()).toHaveLength(1);

      // disconnect() ends the loop too; connect() starts a new conversation.
      await a.call('disconnect()');
      await expect(a.events('cc-connection-change').last()).toHaveText('cc-connection-change ended');
      await expect.poll(() => site.polls.inFlight).toBe(0);
      const pollsAfterEnd = operations('poll').length;
      await page.waitForTimeout(3 * PACE.pollHoldMs);
      expect(operations('poll')).toHaveLength(pollsAfterEnd);
      await a.call('connect()');
      await expect(a.events('cc-connection-change').last()).toHaveText('cc-connection-change connected');
      expect(connects()).toHaveLength(2);
      // The connect() of each mount hook found its element configured (none failed for want of a channel-id).
      await expect(a.events('cc-error')).toHaveCount(0);
    });
  });
}

/**
 * One loop holds one poll at a time, and starts the next once it is answered (the poll interval is shorter
 * than the simulator's hold): two loops would hold two at once on every turn. Counted over four polls, once
 * the polls started so far have ended: an unmounted element drops its poll as it goes, and the server may
 * see that after the new element's first poll.
 */
async function expectOneLoop(): Promise<void> {
  const startedBefore = site.polls.started;
  await expect.poll(() => site.polls.endedAllOf(startedBefore)).toBe(true);
  site.polls.restart();
  const from = site.polls.ended;
  await expect.poll(() => site.polls.ended, { timeout: 10_000 }).toBeGreaterThanOrEqual(from + 4);
  expect(site.polls.maxInFlight).toBe(1);
}

test("the README's React example is the React app's Support.tsx (type-checked with it)", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Use in frameworks'));
  const example = /```tsx\n([\s\S]*?)```/.exec(section)?.[1];
  expect(example).toBe(readFileSync('test/frameworks/react/Support.tsx', 'utf8'));
});
