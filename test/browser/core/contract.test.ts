import { describe, expect, it } from 'vitest';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  USER_ID_KEY,
  isShown,
  messages,
  mountChat,
  openAndGreet,
  operations,
  part,
  recordEvents,
  recordWire,
  reload,
  requestUser,
  requestsOf,
  requirePart,
  sendBody,
  sends,
  sim,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// The public contract of <cc-chat>: attributes and properties, methods, events.

useChatFixture();

describe('attributes and properties', () => {
  it('base-url: every API request goes below it (a trailing slash is tolerated)', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { 'base-url': `${location.origin}/cc-proxy/` } });
    await openAndGreet(el);
    expect(requestsOf(userId).length).toBeGreaterThanOrEqual(3);
    for (const request of requestsOf(userId)) expect(request.path).toMatch(/^\/cc-proxy\/apiaccess\/ccmessaging\/\w+$/);
  });

  it('without base-url, requests go to the page origin', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    expect(requestsOf(userId).length).toBeGreaterThanOrEqual(3);
    for (const request of requestsOf(userId)) expect(request.path).toMatch(/^\/apiaccess\/ccmessaging\/\w+$/);
  });

  it('channel-id and user-id go into applyToken, every send and the poll', async () => {
    const userId = uniqueUser('cust');
    const el = await mountChat({ channelId: 'web-cfg-42', userId });
    await openAndGreet(el);
    const [apply] = sim.requests.filter((r) => r.operation === 'applyToken');
    expect(apply.body).toMatchObject({ userId, channelId: 'web-cfg-42' });
    const connect = sends('CONNECT')[0];
    expect(sendBody(connect)).toMatchObject({ from: userId, to: 'web-cfg-42', controlType: 'CONNECT' });
    const poll = requestsOf(userId).find((r) => r.operation === 'poll')!;
    expect(poll.query).toMatchObject({ receiverId: userId, channel: 'WEB' });
  });

  it('user-id longer than 24 characters is cut to 24', async () => {
    const el = await mountChat({ userId: 'u'.repeat(30) });
    await openAndGreet(el);
    expect(sendBody(sends('CONNECT')[0]).from).toBe('u'.repeat(24));
  });

  it('without user-id, a generated ID (at most 24 characters) is used and kept in localStorage', async () => {
    expect(localStorage.getItem(USER_ID_KEY)).toBeNull();
    const el = await mountChat({ userId: null });
    await openAndGreet(el);
    const id = localStorage.getItem(USER_ID_KEY);
    expect(id).toMatch(/^[\w-]{1,24}$/);
    expect(sim.requests.find((r) => r.operation === 'applyToken')!.body).toMatchObject({ userId: id });
    expect(sendBody(sends('CONNECT')[0]).from).toBe(id);

    // The visitor is the same customer on the next page: a new element takes the kept ID.
    el.remove();
    sim.clearRequests();
    const next = await mountChat({ userId: null });
    next.send('Still me');
    await expect.poll(() => sends('CHAT', 'Still me').length).toBe(1);
    expect(sendBody(sends('CHAT', 'Still me')[0]).from).toBe(id);
    expect(localStorage.getItem(USER_ID_KEY)).toBe(id);
  });

  it('user-name is the applyToken userName and the senderNickname of what the visitor sends', async () => {
    const el = await mountChat({ attrs: { 'user-name': 'Ada Lovelace' } });
    await openAndGreet(el);
    el.send('Hello from Ada');
    await expect.poll(() => sends('CHAT', 'Hello from Ada').length).toBe(1);
    expect(sendBody(sends('CHAT', 'Hello from Ada')[0]).senderNickname).toBe('Ada Lovelace');
    expect(sim.requests.find((r) => r.operation === 'applyToken')!.body).toMatchObject({ userName: 'Ada Lovelace' });
  });

  it('locale zh-CN shows the Simplified Chinese strings; changing it switches language', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { locale: 'zh-CN' } });
    // The Chinese strings are fetched on first use (English meanwhile).
    await expect.poll(() => requirePart(el, 'launcher').getAttribute('aria-label')).toBe('打开在线客服');
    await openAndGreet(el);
    expect(requirePart(el, 'input').getAttribute('placeholder')).toBe('请输入消息…');
    expect(requirePart(el, 'agent-button').textContent!.trim()).toBe('转人工客服');
    expect(requirePart(el, 'end-button').textContent!.trim()).toBe('结束对话');
    expect(requirePart(el, 'send-button').getAttribute('aria-label')).toBe('发送');

    // applyToken gets the language, as the API documents it.
    expect(sim.requests.find((r) => r.operation === 'applyToken' && requestUser(r) === userId)!.body).toMatchObject({ locale: 'zh' });

    el.locale = 'en';
    await el.updateComplete;
    expect(requirePart(el, 'agent-button').textContent!.trim()).toBe('Talk to a person');
  });

  it('poll-interval: a server answering at once is polled no more often than that', async () => {
    sim.configure({ pollHoldMs: 0 });
    const wire = recordWire();
    const el = await mountChat({ attrs: { 'poll-interval': '250' } });
    el.connect();
    await expect.poll(() => wire.calls.filter((c) => c.operation === 'poll').length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    const starts = wire.calls.filter((c) => c.operation === 'poll').map((c) => c.start);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(240);
      expect(gap).toBeLessThan(1500);
    }
  });

  it('poll-interval: a server that holds the poll longer than that is polled back-to-back', async () => {
    sim.configure({ pollHoldMs: 500 });
    const wire = recordWire();
    const el = await mountChat({ attrs: { 'poll-interval': '250' } });
    el.connect();
    const answered = () => wire.calls.filter((c) => c.operation === 'poll' && c.end !== undefined);
    await expect.poll(() => answered().length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => wire.calls.filter((c) => c.operation === 'poll').length).toBeGreaterThanOrEqual(3);
    const polls = wire.calls.filter((c) => c.operation === 'poll');
    // The first poll answers at once with the greeting; the ones after it are held.
    const held = polls.slice(1, 3);
    expect(held.every((c) => c.end! - c.start >= 450)).toBe(true);
    // The poll after a held one starts when it answers, not an interval (250 ms) after that.
    expect(polls[2].start).toBeGreaterThanOrEqual(polls[1].end! - 1);
    expect(polls[2].start - polls[1].end!).toBeLessThan(150);
  });

  it('open is reflected as an attribute, and the attribute opens and closes the panel', async () => {
    const el = await mountChat();
    expect(el.open).toBe(false);
    expect(el.hasAttribute('open')).toBe(false);
    expect(isShown(part(el, 'panel'))).toBe(false);

    el.open = true;
    await el.updateComplete;
    expect(el.hasAttribute('open')).toBe(true);
    expect(isShown(part(el, 'panel'))).toBe(true);

    el.removeAttribute('open');
    await el.updateComplete;
    expect(el.open).toBe(false);
    expect(isShown(part(el, 'panel'))).toBe(false);

    el.setAttribute('open', '');
    await el.updateComplete;
    expect(el.open).toBe(true);
    expect(isShown(part(el, 'panel'))).toBe(true);
  });

  it('position: right by default (reflected), left puts the launcher in the bottom-left corner', async () => {
    const el = await mountChat();
    expect(el.getAttribute('position')).toBe('right');
    const right = requirePart(el, 'launcher').getBoundingClientRect();
    expect(right.left).toBeGreaterThan(innerWidth / 2);

    el.position = 'left';
    await el.updateComplete;
    expect(el.getAttribute('position')).toBe('left');
    const left = requirePart(el, 'launcher').getBoundingClientRect();
    expect(left.right).toBeLessThan(innerWidth / 2);
  });
});

