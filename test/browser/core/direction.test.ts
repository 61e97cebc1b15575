import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { mountChat, openAndGreet, part, parts, requirePart, useChatFixture } from '../support/chat';

// Right-to-left pages and text: the widget mirrors with the page, and text of either direction is laid out
// by its own direction (an English time on an Arabic page, Arabic typed on an English page).

useChatFixture();

let container: HTMLElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
});

function rtlPage(): HTMLElement {
  container = document.createElement('div');
  container.dir = 'rtl';
  document.body.append(container);
  return container;
}

describe('direction', () => {
  it('on a right-to-left page: times stay left-to-right, the send arrow points left', async () => {
    const el = await mountChat({ parent: rtlPage(), attrs: { position: 'left', locale: 'en-US' } });
    await openAndGreet(el);
    expect(getComputedStyle(requirePart(el, 'panel')).direction).toBe('rtl');
    const time = parts(el, 'time')[0]!;
    expect(time.textContent).toMatch(/AM|PM/);
    expect(getComputedStyle(time).direction).toBe('ltr');
    const arrow = requirePart(el, 'send-button').querySelector('svg')!;
    expect(getComputedStyle(arrow).transform).toBe('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('on a left-to-right page: Arabic typed in the message box runs right to left; the arrow points right', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    const input = requirePart(el, 'input') as HTMLTextAreaElement;
    expect(getComputedStyle(input).direction).toBe('ltr');
    await userEvent.type(input, 'مرحبا');
    expect(getComputedStyle(input).direction).toBe('rtl');
    expect(getComputedStyle(part(el, 'send-button')!.querySelector('svg')!).transform).toBe('none');
  });
});
