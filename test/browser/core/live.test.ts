import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  isShown,
  messages,
  mountChat,
  noticeText,
  openAndGreet,
  part,
  recordEvents,
  recordWire,
  requestUser,
  requirePart,
  sends,
  sim,
  sleep,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';
import { worker } from '../support/simulator';

// A live conversation in real life: a hidden page, the hand-over to an agent and the ways a wait ends,
// several elements (tabs) of one visitor, and moves of the element in the DOM.

useChatFixture();

/** Emulates a hidden page (as the bench does): headless Chromium keeps its pages visible. */
function setHidden(hidden: boolean): void {
  if (hidden) {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  } else {
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

const pageTitle = document.title;
afterEach(() => {
  setHidden(false);
  document.title = pageTitle;
});

function pollsOf(userId: string): number {
  return sim.requests.filter((r) => r.operation === 'poll' && requestUser(r) === userId).length;
}

describe('a hidden page', () => {
  it('keeps polling a live conversation, and shows the unread count in the tab title until it is seen', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    document.title = 'Shop';
    setHidden(true);

    const polls = pollsOf(userId);
    await expect.poll(() => pollsOf(userId), { timeout: 3000 }).toBeGreaterThan(polls + 2);
    sim.agentSays('Are you still there?', userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    expect(document.title).toBe('(1) Shop');

    // The page changes its own title meanwhile: the count goes in front of the new one, which is kept.
    document.title = 'Cart';
    sim.agentSays('Your order shipped.', userId);
    await expect.poll(() => document.title).toBe('(2) Cart');

    setHidden(false);
    await el.updateComplete;
    expect(document.title).toBe('Cart');
    expect(isShown(part(el, 'badge'))).toBe(false);
  });

  it('a title the page sets while hidden stays when the page is seen again', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    document.title = 'Shop';
    setHidden(true);
    sim.agentSays('Hello', userId);
    await expect.poll(() => document.title).toBe('(1) Shop');
    document.title = 'Checkout';
    setHidden(false);
    await el.updateComplete;
    expect(document.title).toBe('Checkout');
  });

  it('no-title-alert leaves the title alone', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { 'no-title-alert': '' } });
    await openAndGreet(el);
    document.title = 'Shop';
    setHidden(true);
    sim.agentSays('Hello', userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    expect(document.title).toBe('Shop');
  });

  it('notify: an agent message while hidden shows a notification; clicking it opens the chat', async () => {
    const shown: Array<{ title: string; body: string | undefined; onclick: (() => void) | null; closed: boolean }> = [];
    const original = window.Notification;
    let asked = 0;
    class FakeNotification {
      static permission = 'default';
      static requestPermission(): Promise<string> {
        asked += 1;
        FakeNotification.permission = 'granted';
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      closed = false;
      constructor(
        readonly title: string,
        readonly options?: { body?: string },
      ) {
        shown.push(this as unknown as (typeof shown)[number]);
      }
      get body(): string | undefined {
        return this.options?.body;
      }
      close(): void {
        this.closed = true;
      }
    }
    (window as { Notification: unknown }).Notification = FakeNotification;
    try {
      const userId = uniqueUser();
      const el = await mountChat({ userId, attrs: { notify: '' } });
      await sleep(50);
      expect(asked).toBe(0); // never at load
      await userEvent.click(requirePart(el, 'launcher'));
      expect(asked).toBe(1); // from the visitor's click
      await expect.poll(() => messages(el, 'ROBOT').length).toBe(1);
      el.close();
      sim.robotSays('Robots do not notify', undefined, userId);
      setHidden(true);
      sim.agentSays('An agent is here', userId);
      await expect.poll(() => shown.length).toBe(1);
      expect(shown[0]).toMatchObject({ body: 'An agent is here' });
      shown[0].onclick?.();
      await el.updateComplete;
      expect(el.open).toBe(true);
      expect(shown[0].closed).toBe(true);
    } finally {
      (window as { Notification: unknown }).Notification = original;
    }
  });
});

describe('the hand-over and the ends of a wait', () => {
  for (const text of ['Connected Agent', 'The call is connected to an agent.', '已接通座席。']) {
    it(`a SYSTEM "${text}" ends the wait: no queue, no "Talk to a person"`, async () => {
      const userId = uniqueUser();
      const el = await mountChat({ userId });
      await openAndGreet(el);
      expect(isShown(part(el, 'agent-button'))).toBe(true);
      sim.push({ sourceType: 'SYSTEM', senderNickname: 'System', content: text }, userId);
      await expect.poll(() => part(el, 'agent-button')).toBeNull();
      expect(part(el, 'queue')).toBeNull();
    });
  }

  const ends: Array<[string, string]> = [
    ['5', 'The wait for an agent has ended. You can start a new conversation.'],
    ['160004', 'The wait for an agent has ended. You can start a new conversation.'],
    ['160022', 'Your chat was moved to the voice menu.'],
  ];
  for (const [code, notice] of ends) {
    it(`queryQueueInfo ${code} ends the wait with a plain notice and a way to start again`, async () => {
      const userId = uniqueUser();
      const el = await mountChat({ userId });
      await openAndGreet(el);
      worker.use(http.post(/\/queryQueueInfo$/, () => HttpResponse.json({ resultCode: code, resultDesc: 'over' })));
      await userEvent.click(requirePart(el, 'agent-button'));
      await waitForState(el, 'ended');
      await el.updateComplete;
      expect(noticeText(el)).toBe(notice);
      expect(isShown(part(el, 'new-button'))).toBe(true);
      expect(part(el, 'queue')).toBeNull();
    });
  }

  it('a DISCONNECT with isOfflineStatus says the chat is offline', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    sim.push({ controlType: 'DISCONNECT', sourceType: 'SYSTEM', mediaType: null, content: '', isOfflineStatus: true }, userId);
    await waitForState(el, 'ended');
    await el.updateComplete;
    expect(noticeText(el)).toBe('The chat is offline now. You can start a new conversation.');
  });
});

