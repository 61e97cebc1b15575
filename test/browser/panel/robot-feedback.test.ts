import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import { messages, mountChat, openAndGreet, reload, sim, uniqueUser, useChatFixture } from '../support/chat';

// Thumbs up or down on a robot answer (feedbacksatisfaction): one vote per answer, shown as given, a thumbs down
// asks what was wrong, and a reload shows the votes as given.

useChatFixture();

const votes = () => sim.requests.filter((r) => r.operation === 'feedbacksatisfaction').map((r) => r.body);
const control = (el: CcChat, index: number, part: string) =>
  messages(el, 'ROBOT')[index]!.querySelector<HTMLElement>(`[part~="${part}"]`)!;

describe('robot feedback', () => {
  it('thumbs up once, shown as given; thumbs down asks what was wrong first; kept across a reload', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    el.send('When are you open?');
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);

    await userEvent.click(control(el, 0, 'feedback-up'));
    await expect.poll(() => control(el, 0, 'feedback-up').getAttribute('aria-pressed')).toBe('true');
    expect(control(el, 0, 'feedback-up').hasAttribute('disabled')).toBe(true);
    expect(control(el, 0, 'feedback-down').hasAttribute('disabled')).toBe(true);
    await expect.poll(() => votes()).toEqual([expect.objectContaining({ feedback: 1, from: userId, interIdx: expect.any(String) })]);
    await expect.poll(() => messages(el, 'ROBOT')[0]!.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Thanks for your feedback.',
    );

    await userEvent.click(control(el, 1, 'feedback-down'));
    await expect.poll(() => control(el, 1, 'feedback-comment')).toBeTruthy();
    await userEvent.click(control(el, 1, 'feedback-send'));
    await expect.poll(() => messages(el, 'ROBOT')[1]!.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Tell us briefly what was wrong.',
    );
    expect(votes()).toHaveLength(1);
    await userEvent.fill(control(el, 1, 'feedback-comment'), 'Not what I asked');
    await userEvent.click(control(el, 1, 'feedback-send'));
    await expect.poll(() => control(el, 1, 'feedback-down').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => votes().length).toBe(2);
    expect(votes()[1]).toEqual(expect.objectContaining({ feedback: 0, feedbackContent: 'Not what I asked' }));
    expect(votes()[0]).not.toEqual(expect.objectContaining({ interIdx: (votes()[1] as { interIdx: string }).interIdx }));

    const again = await reload(el, { open: true });
    await expect.poll(() => messages(again, 'ROBOT').length).toBe(2);
    expect(control(again, 0, 'feedback-up').getAttribute('aria-pressed')).toBe('true');
    expect(control(again, 1, 'feedback-down').getAttribute('aria-pressed')).toBe('true');
    expect(votes()).toHaveLength(2);
  });
});
