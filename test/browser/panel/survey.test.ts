import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  isShown,
  messages,
  mountChat,
  openAndGreet,
  part,
  recordEvents,
  reload,
  requestUser,
  requirePart,
  sends,
  sim,
  sleep,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// The satisfaction survey at the end of a conversation with an agent: shown once per conversation, the tenant's
// levels and questions, saveSatisfaction once, skippable, failures said and retried, and "End chat" sending
// DISCONNECT after it.

useChatFixture();

function saves(userId: string) {
  return sim.requests.filter((r) => r.operation === 'saveSatisfaction' && requestUser(r) === userId);
}

/** The survey settings asked in this test (the request names no visitor: it carries only the language). */
function surveyModes() {
  return sim.requests.filter((r) => r.operation === 'getSatisfactionSurveyMode');
}

/** A visitor talking with an agent. */
async function withAgent(): Promise<{ el: CcChat; userId: string }> {
  const userId = uniqueUser();
  const el = await mountChat({ userId });
  await openAndGreet(el);
  sim.push({ sourceType: 'AGENT', senderNickname: 'Sam', content: 'Hi, Sam here.' }, userId);
  await expect.poll(() => messages(el, 'AGENT').length).toBe(1);
  return { el, userId };
}

function radio(el: CcChat, name: string, value: string): HTMLInputElement {
  const input = requirePart(el, 'survey').querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (!input) throw new Error(`no ${name} choice ${value}`);
  return input;
}

