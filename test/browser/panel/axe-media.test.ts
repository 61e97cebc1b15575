import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import { SAMPLE_PNG } from '../../../src/simulator/sample-media-data';
import { messages, mountChat, openAndGreet, part, requirePart, sim, uniqueUser, useChatFixture } from '../support/chat';

// axe-core finds no violation with files in the transcript: an agent's image, audio, video and PDF, a failed file,
// the visitor's photo, a refusal under the composer, and the full-size viewer; in the light and the dark scheme.

useChatFixture();

async function violations(el: CcChat): Promise<string[]> {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  const result = await axe.run(el, { rules: { region: { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function withMedia(): Promise<CcChat> {
  const userId = uniqueUser();
  const el = await mountChat({ userId });
  await openAndGreet(el);
  for (const kind of ['image', 'audio', 'video', 'pdf'] as const) sim.agentSendsFile(kind, userId);
  sim.push({ sourceType: 'AGENT', mediaType: 'IMAGE', content: 'missing', mediaFileType: 'jpg', senderNickname: 'Alex' }, userId);
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('.file-input')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([Uint8Array.from(atob(SAMPLE_PNG), (c) => c.charCodeAt(0))], 'photo.png', { type: 'image/png' }));
  transfer.items.add(new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await expect
    .poll(() => messages(el).flatMap((m) => [...m.querySelectorAll<HTMLElement>('[part~="media"]')].map((n) => n.dataset.mediaState)).sort())
    .toEqual(['failed', 'ready', 'ready', 'ready', 'ready', 'ready']);
  await expect.poll(() => messages(el, 'CUSTOMER')[0]?.dataset.status).toBe('sent');
  expect(part(el, 'attach-error')).not.toBeNull();
  return el;
}

describe('axe, with files', () => {
  it('in the transcript and under the composer', async () => {
    const el = await withMedia();
    expect(await violations(el)).toEqual([]);
  });

  it('in the full-size viewer', async () => {
    const el = await withMedia();
    requirePart(el, 'media-open').click();
    await expect.poll(() => (part(el, 'media-dialog') as HTMLDialogElement).open).toBe(true);
    expect(await violations(el)).toEqual([]);
  });

  it('in the dark colour scheme', async () => {
    const session = cdp();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    try {
      const el = await withMedia();
      expect(await violations(el)).toEqual([]);
    } finally {
      await session.send('Emulation.setEmulatedMedia', { features: [] });
    }
  });
});
