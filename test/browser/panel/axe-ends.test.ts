import axe from 'axe-core';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { messages, mountChat, openAndGreet, part, requirePart, uniqueUser, useChatFixture } from '../support/chat';

// axe over the states issue 14 added beside the survey and the leave-a-message form (their own files run axe):
// the FAQ suggestions, a robot answer's thumbs and its "what was wrong" form, and the header's download button.

useChatFixture();

it('axe finds no violation with FAQ suggestions, a thumbs down being explained and the download button', async () => {
  const el = await mountChat({ userId: uniqueUser(), attrs: { 'read-receipts': '' } });
  await openAndGreet(el);
  (requirePart(el, 'input') as HTMLTextAreaElement).focus();
  await userEvent.keyboard('how do');
  await expect.poll(() => part(el, 'faq')).toBeTruthy();
  await userEvent.click(messages(el, 'ROBOT')[0]!.querySelector<HTMLElement>('[part~="feedback-down"]')!);
  await expect.poll(() => part(el, 'feedback-comment')).toBeTruthy();
  expect(part(el, 'download-button')).toBeTruthy();
  const results = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa'] });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
});
