import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  isShown,
  messageText,
  messages,
  mountChat,
  openAndGreet,
  part,
  reload,
  requirePart,
  sends,
  sim,
  sleep,
  uniqueUser,
  useChatFixture,
} from '../support/chat';

// Keyboard use, focus, and what a screen reader is told.

useChatFixture();

/** The element inside the shadow root that has the focus (null when the focus is elsewhere). */
function focused(el: CcChat): Element | null {
  return document.activeElement === el ? el.shadowRoot!.activeElement : null;
}

function liveRegion(el: CcChat): HTMLElement {
  const region = el.shadowRoot!.querySelector<HTMLElement>('[aria-live]');
  if (!region) throw new Error('no live region');
  return region;
}

describe('keyboard', () => {
  it('takes no focus at page load', async () => {
    const before = document.activeElement;
    const el = await mountChat();
    await sleep(50);
    expect(document.activeElement).toBe(before);
    expect(el.shadowRoot!.activeElement).toBeNull();
  });

  it('opens from the launcher with the keyboard, Enter sends, Shift+Enter adds a line', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    requirePart(el, 'launcher').focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(1);
    expect(focused(el)).toBe(part(el, 'input'));

    await userEvent.keyboard('First line');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await userEvent.keyboard('second line');
    const input = requirePart(el, 'input') as HTMLTextAreaElement;
    expect(input.value).toBe('First line\nsecond line');
    expect(sends('CHAT', undefined, userId)).toHaveLength(0);

    await userEvent.keyboard('{Enter}');
    await expect.poll(() => sends('CHAT', undefined, userId).map((r) => (r.body as { content: string }).content)).toEqual([
      'First line\nsecond line',
    ]);
    await el.updateComplete;
    expect(input.value).toBe('');
    expect(messages(el, 'CUSTOMER').map(messageText)).toEqual(['First line\nsecond line']);
    // An empty composer sends nothing.
    await userEvent.keyboard('{Enter}');
    await sleep(100);
    expect(sends('CHAT', undefined, userId)).toHaveLength(1);
  });

  it('Escape closes the panel and gives the focus back to the launcher', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    expect(focused(el)).toBe(part(el, 'input'));
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => el.open).toBe(false);
    expect(isShown(part(el, 'panel'))).toBe(false);
    await expect.poll(() => focused(el)).toBe(part(el, 'launcher'));
  });

  it('the close button also gives the focus back to the launcher', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    await userEvent.click(requirePart(el, 'close-button'));
    await expect.poll(() => focused(el)).toBe(part(el, 'launcher'));
    expect(el.open).toBe(false);
  });

  it('everything in the panel is reachable with Tab, in a sensible order', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    // From the first control of the panel (on a narrow screen the open panel covers the launcher).
    requirePart(el, 'agent-button').focus();
    const reached: string[] = ['agent-button'];
    for (let i = 0; i < 12; i++) {
      await userEvent.keyboard('{Tab}');
      const node = focused(el);
      if (!node) break;
      reached.push(node.getAttribute('part') ?? node.textContent!.trim());
    }
    expect(reached).toEqual(
      expect.arrayContaining(['agent-button', 'end-button', 'close-button', 'transcript', 'input', 'suggestion']),
    );
    expect(reached.indexOf('close-button')).toBeLessThan(reached.indexOf('transcript'));
    expect(reached.indexOf('transcript')).toBeLessThan(reached.indexOf('input'));
  });
});

describe('live region', () => {
  it('sits outside the log, is polite, and announces new messages prefixed by their sender', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const region = liveRegion(el);
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(requirePart(el, 'transcript').getAttribute('role')).toBe('log');
    expect(requirePart(el, 'transcript').contains(region)).toBe(false);
    expect(region.textContent).toBe("Virtual Assistant: Hello, I'm Virtual Assistant, the virtual assistant. How can I help you?");

    sim.push({ sourceType: 'AGENT', content: 'Let me check.', senderNickname: 'Sam' }, userId);
    await expect.poll(() => region.textContent).toBe('Agent Sam: Let me check.');
    sim.systemSays('Transferred to billing', userId);
    await expect.poll(() => region.textContent).toBe('System: Transferred to billing');
  });

  it('does not announce the messages restored after a reload, only new ones', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    sim.push({ sourceType: 'AGENT', content: 'Before the reload', senderNickname: 'Sam' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(1);

    const next = await reload(el, { open: true });
    expect(messages(next)).toHaveLength(2);
    await sleep(200);
    expect(liveRegion(next).textContent).toBe('');

    sim.push({ sourceType: 'AGENT', content: 'After the reload', senderNickname: 'Sam' }, userId);
    await expect.poll(() => liveRegion(next).textContent).toBe('Agent Sam: After the reload');
  });

  it('does not announce the visitor’s own messages', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    const region = liveRegion(el);
    const announced: string[] = [];
    const observer = new MutationObserver(() => announced.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    el.send('Talk to me');
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
    await el.updateComplete;
    observer.disconnect();
    expect(announced.at(-1)).toMatch(/^Virtual Assistant: Sorry, I didn't understand that/);
    expect(announced.filter((text) => text.includes('Talk to me'))).toEqual([]);
  });
});