describe('methods', () => {
  it('show() opens the panel, focuses the composer and starts the conversation; close() closes it and polling goes on', async () => {
    const el = await mountChat();
    const events = recordEvents(el);
    el.show();
    await el.updateComplete;
    expect(el.open).toBe(true);
    expect(el.shadowRoot!.activeElement).toBe(part(el, 'input'));
    await expect.poll(() => messages(el, 'ROBOT').length).toBeGreaterThan(0);

    el.close();
    await el.updateComplete;
    expect(el.open).toBe(false);
    expect(isShown(part(el, 'panel'))).toBe(false);
    expect(events.types().filter((t) => t === 'cc-open' || t === 'cc-close')).toEqual(['cc-open', 'cc-close']);
    const polls = sim.requests.filter((r) => r.operation === 'poll').length;
    await expect.poll(() => sim.requests.filter((r) => r.operation === 'poll').length).toBeGreaterThan(polls + 1);
  });

  it('connect() starts the conversation without opening the panel', async () => {
    const el = await mountChat();
    el.connect();
    await waitForState(el, 'connected');
    await expect.poll(() => operations()).toEqual(expect.arrayContaining(['applyToken', 'send:CONNECT', 'poll']));
    expect(el.open).toBe(false);
  });

  it('disconnect() sends DISCONNECT and ends the conversation', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    await el.disconnect();
    expect(sends('DISCONNECT')).toHaveLength(1);
    expect(el.connectionState).toBe('ended');
    await el.updateComplete;
    expect(isShown(part(el, 'new-button'))).toBe(true);
  });

  it('send(text) shows the message at once, sends it and returns its key; empty or too long returns null', async () => {
    const el = await mountChat();
    const events = recordEvents(el);
    await openAndGreet(el);
    const key = el.send('  What are your opening hours?  ');
    expect(key).toEqual(expect.any(String));
    await el.updateComplete;
    const mine = messages(el, 'CUSTOMER');
    expect(mine).toHaveLength(1);
    expect(mine[0].dataset.key).toBe(key);
    await expect.poll(() => sends('CHAT', 'What are your opening hours?').length).toBe(1);
    await expect.poll(() => events.of('cc-message-sent')).toEqual([
      { key, text: 'What are your opening hours?', timestamp: expect.any(Number) },
    ]);
    await expect.poll(() => mine[0].dataset.status).toBe('sent');

    expect(el.send('   ')).toBeNull();
    expect(el.send('x'.repeat(1025))).toBeNull();
    await el.updateComplete;
    expect(messages(el, 'CUSTOMER')).toHaveLength(1);
  });

  it('send(text) before any open connects first, then sends', async () => {
    const el = await mountChat();
    el.send('Hi there');
    await expect.poll(() => sends('CHAT', 'Hi there').length).toBe(1);
    const ops = operations();
    expect(ops.indexOf('send:CONNECT')).toBeGreaterThan(-1);
    expect(ops.indexOf('send:CONNECT')).toBeLessThan(ops.indexOf('send:CHAT'));
  });
});

