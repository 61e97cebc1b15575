import { describe, expect, it } from 'vitest';
import type { AccessToken } from '../../../src/api/types';
import { messageText, messages, mountChat, recordEvents, sends, sim, uniqueUser, useChatFixture, waitForState } from '../support/chat';

// What frameworks do to the element: React hands it a new function (and new objects) on every render, and
// the page renders again on the element's own events; mount hooks and effects call its methods before its
// first update.

useChatFixture();

describe('accessTokenProvider', () => {
  it('another function in its place keeps the conversation, and gives the next token', async () => {
    sim.configure({ appKey: 'app-key', accessToken: 'second' });
    try {
      const userId = uniqueUser();
      const asked: string[] = [];
      const provider = (token: string) => async (): Promise<AccessToken> => {
        asked.push(token);
        return { accessToken: token, expiresIn: 600 };
      };
      const el = await mountChat({ userId, attrs: { 'app-key': 'app-key' } });
      el.accessTokenProvider = provider('first');
      await el.updateComplete;
      const events = recordEvents(el);

      // A new function while connecting (the page renders on cc-connection-change), and once connected.
      el.connect();
      el.accessTokenProvider = provider('second');
      await el.updateComplete;
      await waitForState(el, 'connected');
      el.accessTokenProvider = provider('third');
      await el.updateComplete;
      expect(events.of('cc-connection-change').map((detail) => detail.state)).toEqual(['connecting', 'connected']);
      expect(asked).toEqual(['second']);

      // The gateway now takes only the newest token: the next poll is refused, and the client asks for another.
      sim.configure({ accessToken: 'third' });
      await expect.poll(() => asked, { timeout: 5000 }).toEqual(['second', 'third']);
      sim.agentSays('Still here', userId);
      await expect
        .poll(() => events.of('cc-message').filter((d) => d.message.sourceType === 'AGENT').map((d) => d.message.content), { timeout: 5000 })
        .toEqual(['Still here']);
      expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
    } finally {
      sim.configure({ appKey: null, accessToken: null });
    }
  });
});

describe('methods called before the first update', () => {
  it('connect() right after the element is added uses the attributes set so far', async () => {
    const userId = uniqueUser();
    const el = document.createElement('cc-chat');
    el.setAttribute('channel-id', 'ch-1');
    el.setAttribute('user-id', userId);
    el.setAttribute('poll-interval', '20');
    const events = recordEvents(el);
    document.body.append(el);
    el.connect();
    await waitForState(el, 'connected');
    expect(events.of('cc-error')).toEqual([]);
    expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
  });

  it('send() right after the element is added sends the message, connecting first', async () => {
    const userId = uniqueUser();
    const el = document.createElement('cc-chat');
    el.channelId = 'ch-1';
    el.userId = userId;
    el.pollInterval = 20;
    document.body.append(el);
    expect(el.send('Hello at once')).toMatch(/./);
    await expect.poll(() => sends('CHAT', 'Hello at once', userId).length, { timeout: 5000 }).toBe(1);
    el.show();
    await expect.poll(() => messages(el, 'CUSTOMER').map(messageText), { timeout: 5000 }).toEqual(['Hello at once']);
  });
});
