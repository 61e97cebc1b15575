import { describe, expect, it } from 'vitest';
import type { CcChat } from '../../../src/core/cc-chat';
import type { ChatSession } from '../../../src/core/controllers/chat-session';
import {
  messageText,
  messages,
  mountChat,
  openAndGreet,
  operations,
  recordWire,
  sends,
  sim,
  sleep,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// The element in the page's life: moved in the DOM, removed, and next to another <cc-chat>.

useChatFixture();

describe('remove and re-insert', () => {
  it('moving the element during a held poll never makes two polls in flight, and nothing is lost', async () => {
    sim.configure({ pollHoldMs: 300 });
    const userId = uniqueUser();
    const wire = recordWire();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const polls = () => wire.calls.filter((c) => c.operation === 'poll' && c.userId === userId);
    await expect.poll(() => wire.inFlight('poll', userId), { timeout: 3000 }).toBe(1);

    // Move it around while its poll is held, several times, synchronously and across tasks.
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el);
    document.body.append(el);
    await sleep(30);
    el.remove();
    await sleep(30);
    box.append(el);
    await sleep(30);
    document.body.append(el);
    sim.agentSays('While you were moving', userId);
    await expect.poll(() => messages(el, 'AGENT').map(messageText)).toEqual(['While you were moving']);
    await expect.poll(() => polls().filter((c) => c.end !== undefined && c.status === 200).length, { timeout: 3000 }).toBeGreaterThan(1);

    expect(wire.maxInFlight('poll', userId)).toBe(1);
    // Every poll started after the previous one had ended (aborted or answered).
    const list = polls();
    for (let i = 1; i < list.length; i++) expect(list[i].start).toBeGreaterThanOrEqual(list[i - 1].end!);
    expect(el.connectionState).toBe('connected');
    expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
  });

  it('a removed element stops polling, and polls again when put back', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const wire = recordWire();
    el.remove();
    await sleep(50);
    const count = wire.calls.filter((c) => c.operation === 'poll').length;
    expect(wire.inFlight('poll', userId)).toBe(0);
    // Polling (a 150 ms hold, a 20 ms interval) would have started again by now.
    await sleep(300);
    expect(wire.calls.filter((c) => c.operation === 'poll')).toHaveLength(count);

    document.body.append(el);
    await expect.poll(() => wire.calls.filter((c) => c.operation === 'poll').length).toBeGreaterThan(count);
    expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
  });

  it('a message answered into the poll aborted by the move is recovered from the history', async () => {
    sim.configure({ pollHoldMs: 1000 });
    const userId = uniqueUser();
    const wire = recordWire();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    await expect.poll(() => wire.inFlight('poll', userId), { timeout: 3000 }).toBe(1);
    el.remove();
    // The server did not notice the abort: its held poll takes the message.
    sim.agentSays('Into the void', userId);
    await sleep(50);
    document.body.append(el);
    await expect.poll(() => messages(el, 'AGENT').map(messageText)).toEqual(['Into the void']);
    expect(operations(userId)).toContain('queryHistoryChatMessage');
  });
});

describe('two elements on one page', () => {
  it('of the same visitor (two tabs) both show the whole conversation, whichever poll got each message', async () => {
    const userId = uniqueUser('tabs');
    const first = await mountChat({ userId });
    const second = await mountChat({ userId });
    await openAndGreet(first);
    // The contact center already has this customer's session: the second CONNECT brings no greeting.
    second.show();
    await waitForState(second, 'connected');
    for (const n of [1, 2, 3, 4]) sim.agentSays(`Shared ${n}`, userId);
    const shared = (el: CcChat) => messages(el, 'AGENT').map(messageText);
    await expect.poll(() => shared(first)).toEqual(['Shared 1', 'Shared 2', 'Shared 3', 'Shared 4']);
    await expect.poll(() => shared(second)).toEqual(['Shared 1', 'Shared 2', 'Shared 3', 'Shared 4']);

    first.send('Typed in the first tab');
    await expect.poll(() => messages(second, 'CUSTOMER').map(messageText)).toEqual(['Typed in the first tab']);
    expect(sends('CHAT', 'Typed in the first tab', userId)).toHaveLength(1);
    expect(messages(first, 'CUSTOMER')).toHaveLength(1);
  });

  it('are independent: each its own customer, session, messages and end', async () => {
    const alice = uniqueUser('alice');
    const bob = uniqueUser('bob');
    const wire = recordWire();
    const a = await mountChat({ userId: alice, channelId: 'ch-a' });
    const b = await mountChat({ userId: bob, channelId: 'ch-b', attrs: { position: 'left' } });
    await Promise.all([openAndGreet(a), openAndGreet(b)]);
    expect(sim.sessions().map((s) => s.userId).sort()).toEqual([alice, bob].sort());

    sim.agentSays('For Alice', alice);
    sim.agentSays('For Bob', bob);
    await expect.poll(() => messages(a, 'AGENT').map(messageText)).toEqual(['For Alice']);
    await expect.poll(() => messages(b, 'AGENT').map(messageText)).toEqual(['For Bob']);

    a.send('Alice speaking');
    await expect.poll(() => sends('CHAT', 'Alice speaking', alice).length).toBe(1);
    expect(sends('CHAT', undefined, bob)).toHaveLength(0);
    expect(messages(b, 'CUSTOMER')).toHaveLength(0);

    await a.disconnect();
    expect(a.connectionState).toBe('ended');
    sim.agentSays('Still for Bob', bob);
    await expect.poll(() => messages(b, 'AGENT').map(messageText)).toEqual(['For Bob', 'Still for Bob']);
    await waitForState(b, 'connected');
    expect(wire.maxInFlight('poll', alice)).toBe(1);
    expect(wire.maxInFlight('poll', bob)).toBe(1);

    // A reload restores each from its own saved session.
    a.remove();
    b.remove();
    const a2 = await mountChat({ userId: alice, channelId: 'ch-a' });
    const b2 = await mountChat({ userId: bob, channelId: 'ch-b' });
    expect(a2.connectionState).toBe('ended');
    expect(b2.connectionState).toBe('connected');
    // Alice's ended chat is not opened (that would start a new one), so her restored transcript is read from
    // the session behind the element; Bob's is read from his opened panel.
    expect(restoredAgentTexts(a2)).toEqual(['For Alice']);
    b2.show();
    await b2.updateComplete;
    expect(messages(b2, 'AGENT').map(messageText)).toEqual(['For Bob', 'Still for Bob']);
    expect(b2.connectionState).toBe('connected');
    expect(a2.connectionState).toBe('ended');
  });
});

/** The AGENT texts in the transcript an element's session holds, rendered or not. */
function restoredAgentTexts(el: CcChat): string[] {
  const { session } = el as unknown as { session: ChatSession };
  return session.transcript.entries.flatMap((entry) =>
    entry.kind === 'received' && entry.message.sourceType === 'AGENT' ? [entry.message.content] : [],
  );
}