describe('the survey', () => {
  it('after the agent ends the chat while the panel is closed: opening it again shows the end and the survey, not a new chat', async () => {
    const { el, userId } = await withAgent();
    el.close();
    sim.agentDisconnects(userId);
    await waitForState(el, 'ended');
    el.show();
    await expect.poll(() => part(el, 'survey')).toBeTruthy();
    await sleep(300);
    expect(el.connectionState).toBe('ended');
    expect(sends('CONNECT', undefined, userId)).toHaveLength(1);
    expect(messages(el, 'AGENT').some((m) => m.textContent?.includes('Hi, Sam here.'))).toBe(true);
    // A new conversation starts when the visitor asks for one, after the survey.
    await userEvent.click(requirePart(el, 'survey-skip'));
    await expect.poll(() => isShown(part(el, 'new-button'))).toBe(true);
    requirePart(el, 'new-button').click();
    await waitForState(el, 'connected');
    expect(sends('CONNECT', undefined, userId)).toHaveLength(2);
  });

  it('after the agent ends the chat: the tenant levels, a comment, saved once, cc-survey fired, not asked again after a reload', async () => {
    const { el, userId } = await withAgent();
    const events = recordEvents(el);
    sim.agentDisconnects(userId);
    await waitForState(el, 'ended');
    await expect.poll(() => part(el, 'survey')).toBeTruthy();
    const survey = requirePart(el, 'survey');
    expect(survey.querySelector('h3')?.textContent).toBe('How was your chat?');
    expect([...survey.querySelectorAll<HTMLInputElement>('input[name="rating"]')].map((i) => i.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(part(el, 'new-button')).toBeNull(); // the survey first

    // Submitting with no rating says what is missing and sends nothing.
    await userEvent.click(requirePart(el, 'survey-submit'));
    expect(survey.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Choose a rating first.');
    expect(saves(userId)).toHaveLength(0);

    await userEvent.click(radio(el, 'rating', '4'));
    await userEvent.fill(survey.querySelector('textarea')!, 'Quick and kind.');
    await userEvent.click(requirePart(el, 'survey-submit'));
    await expect.poll(() => part(el, 'survey')?.textContent?.trim()).toBe('Thank you for your feedback.');
    expect(saves(userId).map((r) => r.body)).toEqual([expect.objectContaining({ evaluation: '4', comment: 'Quick and kind.' })]);
    expect(events.of('cc-survey')).toEqual([{ evaluation: '4', comment: 'Quick and kind.' }]);
    expect(isShown(part(el, 'new-button'))).toBe(true);

    const again = await reload(el, { open: true });
    await sleep(300);
    expect(part(again, 'survey')).toBeNull();
    expect(surveyModes()).toHaveLength(1);
    expect(saves(userId)).toHaveLength(1);
  });

  it('"End chat" with an agent: the survey first, DISCONNECT after it is skipped', async () => {
    const { el, userId } = await withAgent();
    await userEvent.click(requirePart(el, 'end-button'));
    await expect.poll(() => part(el, 'survey')).toBeTruthy();
    expect(el.connectionState).toBe('connected');
    expect(sends('DISCONNECT', undefined, userId)).toHaveLength(0);
    await userEvent.click(requirePart(el, 'survey-skip'));
    await waitForState(el, 'ended');
    await expect.poll(() => sends('DISCONNECT', undefined, userId).length).toBe(1);
    expect(part(el, 'survey')).toBeNull();
    expect(saves(userId)).toHaveLength(0);
  });

  it('NPS and FCR when the tenant asks them, with the keyboard; a failed save says so and is tried again', async () => {
    sim.configure({ surveyQuestions: ['NPS', 'FCR'] });
    const { el, userId } = await withAgent();
    sim.agentDisconnects(userId);
    await expect.poll(() => part(el, 'survey')).toBeTruthy();
    radio(el, 'rating', '5').focus();
    await userEvent.keyboard(' ');
    await userEvent.click(radio(el, 'nps', '9'));
    await userEvent.click(radio(el, 'fcr', '1'));
    sim.fault({ kind: 'status', status: 500, on: 'saveSatisfaction', userId });
    await userEvent.click(requirePart(el, 'survey-submit'));
    await expect.poll(() => requirePart(el, 'survey').querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Your rating could not be sent. Please try again.',
    );
    await userEvent.click(requirePart(el, 'survey-submit'));
    await expect.poll(() => part(el, 'survey')?.textContent?.trim()).toBe('Thank you for your feedback.');
    const bodies = saves(userId).map((r) => r.body);
    expect(bodies.at(-1)).toEqual(expect.objectContaining({ evaluation: '5', npsScore: 9, fcrValue: 1 }));
    expect(bodies).toHaveLength(2); // the failed one and the retry
  });

  it('on a short screen, moving through the choices scrolls the survey, never the panel: the header stays in view', async () => {
    sim.configure({ surveyQuestions: ['NPS', 'FCR'] });
    const { el, userId } = await withAgent();
    sim.agentDisconnects(userId);
    await expect.poll(() => part(el, 'survey')).toBeTruthy();
    const panel = requirePart(el, 'panel');
    panel.style.height = '300px'; // a phone held sideways
    await userEvent.click(radio(el, 'rating', '1')); // the further questions come with a rating
    for (const [name, value] of [['rating', '5'], ['nps', '9'], ['fcr', '2']] as const) {
      radio(el, name, value).focus();
      expect(panel.scrollTop, `${name} ${value}`).toBe(0);
      expect(requirePart(el, 'header').getBoundingClientRect().top).toBeGreaterThanOrEqual(panel.getBoundingClientRect().top);
    }
    // The choice itself was brought into view, inside the survey's own scroll.
    const last = radio(el, 'fcr', '2').getBoundingClientRect();
    expect(last.bottom).toBeLessThanOrEqual(panel.getBoundingClientRect().bottom + 1);
  });

  it('no survey after a robot conversation, nor when the tenant has none', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    await userEvent.click(requirePart(el, 'end-button'));
    await waitForState(el, 'ended');
    await sleep(200);
    expect(part(el, 'survey')).toBeNull();
    expect(surveyModes()).toHaveLength(0);

    sim.configure({ surveyType: 'NO' });
    const other = await withAgent();
    sim.agentDisconnects(other.userId);
    await waitForState(other.el, 'ended');
    await expect.poll(() => surveyModes().length).toBe(1);
    await sleep(200);
    expect(part(other.el, 'survey')).toBeNull();
    expect(isShown(part(other.el, 'new-button'))).toBe(true);
  });

  it('axe finds no violation in the open survey', async () => {
    sim.configure({ surveyQuestions: ['NPS', 'FCR'] });
    const { el, userId } = await withAgent();
    sim.agentDisconnects(userId);
    await expect.poll(() => part(el, 'survey')).toBeTruthy();
    const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa'] });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});
