import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import { mountChat, openAndGreet, part, parts, requirePart, sends, sim, sleep, uniqueUser, useChatFixture } from '../support/chat';

// The robot's FAQ questions while the visitor types to it: asked once the typing pauses, one request at a time,
// picked with the pointer or the keyboard, and only while the robot has the conversation.

useChatFixture();

const asked = () => sim.requests.filter((r) => r.operation === 'queryPhraseByKeyword');
const questions = (el: CcChat) => parts(el, 'faq-suggestion').map((b) => b.textContent?.trim());

describe('FAQ suggestions', () => {
  it('after a pause in typing: one request for the words, the questions above the message box, picked by keyboard', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const input = requirePart(el, 'input') as HTMLTextAreaElement;
    input.focus();
    await userEvent.keyboard('how do');
    await expect.poll(() => questions(el)).toEqual([
      'How much does delivery cost?',
      'How do I return an order?',
      'How do I change my password?',
    ]);
    expect(asked().map((r) => (r.body as { strContent: string }).strContent)).toEqual(['how do']); // not one per key
    expect(requirePart(el, 'faq').getAttribute('aria-label')).toBe('Suggested questions');

    await userEvent.keyboard(' I ret');
    await expect.poll(() => questions(el)).toEqual(['How do I return an order?']);
    await userEvent.keyboard('{ArrowDown}');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).toBe('How do I return an order?');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => sends('CHAT', 'How do I return an order?', userId).length).toBe(1);
    expect(part(el, 'faq')).toBeNull();
    expect(input.value).toBe('');
  });

  it('Escape puts them away and goes back to the message box; a click sends one', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const input = requirePart(el, 'input') as HTMLTextAreaElement;
    input.focus();
    await userEvent.keyboard('order');
    await expect.poll(() => questions(el).length).toBe(2);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Escape}');
    expect(part(el, 'faq')).toBeNull();
    expect(el.shadowRoot!.activeElement).toBe(input);
    expect(el.open).toBe(true);
    await userEvent.keyboard(' where');
    await expect.poll(() => questions(el)).toEqual(['Where is my order?']);
    await userEvent.click(parts(el, 'faq-suggestion')[0]);
    await expect.poll(() => sends('CHAT', 'Where is my order?', userId).length).toBe(1);
  });

  it('not asked once an agent has the conversation', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    sim.push({ sourceType: 'AGENT', senderNickname: 'Sam', content: 'Sam here.' }, userId);
    await expect.poll(() => part(el, 'agent-button')).toBeNull();
    (requirePart(el, 'input') as HTMLTextAreaElement).focus();
    await userEvent.keyboard('how do');
    await sleep(600);
    expect(asked()).toHaveLength(0);
    expect(part(el, 'faq')).toBeNull();
  });
});
