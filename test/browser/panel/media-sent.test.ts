import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { UPLOAD_ACCEPT, uploadKind } from '../../../src/api/media';
import type { CcChat } from '../../../src/core/cc-chat';
import { SAMPLE_MP3, SAMPLE_MP4, SAMPLE_PNG } from '../../../src/simulator/sample-media-data';
import {
  messages,
  mountChat,
  openAndGreet,
  part,
  recordEvents,
  reload,
  requirePart,
  sends,
  sim,
  uniqueUser,
  useChatFixture,
  waitForState,
} from '../support/chat';
import { reportUploadProgress } from '../support/upload-progress';

// The visitor's files: picked, dropped or pasted; checked against what the API takes; shown at once with a preview;
// uploaded (base64) and sent with the matching mediaType, through the same outbox as text.

useChatFixture();

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function fileOf(name: string, type: string, bytes: Uint8Array | string): File {
  return new File([bytes as BlobPart], name, { type });
}

const photo = () => fileOf('broken-parcel.png', 'image/png', bytesOf(SAMPLE_PNG));

async function connected(attrs: Record<string, string> = {}): Promise<{ el: CcChat; userId: string }> {
  const userId = uniqueUser();
  const el = await mountChat({ userId, attrs });
  await openAndGreet(el);
  return { el, userId };
}

/** What choosing files in the picker does: the input's files change. */
async function choose(el: CcChat, ...files: File[]): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('.file-input')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

function mine(el: CcChat): HTMLElement[] {
  return messages(el, 'CUSTOMER');
}

function uploads(userId?: string) {
  return sim.requests.filter((r) => r.operation === 'uploadFileStream' && (userId === undefined || sim.sessions().some((s) => s.userId === userId)));
}

function fileSends(userId: string) {
  return sends('CHAT', undefined, userId).map((r) => {
    const body = r.body as { mediaType: string; content: string };
    return { mediaType: body.mediaType, content: body.content };
  });
}

