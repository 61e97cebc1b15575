import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CcChat } from '../../../src/core/cc-chat';
import {
  messages,
  mountChat,
  openAndGreet,
  part,
  recordWire,
  sim,
  uniqueUser,
  useChatFixture,
} from '../support/chat';

// Files from the contact center, as the visitor gets them: fetched with downloadFileStream when shown, decoded into
// a blob: URL, and shown as what they are (an image that opens full size, players, a download link).

useChatFixture();

async function connected(attrs: Record<string, string> = {}): Promise<{ el: CcChat; userId: string }> {
  const userId = uniqueUser();
  const el = await mountChat({ userId, attrs });
  await openAndGreet(el);
  return { el, userId };
}

function media(el: CcChat): HTMLElement[] {
  return messages(el, 'AGENT').map((m) => m.querySelector<HTMLElement>('[part~="media"]')!);
}

/** The downloads so far (the simulator is reset for each test, whose one visitor makes them all). */
function downloads() {
  return sim.requests.filter((r) => r.operation === 'downloadFileStream');
}

async function imageLoaded(img: HTMLImageElement | null): Promise<void> {
  await expect.poll(() => img?.complete && img.naturalWidth).toBe(360);
}

describe('received files', () => {
  it('an image is fetched by its content (media library), decoded into a blob: URL and shown inline with alt text', async () => {
    const { el, userId } = await connected();
    sim.agentSendsFile('image', userId);
    await expect.poll(() => media(el)[0]?.dataset.mediaState).toBe('ready');
    const img = media(el)[0].querySelector<HTMLImageElement>('[part~="media-image"]');
    expect(img!.src).toMatch(/^blob:/);
    expect(img!.alt).toBe('Image from Alex');
    await imageLoaded(img);
    expect(downloads().map((r) => r.body)).toEqual([{ fileId: 'sim-media/parcel-photo', channel: 'WEB', fileType: 'png', multiMedia: 'multiMedia' }]);
  });

  it('audio and video play in the browser’s own players; a local PDF is a download link with its name and size', async () => {
    const { el, userId } = await connected();
    sim.agentSendsFile('audio', userId);
    sim.agentSendsFile('video', userId);
    sim.agentSendsFile('pdf', userId);
    await expect.poll(() => media(el).map((m) => m?.dataset.mediaState)).toEqual(['ready', 'ready', 'ready']);
    const [audio, video, pdf] = media(el);
    const player = audio.querySelector<HTMLAudioElement>('audio[part~="media-audio"]')!;
    expect(player.controls).toBe(true);
    expect(player.src).toMatch(/^blob:/);
    await expect.poll(() => player.readyState >= 1 && player.duration > 1).toBe(true);
    const clip = video.querySelector<HTMLVideoElement>('video[part~="media-video"]')!;
    expect(clip.src).toMatch(/^blob:/);
    await expect.poll(() => clip.readyState >= 1 && clip.videoWidth).toBe(240);
    const link = pdf.querySelector<HTMLAnchorElement>('a[part~="media-download"]')!;
    expect(link.getAttribute('download')).toBe('returns-label.pdf');
    expect(link.href).toMatch(/^blob:/);
    expect(link.textContent).toContain('returns-label.pdf');
    expect(link.textContent).toMatch(/PDF · \d+(\.\d)? KB|PDF · \d+ B/);
    const bytes = await (await fetch(link.href)).text();
    expect(bytes.startsWith('%PDF-1.4')).toBe(true);
    // The local file: `local/` + content, with its mediaFileType.
    const pdfRequest = downloads().find((r) => (r.body as { fileId: string }).fileId.startsWith('local/'));
    expect(pdfRequest?.body).toEqual({ fileId: 'local/docs/returns-label.pdf', channel: 'WEB', fileType: 'pdf' });
  });

  it('fetches at most two files at once, and a file two messages name only once', async () => {
    const { el, userId } = await connected();
    const wire = recordWire();
    sim.fault({ kind: 'delay', ms: 250, on: 'downloadFileStream', count: 4 });
    for (const kind of ['image', 'audio', 'video', 'pdf', 'image'] as const) sim.agentSendsFile(kind, userId);
    await expect.poll(() => media(el).length).toBe(5);
    await expect.poll(() => media(el).every((m) => m.dataset.mediaState === 'ready'), { timeout: 5000 }).toBe(true);
    expect(wire.maxInFlight('downloadFileStream')).toBe(2);
    expect(downloads()).toHaveLength(4);
    const [first, , , , again] = media(el).map((m) => m.querySelector('img')?.src);
    expect(again).toBe(first);
  });

  it('a failed download says so plainly, and Retry fetches it again', async () => {
    const { el, userId } = await connected();
    sim.fault({ kind: 'status', status: 500, on: 'downloadFileStream' });
    sim.agentSendsFile('image', userId);
    await expect.poll(() => media(el)[0]?.dataset.mediaState).toBe('failed');
    expect(media(el)[0].querySelector('[part~="media-status"]')!.textContent).toBe('This file could not be loaded.');
    const retry = media(el)[0].querySelector<HTMLButtonElement>('[part~="media-retry"]')!;
    expect(retry.textContent).toBe('Retry');
    retry.click();
    await expect.poll(() => media(el)[0]?.dataset.mediaState).toBe('ready');
    await imageLoaded(media(el)[0].querySelector('img'));
  });

  it('an unknown file (resultCode 401) fails the same way, and the chat goes on', async () => {
    const { el, userId } = await connected();
    sim.push({ sourceType: 'AGENT', mediaType: 'IMAGE', content: 'no-such-file', mediaFileType: 'jpg', senderNickname: 'Alex' }, userId);
    await expect.poll(() => media(el)[0]?.dataset.mediaState).toBe('failed');
    expect(el.connectionState).toBe('connected');
  });

  it('a file over max-file-size says so: a FILE that names its size is not even asked for', async () => {
    const { el, userId } = await connected({ 'max-file-size': '1000' });
    sim.agentSendsFile('image', userId);
    sim.push({ sourceType: 'AGENT', mediaType: 'FILE', content: 'big.csv,5000000,obj-1,csv', senderNickname: 'Alex' }, userId);
    await expect.poll(() => media(el).map((m) => m?.dataset.mediaState)).toEqual(['too-large', 'too-large']);
    expect(media(el)[0].textContent).toContain('This file is larger than 1000 B, so it is not shown.');
    expect(media(el)[1].textContent).toContain('big.csv');
    expect(downloads()).toHaveLength(1);
  });
});

