import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { cdp } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  messages,
  mountChat,
  noticeText,
  openAndGreet,
  part,
  requirePart,
  sim,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';

// axe-core finds no violation in any state of the widget.

useChatFixture();

async function violations(el: CcChat): Promise<string[]> {
  await el.updateComplete;
  // The panel fades in: colours measured mid-animation would be blends.
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  const result = await axe.run(el, {
    // Landmarks are the host page's business: the widget is a fragment of someone else's page.
    rules: { region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('axe', () => {
  it('closed', async () => {
    const el = await mountChat();
    expect(await violations(el)).toEqual([]);
  });

  it('closed, with the unread badge', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    el.connect();
    await waitForState(el, 'connected');
    sim.robotSays('Are you there?', undefined, userId);
    await expect.poll(() => part(el, 'badge')?.textContent).toBe('2');
    expect(await violations(el)).toEqual([]);
  });

  it('open, with the robot (suggestions, links, sent and failed messages)', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    el.send('What are your opening hours?');
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
    sim.robotSays('Details on https://example.com/hours', undefined, userId);
    sim.fault({ kind: 'status', status: 500, on: 'send', userId });
    el.send('This one fails');
    await expect.poll(() => messages(el, 'CUSTOMER').map((m) => m.dataset.status)).toEqual(['sent', 'failed']);
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(3);
    expect(await violations(el)).toEqual([]);
  });

  it('queued for an agent', async () => {
    sim.configure({ queueLength: 3, queueStepMs: 10_000 });
    const el = await mountChat();
    await openAndGreet(el);
    requirePart(el, 'agent-button').click();
    await expect.poll(() => part(el, 'queue')?.textContent ?? '').toContain('You are number 3 in the queue');
    expect(await violations(el)).toEqual([]);
  });

  it('with an agent', async () => {
    sim.configure({ queueLength: 0 });
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    await openAndGreet(el);
    requirePart(el, 'agent-button').click();
    await expect.poll(() => messages(el, 'AGENT').length, { timeout: 3000 }).toBe(1);
    sim.push({ sourceType: 'AGENT', mediaType: 'FILE', content: 'invoice.pdf,2048,obj-1,pdf', senderNickname: 'Alex' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(2);
    expect(await violations(el)).toEqual([]);
  });

  it('with an error notice', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    sim.fault({ kind: 'status', status: 404, count: 1000 });
    const el = await mountChat();
    el.show();
    await waitForState(el, 'error');
    await el.updateComplete;
    expect(noticeText(el)).toMatch(/base URL/);
    expect(await violations(el)).toEqual([]);
  });

  it('open, in the dark colour scheme', async () => {
    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    try {
      expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true);
      const el = await mountChat();
      await openAndGreet(el);
      el.send('Hello in the dark');
      await expect.poll(() => messages(el, 'ROBOT').length).toBe(2);
      expect(await violations(el)).toEqual([]);
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [] });
    }
  });

  it('ended', async () => {
    const el = await mountChat();
    await openAndGreet(el);
    await el.disconnect();
    await el.updateComplete;
    expect(part(el, 'new-button')).not.toBeNull();
    expect(await violations(el)).toEqual([]);
  });
});
