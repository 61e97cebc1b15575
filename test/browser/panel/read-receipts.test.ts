import { describe, expect, it } from 'vitest';
import { messages, mountChat, openAndGreet, sends, sim, sleep, uniqueUser, useChatFixture } from '../support/chat';

// Read receipts where the tenant enables them (`read-receipts`): polls ask for READ downlinks, which mark the
// visitor's messages as read; agent messages the visitor has seen go back as READ, once each.

useChatFixture();

const polls = (userId: string) => sim.requests.filter((r) => r.operation === 'poll' && r.query.receiverId === userId);

describe('read receipts', () => {
  it('on: polls ask for them, a READ marks the visitor\'s messages read, and seen agent messages are sent as READ once', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId, attrs: { 'read-receipts': '' } });
    await openAndGreet(el);
    expect(polls(userId).every((r) => r.query.isNeedRead === 'true')).toBe(true);

    el.send('Is anyone there?');
    await expect.poll(() => messages(el, 'CUSTOMER')[0]?.dataset.status).toBe('sent');
    sim.push({ controlType: 'READ', sourceType: 'AGENT', mediaType: null, content: '["c1"]' }, userId);
    await expect.poll(() => messages(el, 'CUSTOMER')[0]?.dataset.status).toBe('read');
    expect(messages(el, 'CUSTOMER')[0]!.textContent).toContain('Read');

    sim.push({ sourceType: 'AGENT', senderNickname: 'Sam', content: 'Yes, Sam here.', messageCode: 'agent-1' }, userId);
    await expect.poll(() => sends('READ', undefined, userId).length).toBe(1);
    expect((sends('READ', undefined, userId)[0].body as { content: string }).content).toBe('["agent-1"]');
    await sleep(600);
    expect(sends('READ', undefined, userId)).toHaveLength(1); // once
  });

  it('off (the default): no isNeedRead, no READ sent; nothing counted unread for a READ', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    el.close();
    sim.push({ sourceType: 'AGENT', senderNickname: 'Sam', content: 'Hello', messageCode: 'agent-2' }, userId);
    sim.push({ controlType: 'READ', sourceType: 'AGENT', mediaType: null, content: '[]' }, userId);
    await expect.poll(() => el.shadowRoot!.querySelector('[part~="badge"]')?.textContent?.trim()).toBe('1');
    el.show();
    await sleep(600);
    expect(polls(userId).some((r) => r.query.isNeedRead !== undefined)).toBe(false);
    expect(sends('READ', undefined, userId)).toHaveLength(0);
  });
});
