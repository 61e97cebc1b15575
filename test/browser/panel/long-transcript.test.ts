import { userEvent } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import type { CcChat } from '../../../src/core/cc-chat';
import { WINDOW_PAGE } from '../../../src/panel/transcript-window';
import { messageText, messages, mountChat, openAndGreet, part, requirePart, sim, uniqueUser, useChatFixture, waitForState } from '../support/chat';

// A long transcript shows its newest page of messages; earlier ones come back a page at a time, from the
// "show earlier" button, without moving what the visitor is reading.

useChatFixture();

async function withBacklog(count: number): Promise<{ el: CcChat; userId: string }> {
  const userId = uniqueUser();
  const el = await mountChat({ userId });
  await openAndGreet(el);
  for (let n = 0; n < count; n++) {
    sim.push({ sourceType: 'AGENT', content: `Backlog ${n}`, messageCode: `backlog-${n}` }, userId);
  }
  await expect.poll(() => messageText(messages(el).at(-1)!), { timeout: 5000 }).toContain(`Backlog ${count - 1}`);
  await el.updateComplete;
  return { el, userId };
}

const shownTexts = (el: CcChat) => messages(el).map((m) => messageText(m));
/** Where a message is in the transcript's visible area (its layout box: new messages slide in with a transform). */
const offsetInView = (el: CcChat, message: HTMLElement) =>
  message.offsetTop - requirePart(el, 'transcript').scrollTop;

describe('a long transcript', () => {
  it('shows the newest page; "show earlier" adds a page above without moving the view, then the button goes', async () => {
    const { el } = await withBacklog(250); // with the greeting, 251 messages
    expect(messages(el)).toHaveLength(WINDOW_PAGE);
    expect(shownTexts(el).at(0)).toContain(`Backlog ${250 - WINDOW_PAGE}`);
    const transcript = requirePart(el, 'transcript');
    expect(transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).toBeLessThan(2); // at the end

    // The visitor scrolls up to the button, and clicks it.
    transcript.scrollTop = 0;
    // The second shown: the first may lose its sender line once the same sender's earlier messages are above it.
    const reading = messages(el)[1]!;
    const before = offsetInView(el, reading);
    await userEvent.click(requirePart(el, 'earlier-button'));
    await el.updateComplete;
    expect(messages(el)).toHaveLength(2 * WINDOW_PAGE);
    expect(Math.abs(offsetInView(el, reading) - before)).toBeLessThanOrEqual(1); // whole pixels

    // From the keyboard: the last page has everything left; focus stays in the transcript when the button goes.
    requirePart(el, 'earlier-button').focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    await el.updateComplete;
    expect(messages(el)).toHaveLength(251);
    // Everything kept is shown; the button stays for the history, which has nothing older: one more press asks it,
    // and the button goes, the focus staying in the transcript.
    const history = () => sim.requests.filter((r) => r.operation === 'queryHistoryChatMessage').length;
    const asked = history();
    requirePart(el, 'earlier-button').focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => part(el, 'earlier-button')).toBeNull();
    expect(history()).toBe(asked + 1);
    expect(messages(el)).toHaveLength(251);
    expect(el.shadowRoot!.activeElement).toBe(transcript);
    expect(shownTexts(el).slice(1)).toEqual(Array.from({ length: 250 }, (_, n) => expect.stringContaining(`Backlog ${n}`)));
  });

  it('at the end, new messages slide the page; scrolled up, what is shown stays', async () => {
    const { el, userId } = await withBacklog(120);
    const transcript = requirePart(el, 'transcript');
    for (let n = 0; n < 10; n++) sim.push({ sourceType: 'AGENT', content: `Then ${n}`, messageCode: `then-${n}` }, userId);
    await expect.poll(() => messageText(messages(el).at(-1)!)).toContain('Then 9');
    expect(messages(el)).toHaveLength(WINDOW_PAGE);
    expect(transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).toBeLessThan(2);

    transcript.scrollTop = transcript.scrollHeight / 2;
    transcript.dispatchEvent(new Event('scroll'));
    const firstShown = messageText(messages(el)[0]!);
    for (let n = 0; n < 10; n++) sim.push({ sourceType: 'AGENT', content: `Later ${n}`, messageCode: `later-${n}` }, userId);
    await expect.poll(() => messageText(messages(el).at(-1)!)).toContain('Later 9');
    expect(messageText(messages(el)[0]!)).toBe(firstShown);
    expect(messages(el)).toHaveLength(WINDOW_PAGE + 10);
  });
});

describe('a visitor who comes back', () => {
  it('"show earlier" brings the history of the earlier conversation above, in order, once, until it has no more', async () => {
    const userId = uniqueUser();
    const first = await mountChat({ userId });
    await openAndGreet(first);
    first.send('My first question');
    await expect.poll(() => messages(first, 'ROBOT').length).toBe(2);
    // The visitor comes back another day: a new tab (nothing in sessionStorage), the same customer ID.
    first.remove();
    sessionStorage.clear();
    const el = await mountChat({ userId });
    el.show();
    await waitForState(el, 'connected');
    el.send('Back again');
    await expect.poll(() => messages(el, 'CUSTOMER').length).toBe(1);
    await expect.poll(() => part(el, 'earlier-button')).toBeTruthy();
    await userEvent.click(requirePart(el, 'earlier-button'));
    await expect.poll(() => messages(el, 'CUSTOMER').length).toBe(2);
    const texts = shownTexts(el);
    const index = (text: string) => texts.findIndex((t) => t.includes(text));
    expect(index('My first question')).toBeGreaterThanOrEqual(0);
    expect(index('My first question')).toBeLessThan(index('Back again'));
    expect(texts.filter((t) => t.includes('My first question'))).toHaveLength(1);
    // The history had no more before it: the button goes.
    await expect.poll(() => part(el, 'earlier-button')).toBeNull();
  });
});
