import { describe, expect, it } from 'vitest';
import { mountCall, part, useCallFixture, waitForCall } from './helpers';

// The call bar can show before the panel's code was ever loaded (startCall with the panel closed): its round and
// pill buttons and its colours come from sheets the element itself adopts (src/core/buttons.ts, theme.ts), not
// from the panel's.

useCallFixture();

describe('the call bar without the panel', () => {
  it('has its round and pill buttons and the themed colours', async () => {
    const { el } = await mountCall({ attrs: { style: '--cc-chat-hangup: rgb(90, 0, 0); --cc-chat-border: rgb(1, 2, 3)' } });
    await el.startCall();
    await waitForCall(el, 'connected');
    // The panel's sheets are not there (they come with its code).
    const selectors = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) =>
      Array.from(sheet.cssRules, (rule) => (rule instanceof CSSStyleRule ? rule.selectorText : '')),
    );
    expect(selectors.some((selector) => selector.includes('send-button'))).toBe(false);
    expect(selectors.some((selector) => selector.includes('hangup-button'))).toBe(true);
    const hangUp = getComputedStyle(part(el, 'hangup-button')!);
    expect(hangUp.borderTopLeftRadius).toBe('999px');
    expect(hangUp.backgroundColor).toBe('rgb(90, 0, 0)');
    expect(getComputedStyle(part(el, 'call')!).borderTopColor).toBe('rgb(1, 2, 3)');
    const icon = getComputedStyle(part(el, 'call')!.querySelector('.call-icon')!);
    expect([icon.borderTopLeftRadius, icon.width]).toEqual(['50%', '32px']);

    part(el, 'hangup-button')!.click();
    await waitForCall(el, 'ended');
    const dismiss = getComputedStyle(part(el, 'call-dismiss-button')!);
    expect([dismiss.borderTopLeftRadius, dismiss.width, dismiss.backgroundColor]).toEqual(['50%', '32px', 'rgba(0, 0, 0, 0)']);
  });
});
