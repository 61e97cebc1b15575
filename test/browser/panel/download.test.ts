import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { messages, mountChat, openAndGreet, part, requirePart, sim, uniqueUser, useChatFixture } from '../support/chat';

// The header's download button: the conversation as a text file, made in the browser with no request.

useChatFixture();

afterEach(() => vi.restoreAllMocks());

describe('downloading the conversation', () => {
  it('saves every message as a line of text, with no request, from a blob: link that is revoked', async () => {
    const userId = uniqueUser();
    const el = await mountChat({ userId });
    expect(part(el, 'download-button')).toBeNull();
    await openAndGreet(el);
    el.send('Where is my order?');
    sim.push({ sourceType: 'AGENT', senderNickname: 'Sam', content: 'It ships today.' }, userId);
    sim.push({ sourceType: 'AGENT', senderNickname: 'Sam', mediaType: 'FILE', content: 'invoice.pdf,2048,key,pdf' }, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(2);
    await expect.poll(() => messages(el, 'ROBOT').length).toBe(2); // the robot's answer too
    // The file's own download (it is in view) is done before the transcript's is asked for.
    await expect
      .poll(() => messages(el, 'AGENT')[1]?.querySelector<HTMLElement>('[part~="media"]')?.dataset.mediaState)
      .toBe('failed');

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const requests = sim.requests.length;
    await userEvent.click(requirePart(el, 'download-button'));

    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toMatch(/^chat-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(clicked[0].isConnected).toBe(false); // removed after use
    const text = await blobs[0].text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('Chat with us');
    const said = lines.slice(2).map((line) => line.replace(/^\[[^\]]+\] /, ''));
    expect(lines.slice(2).every((line) => /^\[[^\]]+\] /.test(line))).toBe(true); // each with its time
    expect(said).toHaveLength(5);
    expect(said.slice(0, 2)).toEqual([expect.stringMatching(/^Virtual Assistant: Hello/), 'You: Where is my order?']);
    expect(said).toEqual(expect.arrayContaining(['Agent Sam: It ships today.', 'Agent Sam: File: invoice.pdf']));
    expect(blobs[0].type).toBe('text/plain;charset=utf-8');
    await expect.poll(() => revoked.mock.calls.length, { timeout: 3000 }).toBe(1);
    // The conversation's polls go on; nothing else was asked for the file.
    expect(sim.requests.slice(requests).map((r) => r.operation).filter((op) => op !== 'poll')).toEqual([]);
  });
});
