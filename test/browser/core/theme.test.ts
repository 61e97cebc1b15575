import { describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import { messages, mountChat, openAndGreet, part, requirePart, sim, uniqueUser, useChatFixture } from '../support/chat';

// One theme: the frame, the panel and its messages take each colour from the same token (src/core/theme.ts),
// so a custom property set on the element changes it everywhere at once, and its default is the same
// everywhere, in the light and in the dark scheme.

useChatFixture();

/** An open panel with a robot answer (its thumbs), a visitor's message and an agent's location card. */
async function conversation(attrs: Record<string, string> = {}): Promise<CcChat> {
  sim.configure({ queueLength: 0 });
  const userId = uniqueUser();
  const el = await mountChat({ userId, attrs });
  await openAndGreet(el);
  el.send('What are your opening hours?');
  await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
  requirePart(el, 'agent-button').click();
  await expect.poll(() => messages(el, 'AGENT').length, { timeout: 3000 }).toBe(1);
  sim.push({ sourceType: 'AGENT', mediaType: 'LOCATE', content: '52.5/13.4/Office', senderNickname: 'Alex' }, userId);
  await expect.poll(() => part(el, 'card')).toBeTruthy();
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  return el;
}

/** The computed value of a CSS property on each of the named parts (the first of each). */
function styleOf(el: CcChat, property: keyof CSSStyleDeclaration, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(getComputedStyle(requirePart(el, name))[property])]));
}

const same = (value: string, names: string[]) => Object.fromEntries(names.map((name) => [name, value]));

/** Outlined by the border token: the panel's own elements and a message's (the panel box has no border on a narrow screen). */
const OUTLINED = ['composer', 'input', 'card', 'feedback-up'];
/** Filled with the accent: the frame's launcher, the panel's header and send button (and the visitor's bubble). */
const ACCENTED = ['launcher', 'header', 'send-button'];

function visitorBubble(el: CcChat): HTMLElement {
  return messages(el, 'CUSTOMER')[0].querySelector<HTMLElement>('[part~="bubble"]')!;
}

describe('one theme', () => {
  it('gives the frame, the panel and the messages the same default, light and dark', async () => {
    const el = await conversation();
    expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(196, 199, 197)', OUTLINED)); // #c4c7c5
    expect(getComputedStyle(requirePart(el, 'author')).fontFamily).toBe(getComputedStyle(el).fontFamily);

    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    try {
      expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(68, 71, 70)', OUTLINED)); // #444746
      // Secondary text: a message's name and time, and the frame's placeholder.
      expect(styleOf(el, 'color', ['author', 'time'])).toEqual(same('rgb(168, 171, 175)', ['author', 'time'])); // #a8abaf
      expect(getComputedStyle(requirePart(el, 'input'), '::placeholder').color).toBe('rgb(168, 171, 175)');
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    }
  });

  it('theme fixes the scheme whatever the system says; auto follows the system', async () => {
    const el = await conversation({ theme: 'dark' });
    // A light system, a dark widget: its tokens and its native controls.
    expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(68, 71, 70)', OUTLINED)); // #444746
    expect(getComputedStyle(requirePart(el, 'panel')).backgroundColor).toBe('rgb(31, 31, 31)'); // #1f1f1f
    expect(getComputedStyle(requirePart(el, 'input')).colorScheme).toBe('dark');

    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    try {
      // A dark system, a site that is light only.
      el.theme = 'light';
      await el.updateComplete;
      expect(el.getAttribute('theme')).toBe('light');
      expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(196, 199, 197)', OUTLINED)); // #c4c7c5
      expect(getComputedStyle(requirePart(el, 'input')).colorScheme).toBe('light');
      // auto, and no attribute at all, follow the system.
      el.theme = 'auto';
      await el.updateComplete;
      expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(68, 71, 70)', OUTLINED));
      el.removeAttribute('theme');
      await el.updateComplete;
      expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(68, 71, 70)', OUTLINED));
      expect(getComputedStyle(requirePart(el, 'input')).colorScheme).toBe('dark');
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    }
    expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(196, 199, 197)', OUTLINED));
  });

  it('changes everywhere at once when a custom property is set on the element', async () => {
    const el = await conversation();
    el.style.setProperty('--cc-chat-border', 'rgb(1, 2, 3)');
    el.style.setProperty('--cc-chat-accent', 'rgb(120, 0, 0)');
    el.style.setProperty('--cc-chat-font', 'monospace');
    expect(styleOf(el, 'borderTopColor', OUTLINED)).toEqual(same('rgb(1, 2, 3)', OUTLINED));
    expect(styleOf(el, 'backgroundColor', ACCENTED)).toEqual(same('rgb(120, 0, 0)', ACCENTED));
    expect(getComputedStyle(visitorBubble(el)).backgroundColor).toBe('rgb(120, 0, 0)');
    expect(styleOf(el, 'fontFamily', ['header', 'input', 'author', 'bubble'])).toEqual(
      same('monospace', ['header', 'input', 'author', 'bubble']),
    );
  });

  it('gives the round and pill buttons their shapes from the element, whatever the part', async () => {
    const el = await conversation();
    for (const name of ['launcher', 'close-button', 'send-button', 'attach-button', 'feedback-up'])
      expect(getComputedStyle(requirePart(el, name)).borderTopLeftRadius, name).toBe('50%');
    for (const name of ['end-button', 'suggestion'])
      expect(getComputedStyle(requirePart(el, name)).borderTopLeftRadius, name).toBe('999px');
  });
});
