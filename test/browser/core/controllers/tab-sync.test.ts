import { afterEach, describe, expect, it } from 'vitest';
import type { TabSyncMessage } from '../../../../src/core/controllers/tab-messages';
import { TabSync } from '../../../../src/core/controllers/tab-sync';
import { downlink } from '../../../support/downlink';

// Two TabSyncs in one page stand in for two tabs of one visitor: a BroadcastChannel delivers to every other
// channel of the same name in the origin, this page included, but never to itself.
//
// "Did not arrive" is asserted behind a later message that did: the browser queues a message for every
// receiver when it is posted, and delivers the messages of one page in order, so once a message posted
// afterwards has arrived, the earlier one would have been delivered already. No timers.

/** A side (tab) that records what the other sides tell it. */
interface Side {
  sync: TabSync;
  got: TabSyncMessage[];
}

const sides: Side[] = [];
const probes: BroadcastChannel[] = [];

function side(): Side {
  const s: Side = { sync: new TabSync((message) => s.got.push(message)), got: [] };
  sides.push(s);
  return s;
}

/** A raw channel, as any other script of the origin could open. */
function probe(name: string): { channel: BroadcastChannel; got: unknown[] } {
  const channel = new BroadcastChannel(name);
  const got: unknown[] = [];
  channel.onmessage = (event) => got.push(event.data);
  probes.push(channel);
  return { channel, got };
}

/** A channel name of this test alone. */
function uniqueName(): string {
  return `tab-sync-test:${crypto.randomUUID()}`;
}

const hello: TabSyncMessage = { type: 'hello' };
const received: TabSyncMessage = {
  type: 'received',
  messages: [
    downlink({
      from: 'agent-7',
      to: 'customer-1',
      content: 'Hello from the polling tab',
      timestamp: 1_700_000_000_000,
      sourceType: 'AGENT',
      senderNickname: 'Ana',
      messageCode: 'm-1',
    }),
  ],
};
const sent: TabSyncMessage = { type: 'sent', key: 'k-1', text: 'Hi', timestamp: 1_700_000_000_001 };

afterEach(() => {
  for (const s of sides.splice(0)) s.sync.join(null);
  for (const channel of probes.splice(0)) channel.close();
});

describe('TabSync', () => {
  it('delivers what one side posts to the other, and not back to the sender', async () => {
    const name = uniqueName();
    const a = side();
    const b = side();
    a.sync.join(name);
    b.sync.join(name);

    a.sync.post(received);
    await expect.poll(() => b.got).toEqual([received]);

    // B's answer is posted after A's message reached B: had A's message come back to A, it would be first.
    b.sync.post(sent);
    await expect.poll(() => a.got).toEqual([sent]);
    expect(b.got).toEqual([received]);
  });

  it('delivers to every other side of the conversation', async () => {
    const name = uniqueName();
    const a = side();
    const b = side();
    const c = side();
    for (const s of [a, b, c]) s.sync.join(name);

    a.sync.post(hello);

    await expect.poll(() => b.got).toEqual([hello]);
    await expect.poll(() => c.got).toEqual([hello]);
  });

  it('keeps the channels of different conversations apart', async () => {
    const one = uniqueName();
    const two = uniqueName();
    const a = side();
    const b = side();
    a.sync.join(one);
    b.sync.join(two);
    const onOne = probe(one);
    const onTwo = probe(two);

    a.sync.post(hello);
    await expect.poll(() => onOne.got).toEqual([hello]);
    onTwo.channel.postMessage(sent);

    await expect.poll(() => b.got).toEqual([sent]);
    // Nor does a message of conversation two reach conversation one.
    onOne.channel.postMessage(received);
    await expect.poll(() => a.got).toEqual([received]);
  });

  it('leaves the channel when it joins no conversation, and the old one when it joins another', async () => {
    const one = uniqueName();
    const two = uniqueName();
    const a = side();
    a.sync.join(one);
    const onOne = probe(one);
    const onTwo = probe(two);

    a.sync.join(null);
    onOne.channel.postMessage(hello); // A left: not for A
    a.sync.post(sent); // outside any conversation: shared with nobody
    a.sync.join(two);
    a.sync.join(two); // joining it again leaves no second channel open: one copy of each message
    onOne.channel.postMessage(received); // A is in conversation two now: not for A

    onTwo.channel.postMessage(sent);
    await expect.poll(() => a.got).toEqual([sent]);

    a.sync.post(hello);
    await expect.poll(() => onTwo.got).toEqual([hello]);
    // A message posted on conversation one after all of A's: once it is there, anything of A's would be too.
    probe(one).channel.postMessage(received);
    await expect.poll(() => onOne.got).toEqual([received]);
    expect(a.got).toEqual([sent]);
  });

  it('passes on only what is a message of its kind, without throwing', async () => {
    const name = uniqueName();
    const a = side();
    a.sync.join(name);
    const other = probe(name);
    // A throw in the channel's handler surfaces as an error event of the window.
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      // The channel is open to any script of the origin: none of these is a TabSyncMessage (readTabMessage,
      // tested on its own, says which are; a batch keeps its good items).
      const junk = [null, undefined, 42, 'hello', true, [], ['hello'], {}, { type: 7 }, { type: null }, { kind: 'hello' }];
      const malformed = [{ type: 'typing' }, { type: 'received', messages: 'hi' }, { type: 'unread', count: -1 }, { ...sent, timestamp: Number.NaN }];
      for (const data of [...junk, ...malformed]) {
        other.channel.postMessage(data);
      }
      // The messages of one sender arrive in order: when this one is there, the others have been handled.
      other.channel.postMessage(hello);

      await expect.poll(() => a.got).toEqual([hello]);
      expect(errors).toEqual([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('drops a message that cannot be cloned, and posts nothing outside a conversation, without throwing', async () => {
    const name = uniqueName();
    const a = side();
    const b = side();
    expect(() => a.sync.post(hello)).not.toThrow(); // not joined yet
    a.sync.join(name);
    b.sync.join(name);

    const uncloneable = { type: 'unread', count: 1, callback: () => undefined } as unknown as TabSyncMessage;
    expect(() => a.sync.post(uncloneable)).not.toThrow();
    a.sync.post(hello);

    await expect.poll(() => b.got).toEqual([hello]);
  });
});

describe('TabSync without BroadcastChannel', () => {
  it('joins nothing and posts nothing, without throwing', () => {
    const own = Object.getOwnPropertyDescriptor(globalThis, 'BroadcastChannel');
    // A browser without BroadcastChannel: the name is not there at all (typeof is 'undefined').
    delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
    try {
      expect(typeof BroadcastChannel).toBe('undefined');
      const a = side();
      expect(() => a.sync.join(uniqueName())).not.toThrow();
      expect(() => a.sync.post(hello)).not.toThrow();
      expect(() => a.sync.join(null)).not.toThrow();
      expect(a.got).toEqual([]);
    } finally {
      Object.defineProperty(globalThis, 'BroadcastChannel', own!);
    }
    expect(typeof BroadcastChannel).toBe('function');
  });
});
