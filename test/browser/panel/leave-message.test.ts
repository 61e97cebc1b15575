import axe from 'axe-core';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  isShown,
  mountChat,
  noticeText,
  openAndGreet,
  part,
  requirePart,
  sends,
  sim,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';
import { worker } from '../support/simulator';

// Leaving a message when nobody can answer: offered when CONNECT or TRANS2AGENT is refused with 12 or 13, when the
// conversation went offline, or when the visitor asks; checked in the browser; doLeaveMessage once; the server's
// refusal in words.

useChatFixture();

function left(userId: string) {
  return sim.requests.filter((r) => r.operation === 'doLeaveMessage' && (r.body as { callId?: string }).callId === userId);
}

function form(el: CcChat) {
  const root = requirePart(el, 'leave-message');
  return {
    root,
    phone: root.querySelector<HTMLInputElement>('input[type="tel"]')!,
    text: root.querySelector('textarea')!,
    problem: () => root.querySelector('[role="alert"]')?.textContent?.trim() ?? '',
  };
}

describe('leaving a message', () => {
  it('after "Talk to a person" answered 12: the form, checked in the browser, then doLeaveMessage once', async () => {
    sim.configure({ agentAvailability: 'outside-hours' });
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    await userEvent.click(requirePart(el, 'agent-button'));
    await expect.poll(() => part(el, 'leave-message')).toBeTruthy();
    expect(noticeText(el)).toBe('Our agents are not available right now. Please try again during working hours.');
    expect(isShown(part(el, 'input'))).toBe(true); // the robot is still there

    const f = form(el);
    await userEvent.click(requirePart(el, 'leave-message-submit'));
    expect(f.problem()).toBe('Enter a phone number we can call back (digits, spaces, + ( ) -).');
    expect(f.phone.getAttribute('aria-invalid')).toBe('true');
    await userEvent.fill(f.phone, '+49 30 1234567');
    await userEvent.click(requirePart(el, 'leave-message-submit'));
    expect(form(el).problem()).toBe('Write your message.');
    expect(left(userId)).toHaveLength(0);

    await userEvent.fill(form(el).text, 'Please call me about order 1234.');
    await userEvent.click(requirePart(el, 'leave-message-submit'));
    await expect.poll(() => part(el, 'leave-message')?.textContent?.trim()).toBe('Thank you. We will call you back.');
    expect(left(userId).map((r) => r.body)).toEqual([
      { callId: userId, caller: '+49 30 1234567', leaveMessage: 'Please call me about order 1234.', channel: 'WEB' },
    ]);
  });

  it('after a CONNECT refused with 13, and the server\'s refusal in words', async () => {
    const userId = uniqueUser();
    worker.use(
      http.post(/\/ccmessaging\/send$/, () => HttpResponse.json({ resultCode: '13', resultDesc: 'No ccucs address available!' })),
    );
    const el = await mountChat({ userId });
    el.show();
    await waitForState(el, 'error');
    await expect.poll(() => part(el, 'leave-message')).toBeTruthy();
    expect(noticeText(el)).toBe('No agent can take your chat right now.');
    worker.use(http.post(/\/doLeaveMessage$/, () => HttpResponse.json({ returnCode: '3', resultDesc: 'the leaveMessageParams is error.' }), { once: true }));
    await userEvent.fill(form(el).phone, '555 0100');
    await userEvent.fill(form(el).text, 'Call me');
    await userEvent.click(requirePart(el, 'leave-message-submit'));
    await expect.poll(() => form(el).problem()).toBe('The phone number or the message was not accepted. Please check them.');
    await userEvent.click(requirePart(el, 'leave-message-submit'));
    await expect.poll(() => part(el, 'leave-message')?.textContent?.trim()).toBe('Thank you. We will call you back.');
  });

  it('the visitor may choose it after a conversation ended, and a new conversation puts it away', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    await userEvent.click(requirePart(el, 'end-button'));
    await waitForState(el, 'ended');
    expect(part(el, 'leave-message')).toBeNull();
    await userEvent.click(requirePart(el, 'leave-message-button'));
    await expect.poll(() => part(el, 'leave-message')).toBeTruthy();
    expect(el.shadowRoot!.activeElement).toBe(form(el).phone);
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa'] });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    await userEvent.click(requirePart(el, 'new-button'));
    await waitForState(el, 'connected');
    expect(part(el, 'leave-message')).toBeNull();
    expect(sends('CONNECT', undefined, userId)).toHaveLength(2);
  });
});