describe('several elements (tabs) of one visitor', () => {
  it('one polls; another joins with no second CONNECT, shows the conversation and takes over when the first goes', async () => {
    const userId = uniqueUser();
    const wire = recordWire();
    const first = await mountChat({ userId });
    await openAndGreet(first);
    const second = await mountChat({ userId });
    await waitForState(second, 'connected');
    second.show();
    await expect.poll(() => messages(second, 'ROBOT').length).toBe(1);
    expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
    await sleep(400);
    expect(wire.maxInFlight('poll', userId)).toBe(1);

    // What one sends, the other shows; what the poller receives, both show.
    second.send('Sent from the second');
    await expect.poll(() => messages(first, 'CUSTOMER').map((m) => m.textContent)).toEqual([expect.stringContaining('Sent from the second')]);
    sim.agentSays('Both see this', userId);
    await expect.poll(() => messages(second, 'AGENT').length).toBe(1);
    expect(messages(first, 'AGENT')).toHaveLength(1);

    // The poller goes: the other one polls from now on, and misses nothing.
    first.remove();
    const polls = pollsOf(userId);
    await expect.poll(() => pollsOf(userId), { timeout: 2000 }).toBeGreaterThan(polls + 1);
    sim.agentSays('After the takeover', userId);
    await expect.poll(() => messages(second, 'AGENT').length).toBe(2);
    expect(wire.maxInFlight('poll', userId)).toBe(1);
    expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
  });

  it('the unread count is shared: seen in one, cleared in the other', async () => {
    const userId = uniqueUser();
    const first = await mountChat({ userId });
    await openAndGreet(first);
    const second = await mountChat({ userId });
    await waitForState(second, 'connected');
    const events = recordEvents(second);
    first.close();
    sim.agentSays('One', userId);
    await expect.poll(() => events.of('cc-unread-change').at(-1)?.count).toBe(1);
    first.show();
    await expect.poll(() => events.of('cc-unread-change').at(-1)?.count).toBe(0);
  });
});

describe('catching up', () => {
  for (const kind of ['truncate', 'cut', 'lost', 'notpoll'] as const) {
    it(`a poll answer that is ${kind} loses nothing: the history brings its messages, once`, async () => {
      const userId = uniqueUser();
      const el = await mountChat({ userId });
      await openAndGreet(el);
      // The fault is taken by the next poll to arrive, which then holds (2 s) until the message comes.
      sim.configure({ pollHoldMs: 2000 });
      sim.fault({ kind, userId });
      const polls = pollsOf(userId);
      await expect.poll(() => pollsOf(userId)).toBeGreaterThan(polls);
      await sleep(50);
      sim.agentSays('Lost on the way', userId);
      sim.configure({ pollHoldMs: 150 });
      // The next message comes through the next poll, before any catch-up: the history is read from before the
      // lost one all the same (not from the newest message shown).
      await sleep(30); // a later server time than the lost one
      sim.agentSays('Right after it', userId);
      await expect.poll(() => messages(el, 'AGENT').length, { timeout: 8000 }).toBe(2);
      await sleep(500);
      expect(messages(el, 'AGENT').map((m) => m.textContent?.includes('Lost on the way'))).toEqual([true, false]);
      expect(messages(el, 'ROBOT')).toHaveLength(1);
    });
  }

  it('after a sleep (a poll long after the last answer), and on resume from a freeze, the history is read', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const history = () => sim.requests.filter((r) => r.operation === 'queryHistoryChatMessage' && requestUser(r) === userId).length;
    await sleep(300);
    const before = history();
    document.dispatchEvent(new Event('resume'));
    await expect.poll(history).toBe(before + 1);

    // The clock jumps two minutes between two polls, as it does when a laptop wakes up.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 120_000);
    await expect.poll(history).toBe(before + 2);
    await sleep(500);
    expect(history()).toBe(before + 2);
    expect(messages(el, 'ROBOT')).toHaveLength(1);
  });

  it('a message the client cannot read is left out alone, reported once; its batch is delivered', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const events = recordEvents(el);
    const message = (content: unknown, code: string) => ({
      from: 'ch-1', to: userId, channel: 'WEB', controlType: 'CHAT', mediaType: 'TEXT', sourceType: 'AGENT',
      senderNickname: 'Sam', timestamp: String(Date.now()), messageCode: code, content,
    });
    worker.use(
      http.get(/\/ccmessaging\/poll$/, () =>
        HttpResponse.json({
          resultCode: '0',
          downlinkMessages: [message('Before', 'b1'), message({ html: '<b>x</b>' }, 'b2'), message('After', 'b3')],
        }),
        { once: true },
      ),
    );
    await expect.poll(() => messages(el, 'AGENT').map((m) => m.textContent?.includes('After'))).toEqual([false, true]);
    expect(events.of('cc-error')).toEqual([expect.objectContaining({ kind: 'parse', fatal: false })]);
    expect(events.of('cc-error')[0].message).toMatch(/downlinkMessages\[1\]\.content/);
  });

  it('moving the element a hundred times makes one history request, and nothing is lost or shown twice', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const history = () => sim.requests.filter((r) => r.operation === 'queryHistoryChatMessage' && requestUser(r) === userId).length;
    const before = history();
    for (let i = 0; i < 100; i++) {
      el.remove();
      document.body.append(el);
    }
    sim.agentSays('After the moves', userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
    await sleep(600);
    expect(history() - before).toBe(1);
    expect(messages(el, 'ROBOT')).toHaveLength(1);
  });
});