describe('the transcript with files', () => {
  it('stays at the end when an image and a video take their height after loading', async () => {
    const { el, userId } = await connected();
    for (let i = 0; i < 8; i += 1) sim.agentSays(`Line ${i} of a long answer`, userId);
    await expect.poll(() => messages(el, 'AGENT').length).toBe(8);
    sim.agentSendsFile('image', userId);
    sim.agentSendsFile('video', userId);
    const files = () => media(el).filter((m): m is HTMLElement => !!m);
    await expect.poll(() => files().filter((m) => m.dataset.mediaState === 'ready').length).toBe(2);
    await imageLoaded(files()[0].querySelector<HTMLImageElement>('[part~="media-image"]'));
    const video = files()[1].querySelector('video')!;
    await expect.poll(() => video.readyState).toBeGreaterThan(0);
    const transcript = part(el, 'transcript')!;
    expect(transcript.scrollHeight).toBeGreaterThan(transcript.clientHeight);
    await expect.poll(() => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).toBeLessThan(2);
  });
});

describe('the image viewer', () => {
  async function withImage() {
    const ctx = await connected();
    sim.agentSendsFile('image', ctx.userId);
    await expect.poll(() => media(ctx.el)[0]?.dataset.mediaState).toBe('ready');
    const button = media(ctx.el)[0].querySelector<HTMLButtonElement>('[part~="media-open"]')!;
    return { ...ctx, button };
  }

  it('Enter on the image opens it full size in a modal dialog with the focus on Close; Escape closes only the dialog', async () => {
    const { el, button } = await withImage();
    button.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = part(el, 'media-dialog') as HTMLDialogElement;
    await expect.poll(() => dialog.open).toBe(true);
    expect(dialog.matches(':modal')).toBe(true);
    expect(dialog.getAttribute('aria-label')).toBe('Image from Alex');
    const full = dialog.querySelector<HTMLImageElement>('[part~="media-dialog-image"]')!;
    expect(full.src).toBe(button.querySelector('img')!.src);
    expect(el.shadowRoot!.activeElement).toBe(part(el, 'media-dialog-close'));
    // The focus goes round inside the dialog.
    await userEvent.keyboard('{Tab}');
    expect(el.shadowRoot!.activeElement).toBe(part(el, 'media-dialog-download'));
    await userEvent.keyboard('{Tab}');
    expect(el.shadowRoot!.activeElement).toBe(part(el, 'media-dialog-close'));
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(el.shadowRoot!.activeElement).toBe(part(el, 'media-dialog-download'));
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => dialog.open).toBe(false);
    expect(el.open).toBe(true);
    await expect.poll(() => el.shadowRoot!.activeElement).toBe(button);
  });

  it('a click opens it; the close button and a click beside the image close it', async () => {
    const { el, button } = await withImage();
    await userEvent.click(button);
    const dialog = part(el, 'media-dialog') as HTMLDialogElement;
    await expect.poll(() => dialog.open).toBe(true);
    expect((part(el, 'media-dialog-download') as HTMLAnchorElement).getAttribute('download')).toBe('image.png');
    (part(el, 'media-dialog-close') as HTMLButtonElement).click();
    await expect.poll(() => dialog.open).toBe(false);
    button.click();
    await expect.poll(() => dialog.open).toBe(true);
    dialog.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await expect.poll(() => dialog.open).toBe(false);
  });
});

describe('object URLs', () => {
  it('are revoked when the element is removed', async () => {
    const { el, userId } = await connected();
    sim.agentSendsFile('image', userId);
    await expect.poll(() => media(el)[0]?.dataset.mediaState).toBe('ready');
    const url = media(el)[0].querySelector('img')!.src;
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    el.remove();
    expect(revoke).toHaveBeenCalledWith(url);
  });

  it('are revoked when the message leaves the transcript (its limit)', async () => {
    const { el, userId } = await connected({ 'transcript-limit': '3' });
    sim.agentSendsFile('image', userId);
    await expect.poll(() => media(el)[0]?.dataset.mediaState).toBe('ready');
    const url = media(el)[0].querySelector('img')!.src;
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    for (const text of ['one', 'two', 'three']) sim.agentSays(text, userId);
    await expect.poll(() => revoke.mock.calls.map((c) => c[0])).toContain(url);
    expect(await fetch(url).then(() => 'read', () => 'gone')).toBe('gone');
  });
});
