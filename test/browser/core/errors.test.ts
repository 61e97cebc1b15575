import { describe, expect, it, vi } from 'vitest';
import {
  messageText,
  messages,
  mountChat,
  noticeText,
  openAndGreet,
  recordEvents,
  requestUser,
  requirePart,
  sends,
  sim,
  sleep,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// Failures as the visitor and the host page see them: the notice part and cc-error.

useChatFixture();

/** Backoff with jitter picks random() × ceiling: 0 gives the shortest wait (250 ms), for fast tests. */
function shortestBackoff(): void {
  vi.spyOn(Math, 'random').mockReturnValue(0);
}

describe('transient failures', () => {
  it('two failed polls show "Reconnecting…", fire one cc-error, then the notice clears itself', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const events = recordEvents(el);
    shortestBackoff();
    sim.fault({ kind: 'status', status: 500, on: 'poll', count: 2, userId });

    await expect.poll(() => noticeText(el)).toBe('Reconnecting…');
    const notice = requirePart(el, 'notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.dataset.tone).toBe('info');
    expect(el.connectionState).toBe('reconnecting');

    await waitForState(el, 'connected');
    await el.updateComplete;
    expect(noticeText(el)).toBe('');
    expect(notice.hidden).toBe(true);
    // One report for the streak, not one per attempt.
    expect(events.of('cc-error')).toEqual([
      { kind: 'http', operation: 'poll', status: 500, resultCode: undefined, message: expect.any(String), fatal: false },
    ]);
    expect(events.of('cc-connection-change').map((d) => d.state)).toEqual(['reconnecting', 'connected']);
    // And messages flow again.
    sim.agentSays('Back again', userId);
    await expect.poll(() => messages(el, 'AGENT').map(messageText)).toEqual(['Back again']);
  });

  it('a 401 (expired token) re-applies for a token and goes on, with no error shown', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const events = recordEvents(el);
    const applies = () => sim.requests.filter((r) => r.operation === 'applyToken' && requestUser(r) === userId);
    const polls = () => sim.requests.filter((r) => r.operation === 'poll' && r.query.receiverId === userId);
    const firstToken = polls()[0].headers['ccmessaging-token'];
    // A poll in flight when the token expires gets a renewed token in its response header (the
    // gateway's mid-session renewal); take the element out meanwhile, so that the next request
    // really carries the expired token.
    el.remove();
    sim.expireTokens();
    document.body.append(el);
    await expect.poll(applies).toHaveLength(2);
    sim.agentSays('Still here', userId);
    await expect.poll(() => messages(el, 'AGENT').map(messageText)).toEqual(['Still here']);
    expect(polls().at(-1)!.headers['ccmessaging-token']).not.toBe(firstToken);
    expect(events.of('cc-error')).toEqual([]);
    expect(noticeText(el)).toBe('');
    expect(el.connectionState).toBe('connected');
  });

  it('offline: says so, keeps what is typed, and sends it when back online', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    // Network emulation through CDP would also cut the test runner's own connection: the browser's
    // view of the network is faked instead (navigator.onLine and the offline/online events).
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await waitForState(el, 'offline');
      await el.updateComplete;
      expect(noticeText(el)).toBe('You are offline. Messages will be sent when you are back online.');
      el.send('Typed offline');
      await sleep(200);
      expect(messages(el, 'CUSTOMER').map((m) => m.dataset.status)).toEqual(['pending']);
      expect(sends('CHAT', 'Typed offline', userId)).toEqual([]);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await expect.poll(() => messages(el, 'CUSTOMER').map((m) => m.dataset.status)).toEqual(['sent']);
    await waitForState(el, 'connected');
  });
});

describe('fatal failures', () => {
  it('a 404 on every call says to check the base URL and fires cc-error with fatal true', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    const events = recordEvents(el);
    shortestBackoff();
    sim.fault({ kind: 'status', status: 404, count: 1000, userId });
    el.show();

    await waitForState(el, 'error');
    await el.updateComplete;
    expect(noticeText(el)).toBe('The chat service was not found. Check the widget’s base URL.');
    const notice = requirePart(el, 'notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.dataset.tone).toBe('error');
    expect(events.of('cc-error')).toEqual([
      expect.objectContaining({ kind: 'http', status: 404, fatal: true, message: expect.any(String) }),
    ]);

    // Fatal means stopped: nothing more is requested while nothing changes...
    const attempts = sim.requests.length;
    await sleep(300);
    expect(sim.requests.length).toBe(attempts);
    expect(events.of('cc-error')).toHaveLength(1);

    // ...and the next attempt (the visitor opens the chat again, or connect()) heals the page once the
    // deployment is fixed.
    sim.clearFaults();
    el.connect();
    await expect.poll(() => messages(el, 'ROBOT').length, { timeout: 5000 }).toBe(1);
    await waitForState(el, 'connected');
    await el.updateComplete;
    expect(noticeText(el)).toBe('');
  });

  it('a 401 that re-applying for a token does not cure is fatal', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const events = recordEvents(el);
    shortestBackoff();
    // The gateway now refuses this page's credentials altogether.
    sim.configure({ appKey: 'a-key-the-page-does-not-have' });
    try {
      await waitForState(el, 'error');
      await el.updateComplete;
      expect(noticeText(el)).toBe('The chat service refused access: the site’s chat settings (channel ID or credentials) need checking.');
      expect(events.of('cc-error')).toEqual([expect.objectContaining({ kind: 'http', status: 401, fatal: true })]);
      // Stopped: the poll is not retried.
      const polls = sim.requests.filter((r) => r.operation === 'poll').length;
      await sleep(300);
      expect(sim.requests.filter((r) => r.operation === 'poll').length).toBe(polls);
    } finally {
      sim.configure({ appKey: null });
    }
    // Opening the chat again resumes the same conversation (no new CONNECT).
    const connects = sim.requests.filter((r) => r.operation === 'send' && (r.body as { controlType?: string }).controlType === 'CONNECT').length;
    el.close();
    el.show();
    await waitForState(el, 'connected', 8000);
    expect(sim.requests.filter((r) => r.operation === 'send' && (r.body as { controlType?: string }).controlType === 'CONNECT')).toHaveLength(connects);
  });

  it('without channel-id, opening says what is missing and sends nothing', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, channelId: '' });
    const events = recordEvents(el);
    el.connect();
    el.show();
    await el.updateComplete;
    expect(noticeText(el)).toBe('This chat channel is not available. Check the widget’s channel ID.');
    expect(events.of('cc-error')).toEqual([expect.objectContaining({ fatal: true })]);
    await sleep(100);
    expect(sim.requests.filter((r) => (r.body as { userId?: string } | null)?.userId === userId)).toEqual([]);
  });
});
