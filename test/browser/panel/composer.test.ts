import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  isShown,
  messages,
  mountChat,
  openAndGreet,
  part,
  requirePart,
  sends,
  sleep,
  typeDraft,
  uniqueUser,
  useChatFixture,
} from '../support/chat';

// The composer: the API's 1 KB limit and the typing signal.

useChatFixture();

describe('the 1 KB limit', () => {
  it('counts down near the limit, and over it says so, disables sending and sends nothing', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const counter = requirePart(el, 'counter');
    const sendButton = requirePart(el, 'send-button') as HTMLButtonElement;
    const input = requirePart(el, 'input') as HTMLTextAreaElement;

    await typeDraft(el, 'Short');
    expect(isShown(counter)).toBe(false);
    expect(sendButton.disabled).toBe(false);

    await typeDraft(el, 'a'.repeat(900));
    expect(isShown(counter)).toBe(true);
    expect(counter.textContent!.trim()).toBe('124 characters left');
    expect(sendButton.disabled).toBe(false);

    await typeDraft(el, 'a'.repeat(1024));
    expect(counter.textContent!.trim()).toBe('0 characters left');
    expect(sendButton.disabled).toBe(false);

    // The limit is 1 KB of UTF-8, counted for the visitor in characters: 3 bytes each in Chinese.
    await typeDraft(el, '字'.repeat(300));
    expect(counter.textContent!.trim()).toBe('41 characters left');
    await typeDraft(el, '字'.repeat(342));
    expect(counter.textContent!.trim()).toBe('Message is too long: at most 341 characters');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(counter.id);
    expect(sendButton.disabled).toBe(true);

    input.focus();
    await userEvent.keyboard('{Enter}');
    await sleep(100);
    expect(sends('CHAT', undefined, userId)).toHaveLength(0);
    expect(messages(el, 'CUSTOMER')).toHaveLength(0);
    expect(input.value).toBe('字'.repeat(342));
    expect(el.send('字'.repeat(342))).toBeNull();

    // Back under the limit, it sends.
    await typeDraft(el, '字'.repeat(341));
    expect(sendButton.disabled).toBe(false);
    expect(input.getAttribute('aria-invalid')).toBe('false');
    await userEvent.click(sendButton);
    await expect.poll(() => sends('CHAT', '字'.repeat(341), userId).length).toBe(1);
  });

  it('a blank draft cannot be sent', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    await typeDraft(el, '   \n  ');
    expect((requirePart(el, 'send-button') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('typing signal', () => {
  it('sends INPUT at most once every 5 s while typing', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });

    const input = requirePart(el, 'input') as HTMLTextAreaElement;
    input.focus();
    await userEvent.keyboard('Hel');
    await userEvent.keyboard('lo');
    await expect.poll(() => sends('INPUT', undefined, userId).length).toBe(1);
    await sleep(100);
    expect(sends('INPUT', undefined, userId)).toHaveLength(1);

    vi.setSystemTime(Date.now() + 4000);
    await userEvent.keyboard('!');
    await sleep(100);
    expect(sends('INPUT', undefined, userId)).toHaveLength(1);

    vi.setSystemTime(Date.now() + 1100);
    await userEvent.keyboard('!');
    await expect.poll(() => sends('INPUT', undefined, userId).length).toBe(2);
    // Typing is not sending.
    expect(sends('CHAT', undefined, userId)).toHaveLength(0);
    expect(part(el, 'input')).toBe(input);
  });

  it('sends no INPUT before the conversation is connected', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    el.open = true;
    await el.updateComplete;
    await typeDraft(el, 'typing before connecting');
    await openAndGreet(el);
    expect(sends('INPUT', undefined, userId)).toHaveLength(0);
  });
});