describe('events', () => {
  /** A <cc-chat> inside another component's shadow root: only composed events reach the document. */
  async function mountInShadow(): Promise<CcChat> {
    const host = document.createElement('div');
    document.body.append(host);
    return mountChat({ parent: host.attachShadow({ mode: 'open' }) });
  }

  it('every event bubbles out of a shadow root to the document, with its detail', async () => {
    const el = await mountInShadow();
    const events = recordEvents(document);

    el.show();
    await expect.poll(() => events.of('cc-message').length).toBeGreaterThan(0);
    el.send('What are your opening hours?');
    await expect.poll(() => events.of('cc-message-sent').length).toBe(1);
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
    el.close();
    await el.updateComplete;

    sim.robotSays('Anything else?');
    await expect.poll(() => events.of('cc-unread-change')).toEqual([{ count: 1 }]);

    sim.fault({ kind: 'status', status: 500, on: 'poll' });
    await expect.poll(() => events.of('cc-error').length, { timeout: 5000 }).toBe(1);
    await waitForState(el, 'connected', 5000);
    await el.disconnect();

    for (const type of ['cc-open', 'cc-close', 'cc-message', 'cc-message-sent', 'cc-connection-change', 'cc-unread-change', 'cc-error'] as const) {
      const recorded = events.list.filter((e) => e.type === type);
      expect(recorded.length, type).toBeGreaterThan(0);
      for (const { event } of recorded) {
        expect(event.bubbles, type).toBe(true);
        expect(event.composed, type).toBe(true);
      }
    }
    expect(events.of('cc-connection-change').map((d) => d.state)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'connected',
      'ended',
    ]);
    expect(events.of('cc-error')[0]).toEqual({
      kind: 'http',
      operation: 'poll',
      status: 500,
      resultCode: undefined,
      message: expect.any(String),
      fatal: false,
    });
    const [greeting, answer] = events.of('cc-message');
    expect(greeting.message.sourceType).toBe('ROBOT');
    expect(answer.message.content).toMatch(/open Monday to Friday/);
    expect(events.of('cc-message').map((d) => d.key)).toEqual([
      ...new Set(events.of('cc-message').map((d) => d.key)),
    ]);
  });

  it('cc-unread-change counts messages received while closed and resets when the panel opens', async () => {
    const el = await mountChat();
    const events = recordEvents(el);
    await openAndGreet(el);
    el.close();
    await el.updateComplete;
    sim.robotSays('One');
    await expect.poll(() => events.of('cc-unread-change')).toEqual([{ count: 1 }]);
    sim.robotSays('Two');
    await expect.poll(() => events.of('cc-unread-change')).toEqual([{ count: 1 }, { count: 2 }]);
    el.show();
    await expect.poll(() => events.of('cc-unread-change')).toEqual([{ count: 1 }, { count: 2 }, { count: 0 }]);
    // While open, new messages are seen at once: no unread change.
    sim.robotSays('Three');
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(4);
    expect(events.of('cc-unread-change')).toHaveLength(3);
  });

  it('a reload does not fire cc-message again for restored messages', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    const events = recordEvents(document);
    const next = await reload(el, { open: true });
    expect(messages(next, 'ROBOT')).toHaveLength(1);
    sim.robotSays('After the reload');
    await expect.poll(() => messages(next, 'ROBOT').length).toBe(2);
    expect(events.of('cc-message').map((d) => d.message.content)).toEqual(['After the reload']);
  });
});
