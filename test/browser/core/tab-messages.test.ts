import { afterEach, describe, expect, it } from 'vitest';
import type { DownlinkMessage } from '../../../src/api/types';
import type { CcChat } from '../../../src/core/cc-chat';
import { downlink } from '../../support/downlink';
import { messageText, messages, mountChat, openAndGreet, recordEvents, sim, transcript, uniqueUser, useChatFixture, waitForState } from '../support/chat';

// Two elements of one visitor stand in for two tabs: they share the conversation over a BroadcastChannel named
// after it (sessionKey). Any script of the origin can open a channel of that name and post on it: here one posts
// junk and half-valid messages into the live conversation. The messages of one sender arrive in order, so once a
// valid message posted after the junk has arrived, the junk has been handled too.

useChatFixture();

const channels: BroadcastChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
});

/** A channel on the conversation of this visitor, as another script of the origin could open it. */
function foreignChannel(userId: string): BroadcastChannel {
  const channel = new BroadcastChannel(`cc-chat:session:ch-1:${userId}`);
  channels.push(channel);
  return channel;
}

/** Uncaught errors and rejections of the page while `run` goes on (a throw in a channel's handler is one). */
async function collectErrors(run: () => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return errors;
}

const agentTexts = (el: CcChat) => messages(el, 'AGENT').map(messageText);

describe('messages on the channel of a live conversation that no tab of the widget posted', () => {
  it('are ignored when malformed, item by item in a batch, and the conversation goes on in both tabs', async () => {
    const userId = uniqueUser('junk');
    const events = recordEvents();
    const first = await mountChat({ userId });
    const second = await mountChat({ userId });
    await openAndGreet(first);
    second.show();
    await waitForState(second, 'connected');
    sim.agentSays('Before the junk', userId);
    await expect.poll(() => agentTexts(second)).toEqual(['Before the junk']);
    await expect.poll(() => transcript(second)).toEqual(transcript(first));
    const before = transcript(first);

    const agent = (content: string, code: string): DownlinkMessage =>
      downlink({ from: 'agent-9', to: userId, content, timestamp: Date.now(), sourceType: 'AGENT', senderNickname: 'Ana', messageCode: `${code}-${userId}` });
    const channel = foreignChannel(userId);
    const errors = await collectErrors(async () => {
      const junk: unknown[] = [
        null,
        42,
        'received',
        {},
        { type: 7 },
        { type: 'constructor' },
        { type: '__proto__' },
        // Each of these threw, ended the conversation, or added to the transcript before the tabs checked fields.
        { type: 'received', messages: [null] },
        { type: 'received', messages: 'Agent: hello' },
        { type: 'received', messages: [{ content: 'Half a message', timestamp: Date.now() }] },
        { type: 'sent', text: 'Ghost without a key', timestamp: Date.now() },
        { type: 'sent', key: 'ghost-2', text: 'Ghost without a time', timestamp: Number.NaN },
        { type: 'sent', key: 'ghost-3', text: 'Ghost with a strange file', timestamp: Date.now(), file: { name: 'x' } },
        { type: 'status', state: 'ended', mode: 'agent', queue: 'soon' },
        { type: 'status', state: 'connected', mode: 'queued', queue: { position: { n: 3 } } },
        { type: 'status', state: 'gone', mode: 'agent', queue: null },
        { type: 'unread', count: Number.NaN },
        { type: 'unread', count: -3 },
        // Half-valid: a batch and an answer to hello with good and bad items; the good ones are kept.
        { type: 'received', messages: [null, agent('Good item of a bad batch', 'half'), { ...agent('Content of an object', 'obj'), content: { html: '<b>x</b>' } }] },
        {
          type: 'status',
          state: 'connected',
          mode: 'agent',
          queue: null,
          entries: [
            null,
            { kind: 'received', key: 'x', seq: 1, message: { content: 'Entry of half a message', timestamp: Date.now() } },
            { kind: 'sent', key: 'ghost-4', seq: 2, text: 'Ghost entry', timestamp: 'late', status: 'sent' },
          ],
        },
      ];
      for (const data of junk) channel.postMessage(data);
      // A valid message after the junk: when it is shown in both tabs, everything before it has been handled.
      channel.postMessage({ type: 'received', messages: [agent('Valid after the junk', 'valid')] });
      const expected = ['Before the junk', 'Good item of a bad batch', 'Valid after the junk'];
      await expect.poll(() => agentTexts(first)).toEqual(expected);
      await expect.poll(() => agentTexts(second)).toEqual(expected);

      // The conversation goes on: the poller's next message reaches both tabs.
      sim.agentSays('After the junk', userId);
      await expect.poll(() => agentTexts(first)).toEqual([...expected, 'After the junk']);
      await expect.poll(() => agentTexts(second)).toEqual([...expected, 'After the junk']);
    });

    expect(errors).toEqual([]);
    // Exactly what was there and what was valid, once each, in both tabs: no ghost, no half a message.
    const added = ['AGENT: Good item of a bad batch', 'AGENT: Valid after the junk', 'AGENT: After the junk'];
    expect(transcript(first)).toEqual([...before, ...added]);
    expect(transcript(second)).toEqual([...before, ...added]);
    expect(first.connectionState).toBe('connected');
    expect(second.connectionState).toBe('connected');
    for (const { count } of events.of('cc-unread-change')) expect(Number.isInteger(count) && count >= 0, String(count)).toBe(true);

    // The tabs still share what the visitor types.
    second.send('Typed after the junk');
    await expect.poll(() => messages(first, 'CUSTOMER').map(messageText)).toEqual(['Typed after the junk']);
  });
});
