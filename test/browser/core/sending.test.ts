import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  messageText,
  messages,
  mountChat,
  openAndGreet,
  part,
  recordEvents,
  recordWire,
  reload,
  requirePart,
  sends,
  sim,
  sleep,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// Nothing the visitor types is lost or sent twice: failures, retries and reloads.

useChatFixture();

function mine(el: CcChat): Array<{ text: string; status: string | undefined }> {
  return messages(el, 'CUSTOMER').map((m) => ({ text: messageText(m), status: m.dataset.status }));
}

describe('send, fail, retry', () => {
  it('a message shows at once as pending, then as sent', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    sim.fault({ kind: 'delay', ms: 300, on: 'send', userId });
    el.send('Hello');
    await el.updateComplete;
    expect(mine(el)).toEqual([{ text: 'Hello', status: 'pending' }]);
    expect(messages(el, 'CUSTOMER')[0].textContent).toContain('Sending…');
    await expect.poll(() => mine(el)).toEqual([{ text: 'Hello', status: 'sent' }]);
    expect(messages(el, 'CUSTOMER')[0].textContent).toContain('Sent');
  });

  it('a failed send stays, marked failed, and a retry sends it exactly once and shows it once', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const wire = recordWire();
    const events = recordEvents(el);
    sim.fault({ kind: 'status', status: 500, on: 'send', userId });
    el.send('Where is my parcel?');
    await expect.poll(() => mine(el)).toEqual([{ text: 'Where is my parcel?', status: 'failed' }]);
    const failed = messages(el, 'CUSTOMER')[0];
    expect(failed.textContent).toContain('Failed to send');
    expect(events.of('cc-error')).toEqual([expect.objectContaining({ operation: 'send', status: 500, fatal: false })]);
    expect(events.of('cc-message-sent')).toEqual([]);
    expect(wire.deliveredChats('Where is my parcel?')).toHaveLength(0);

    const retry = failed.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    expect(retry.textContent).toBe('Retry');
    await userEvent.click(retry);
    await expect.poll(() => mine(el)).toEqual([{ text: 'Where is my parcel?', status: 'sent' }]);
    // The robot's answer came: the conversation goes on.
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
    expect(messages(el, 'CUSTOMER')[0]).toBe(failed);
    // Give a second send the chance to show up before counting.
    await sleep(200);
    expect(wire.deliveredChats('Where is my parcel?', userId)).toHaveLength(1);
    expect(sends('CHAT', 'Where is my parcel?', userId)).toHaveLength(2); // the failed attempt and the retry
    expect(mine(el)).toHaveLength(1);
    expect(events.of('cc-message-sent').map((d) => d.text)).toEqual(['Where is my parcel?']);
  });

  it('messages sent quickly go out one at a time, in order', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const wire = recordWire();
    for (const text of ['one', 'two', 'three', 'four']) el.send(text);
    await expect.poll(() => mine(el).map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const chats = wire.calls.filter((c) => c.controlType === 'CHAT');
    expect(chats.map((c) => c.content)).toEqual(['one', 'two', 'three', 'four']);
    expect(wire.maxInFlight('send', userId)).toBe(1);
    expect(mine(el).map((m) => m.text)).toEqual(['one', 'two', 'three', 'four']);
  });
});

describe('reload', () => {
  it('messages typed before the connection came up survive a reload and are sent in order', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    // The connection hangs: nothing can be sent yet.
    sim.fault({ kind: 'hang', on: 'applyToken', userId });
    el.show();
    el.send('first');
    el.send('second');
    await el.updateComplete;
    expect(mine(el)).toEqual([
      { text: 'first', status: 'pending' },
      { text: 'second', status: 'pending' },
    ]);

    const next = await reload(el, { open: true });
    expect(mine(next)).toEqual([
      { text: 'first', status: 'pending' },
      { text: 'second', status: 'pending' },
    ]);
    await expect.poll(() => mine(next).map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(sends('CHAT', undefined, userId).map((r) => (r.body as { content: string }).content)).toEqual(['first', 'second']);
  });

  it('after a reload, pending messages are sent in order and the one in flight comes back failed, not re-sent', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const wire = recordWire();
    // The first message's request is slow: it is in flight when the page reloads.
    sim.fault({ kind: 'delay', ms: 600, on: 'send', userId });
    el.send('in flight');
    el.send('pending 1');
    el.send('pending 2');
    await expect.poll(() => wire.calls.filter((c) => c.controlType === 'CHAT').length).toBe(1);

    const next = await reload(el, { open: true });
    expect(mine(next).map((m) => m.text)).toEqual(['in flight', 'pending 1', 'pending 2']);
    expect(mine(next)[0].status).toBe('failed');
    await expect.poll(() => mine(next).map((m) => m.status)).toEqual(['failed', 'sent', 'sent']);

    // Wait for the old page's slow request to end, and a little more.
    await expect.poll(() => wire.calls[0].end, { timeout: 3000 }).toBeDefined();
    await sleep(300);
    const chats = sends('CHAT', undefined, userId).map((r) => (r.body as { content: string }).content);
    expect(chats).toEqual(['in flight', 'pending 1', 'pending 2']);
    expect(mine(next).map((m) => m.status)).toEqual(['failed', 'sent', 'sent']);
    // What the new element saved was not overwritten by the old one: a further reload sends nothing.
    const third = await reload(next, { open: true });
    expect(mine(third).map((m) => m.status)).toEqual(['failed', 'sent', 'sent']);
    await sleep(200);
    expect(sends('CHAT', undefined, userId)).toHaveLength(3);
  });
});

describe('resume', () => {
  it('a new element with the same configuration resumes without a new CONNECT and shows the transcript', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    el.send('Before the reload');
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
    const before = messages(el).map((m) => `${m.dataset.sourceType}: ${messageText(m)}`);

    sim.clearRequests();
    const next = await reload(el);
    expect(next.open).toBe(false);
    next.show();
    await next.updateComplete;
    expect(messages(next).map((m) => `${m.dataset.sourceType}: ${messageText(m)}`)).toEqual(before);
    await waitForState(next, 'connected');
    await expect.poll(() => sim.requests.filter((r) => r.operation === 'poll' && r.query.receiverId === userId).length).toBeGreaterThan(0);
    expect(sim.requests.filter((r) => r.operation === 'applyToken')).toEqual([]);
    expect(sends('CONNECT', undefined, userId)).toEqual([]);
  });

  it('a message arriving while closed after a reload raises the unread badge and names the count on the launcher', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const next = await reload(el);
    expect(part(next, 'badge')).toBeNull();
    expect(requirePart(next, 'launcher').getAttribute('aria-label')).toBe('Open chat');
    const events = recordEvents(next);

    sim.agentSays('Are you still there?', userId);
    await expect.poll(() => part(next, 'badge')?.textContent).toBe('1');
    expect(requirePart(next, 'launcher').getAttribute('aria-label')).toBe('Open chat, 1 unread message');
    sim.agentSays('Hello?', userId);
    await expect.poll(() => part(next, 'badge')?.textContent).toBe('2');
    expect(requirePart(next, 'launcher').getAttribute('aria-label')).toBe('Open chat, 2 unread messages');
    expect(events.of('cc-unread-change')).toEqual([{ count: 1 }, { count: 2 }]);

    // The count survives another reload, and opening clears it.
    const again = await reload(next);
    expect(part(again, 'badge')?.textContent).toBe('2');
    again.show();
    await again.updateComplete;
    expect(part(again, 'badge')).toBeNull();
    expect(messages(again, 'AGENT').map(messageText)).toEqual(['Are you still there?', 'Hello?']);
  });
});