describe('sending a file', () => {
  it('the attach button opens the composer’s file picker', async () => {
    const { el } = await connected();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('.file-input')!;
    expect(input.type).toBe('file');
    // The picker offers exactly what the API takes: its extensions, and MIME types the API's rules name a kind for.
    const accept = input.accept.split(',');
    expect(accept.filter((a) => a.startsWith('.')).join(',')).toBe(UPLOAD_ACCEPT);
    for (const type of accept.filter((a) => !a.startsWith('.'))) expect(uploadKind({ type }), type).not.toBeNull();
    const click = vi.spyOn(input, 'click').mockImplementation(() => undefined);
    const button = requirePart(el, 'attach-button');
    expect(button.getAttribute('aria-label')).toBe('Attach a file');
    button.click();
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('a photo shows at once with its preview while it uploads, then goes as IMAGE with the objectKey', async () => {
    const { el, userId } = await connected();
    const events = recordEvents(el);
    sim.fault({ kind: 'delay', ms: 300, on: 'uploadFileStream' });
    await choose(el, photo());
    await expect.poll(() => mine(el).length).toBe(1);
    const message = mine(el)[0];
    expect(message.dataset.status).toBe('pending');
    // Behind a service worker (MSW's) Chromium reports no upload progress: the bar runs without a figure.
    expect(message.querySelector('[part~="status"]')!.textContent).toBe('Uploading…');
    expect(message.querySelector('[part~="upload-progress"]')!.hasAttribute('value')).toBe(false);
    const preview = message.querySelector<HTMLImageElement>('[part~="media-image"]')!;
    expect(preview.src).toMatch(/^blob:/);
    expect(preview.alt).toBe('broken-parcel.png');
    await expect.poll(() => mine(el)[0].dataset.status).toBe('sent');
    expect(mine(el)[0].querySelector('[part~="upload-progress"]')).toBeNull();

    const [upload] = uploads();
    expect(upload.body).toEqual({ fileType: 'png', fileStream: SAMPLE_PNG, channel: 'WEB' });
    const objectKey = (sim.requests.find((r) => r.operation === 'uploadFileStream') && fileSends(userId)[0].content) as string;
    expect(objectKey).toMatch(/^sim-upload\/.+\.png$/);
    expect(fileSends(userId)).toEqual([{ mediaType: 'IMAGE', content: objectKey }]);
    expect(events.of('cc-message-sent')).toEqual([
      expect.objectContaining({ text: 'broken-parcel.png', file: { name: 'broken-parcel.png', size: bytesOf(SAMPLE_PNG).length, type: 'image/png' } }),
    ]);
    // The robot answers it, as it would any message.
    await expect.poll(() => messages(el, 'ROBOT').at(-1)?.textContent).toContain('Thanks for the file');
  });

  it('each type the API takes goes with its mediaType: AUDIO, VIDEO, and FILE as name,size,objectKey,ext', async () => {
    const { el, userId } = await connected();
    await choose(
      el,
      fileOf('chime.mp3', 'audio/mpeg', bytesOf(SAMPLE_MP3)),
      fileOf('voice.aac', 'audio/aac', new Uint8Array([1, 2, 3])),
      fileOf('clip.mp4', 'video/mp4', bytesOf(SAMPLE_MP4)),
      fileOf('notes.txt', 'text/plain', 'hello'),
      fileOf('order, list.csv', 'text/csv', 'a,b\n1,2'),
    );
    await expect.poll(() => mine(el).map((m) => m.dataset.status), { timeout: 5000 }).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const sent = fileSends(userId);
    const keys = uploads().map((u) => (u.body as { fileType: string }).fileType);
    expect(keys).toEqual(['mp3', 'aac', 'mp4', 'txt', 'csv']);
    expect(sent.map((s) => s.mediaType)).toEqual(['AUDIO', 'AUDIO', 'VIDEO', 'FILE', 'FILE']);
    expect(sent[3].content).toMatch(/^notes\.txt,5,sim-upload\/[^,]+\.txt,txt$/);
    // A comma in a name would split the content: it becomes a space.
    expect(sent[4].content).toMatch(/^order {2}list\.csv,7,sim-upload\/[^,]+\.csv,csv$/);
    // Shown as what they are: players from memory, files as chips with their names.
    const [audio, , video, text] = mine(el);
    expect(audio.querySelector<HTMLAudioElement>('audio')!.src).toMatch(/^blob:/);
    expect(video.querySelector<HTMLVideoElement>('video')!.src).toMatch(/^blob:/);
    expect(text.querySelector('[part~="media-download"]')!.textContent).toContain('notes.txt');
  });

  it('a type the API does not take, a file over max-file-size and an empty file get a plain sentence, and no request', async () => {
    const { el } = await connected({ 'max-file-size': '1000' });
    await choose(el, fileOf('report.pdf', 'application/pdf', '%PDF'), photo(), fileOf('empty.txt', 'text/plain', ''));
    await expect.poll(() => part(el, 'attach-error')?.textContent ?? '').toContain('report.pdf');
    const text = part(el, 'attach-error')!.textContent!;
    expect(part(el, 'attach-error')!.getAttribute('role')).toBe('alert');
    expect(text).toContain('“report.pdf” cannot be sent. You can send images (JPG, PNG, BMP), audio (MP3, AAC), video (MP4) and text files (TXT, CSV).');
    expect(text).toContain('“broken-parcel.png” is too large to send: files can be up to 1000 B.');
    expect(text).toContain('“empty.txt” is empty.');
    expect(mine(el)).toHaveLength(0);
    expect(uploads()).toHaveLength(0);
  });

  it('the default limit is the API’s 2 MB', async () => {
    const { el } = await connected();
    await choose(el, fileOf('huge.png', 'image/png', new Uint8Array(2 * 1024 * 1024 + 1)));
    await expect.poll(() => part(el, 'attach-error')?.textContent ?? '').toContain('files can be up to 2.0 MB');
    expect(uploads()).toHaveLength(0);
  });

  it('goes in order with text: what was given first is sent first', async () => {
    const { el, userId } = await connected();
    sim.fault({ kind: 'delay', ms: 200, on: 'send' });
    el.send('Look at this');
    await choose(el, photo());
    el.send('It came like that');
    await expect.poll(() => mine(el).map((m) => m.dataset.status), { timeout: 5000 }).toEqual(['sent', 'sent', 'sent']);
    expect(fileSends(userId).map((s) => s.mediaType)).toEqual(['TEXT', 'IMAGE', 'TEXT']);
  });

  it('a file queued behind another message says "Sending…" with no bar until its own upload starts', async () => {
    const { el } = await connected();
    sim.fault({ kind: 'delay', ms: 800, on: 'send' });
    el.send('Look at this');
    await choose(el, photo());
    await expect.poll(() => mine(el).length).toBe(2);
    const queued = mine(el)[1]!;
    expect(queued.dataset.status).toBe('pending');
    expect(queued.querySelector('[part~="status"]')!.textContent).toBe('Sending…');
    expect(queued.querySelector('[part~="upload-progress"]')).toBeNull();
    expect(uploads()).toHaveLength(0);
    await expect.poll(() => mine(el).map((m) => m.dataset.status), { timeout: 5000 }).toEqual(['sent', 'sent']);
  });
});

describe('failures and retries', () => {
  it('a failed upload leaves the file failed in place; Retry uploads it and sends it once', async () => {
    const { el, userId } = await connected();
    sim.fault({ kind: 'status', status: 500, on: 'uploadFileStream' });
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('failed');
    expect(mine(el)[0].textContent).toContain('Failed to send');
    expect(fileSends(userId)).toHaveLength(0);
    mine(el)[0].querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    expect(mine(el)).toHaveLength(1);
    expect(uploads()).toHaveLength(2);
    expect(fileSends(userId)).toHaveLength(1);
  });

  it('an upload the contact center refuses (returnCode 13) fails the same way', async () => {
    const { el } = await connected();
    sim.configure({ maxFileBytes: 100 });
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('failed');
    expect(el.connectionState).toBe('connected');
  });

  it('when the send after the upload fails, Retry sends again without a second upload', async () => {
    const { el, userId } = await connected();
    sim.fault({ kind: 'status', status: 503, on: 'send' });
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('failed');
    mine(el)[0].querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    expect(uploads()).toHaveLength(1);
    expect(fileSends(userId)).toHaveLength(2); // the refused one and the one accepted
    const accepted = fileSends(userId)[1].content;
    expect(accepted).toMatch(/^sim-upload\//);
  });

  it('the upload bar and the status tell how much of the file has gone out', async () => {
    const { el } = await connected();
    // 42% as the upload starts (support/upload-progress.ts); a contact center that never answers keeps it there.
    reportUploadProgress([{ loaded: 42, total: 100 }]);
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    sim.fault({ kind: 'hang', on: 'uploadFileStream' });
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.querySelector('[part~="status"]')?.textContent).toBe('Uploading… 42%');
    const bar = mine(el)[0]!.querySelector<HTMLProgressElement>('[part~="upload-progress"]')!;
    expect(bar.max).toBe(100);
    expect(bar.value).toBe(42);
    expect(bar.getAttribute('aria-label')).toBe('Uploading…');
    expect(mine(el)[0]!.dataset.status).toBe('pending');
    // Under a picture there is no bubble: the bar takes the accent, not the bubble's white text colour, or it would
    // vanish into the panel.
    await expect.poll(() => mine(el)[0]!.querySelector('.ccm-media--ready')).toBeTruthy();
    expect(getComputedStyle(bar).color).toBe('rgb(11, 87, 208)'); // the accent, #0b57d0
    expect(getComputedStyle(requirePart(el, 'panel')).backgroundColor).toBe('rgb(255, 255, 255)');
  });

  it('after a reload, a file not sent comes back failed with its name: its bytes were never stored', async () => {
    const { el } = await connected();
    sim.fault({ kind: 'hang', on: 'uploadFileStream' });
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('pending');
    const stored = Object.values({ ...sessionStorage }).join('');
    expect(stored).toContain('broken-parcel.png');
    expect(stored).not.toContain(SAMPLE_PNG.slice(0, 200));
    sim.clearFaults();
    const next = await reload(el, { open: true });
    await waitForState(next, 'connected');
    await expect.poll(() => mine(next)[0]?.dataset.status).toBe('failed');
    const message = mine(next)[0];
    expect(message.textContent).toContain('broken-parcel.png');
    expect(message.textContent).toContain('Not sent. The page was reloaded, so attach the file again.');
    expect(message.querySelector('[part~="retry-button"]')).toBeNull();
    // Its name only: nothing to fetch, so no file line, no file retry and no upload bar.
    expect(message.querySelector<HTMLElement>('[part~="media"]')?.dataset.mediaState).toBe('gone');
    expect(message.querySelector('[part~="media-status"], [part~="media-retry"], [part~="upload-progress"]')).toBeNull();
    message.querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
    await expect.poll(() => mine(next)).toHaveLength(0);
  });

  it('after a reload, a file that was sent is shown again from the contact center', async () => {
    const { el } = await connected();
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    const next = await reload(el, { open: true });
    await expect.poll(() => mine(next)[0]?.querySelector<HTMLImageElement>('[part~="media-image"]')?.naturalWidth ?? 0).toBe(360);
    const download = sim.requests.find((r) => r.operation === 'downloadFileStream')!;
    expect((download.body as { fileId: string }).fileId).toMatch(/^sim-upload\//);
  });

  it('read back from the history (a visitor who comes back), a file the visitor sent shows as that file, not its key', async () => {
    const { el, userId } = await connected();
    await choose(el, photo());
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    const objectKey = fileSends(userId)[0]!.content;
    el.remove();
    sessionStorage.clear(); // a new tab of the same visitor: nothing kept but the user ID
    const next = await mountChat({ userId });
    next.show();
    await waitForState(next, 'connected');
    sim.robotSays('Welcome back.', undefined, userId);
    await expect.poll(() => messages(next, 'ROBOT').length, { timeout: 5000 }).toBeGreaterThan(0);
    await expect.poll(() => part(next, 'earlier-button'), { timeout: 5000 }).toBeTruthy();
    requirePart(next, 'earlier-button').click();
    await expect.poll(() => mine(next)[0]?.querySelector<HTMLImageElement>('[part~="media-image"]')?.naturalWidth ?? 0, { timeout: 5000 }).toBe(360);
    expect(mine(next).some((m) => m.textContent?.includes(objectKey))).toBe(false);
  });
});

describe('sendFile()', () => {
  it('sends a file as the attach button does, and resolves to its key; a file the API does not take resolves to null', async () => {
    const { el, userId } = await connected();
    const key = await el.sendFile(photo());
    expect(key).toEqual(expect.any(String));
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    expect(fileSends(userId)).toEqual([{ mediaType: 'IMAGE', content: expect.any(String) }]);
    expect(await el.sendFile(fileOf('setup.exe', 'application/octet-stream', 'MZ'))).toBeNull();
    expect(await el.sendFile(fileOf('empty.txt', 'text/plain', ''))).toBeNull();
    expect(uploads()).toHaveLength(1);
  });
});

describe('dropping and pasting', () => {
  it('files dropped onto the panel show the drop zone while dragged, and are sent when dropped', async () => {
    const { el, userId } = await connected();
    const transfer = new DataTransfer();
    transfer.items.add(photo());
    const target = requirePart(el, 'transcript');
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer }));
    const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer });
    target.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    await el.updateComplete;
    expect(part(el, 'drop-zone')?.textContent).toContain('Drop the file to send it');
    const drop = new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer });
    target.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await el.updateComplete;
    expect(part(el, 'drop-zone')).toBeNull();
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    expect(fileSends(userId).map((s) => s.mediaType)).toEqual(['IMAGE']);
  });

  it('a drag of text (not files) is left alone', async () => {
    const { el } = await connected();
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'hello');
    const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer });
    requirePart(el, 'transcript').dispatchEvent(over);
    expect(over.defaultPrevented).toBe(false);
  });

  it('an image pasted into the message box is sent as a file; pasted text stays text', async () => {
    const { el, userId } = await connected();
    const input = requirePart(el, 'input') as HTMLTextAreaElement;
    const transfer = new DataTransfer();
    transfer.items.add(fileOf('image.png', 'image/png', bytesOf(SAMPLE_PNG)));
    const paste = new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true, clipboardData: transfer });
    input.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await expect.poll(() => mine(el)[0]?.dataset.status).toBe('sent');
    expect(fileSends(userId).map((s) => s.mediaType)).toEqual(['IMAGE']);
    const text = new DataTransfer();
    text.setData('text/plain', 'words');
    const textPaste = new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true, clipboardData: text });
    input.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented).toBe(false);
  });
});
