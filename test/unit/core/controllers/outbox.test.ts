import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxHost } from '../../../../src/core/controllers/outbox';
import { Transcript } from '../../../../src/core/controllers/transcript';
import type { SentEntry, SentFile } from '../../../../src/core/controllers/transcript-entry';

// The outbox alone, with a real transcript and a host whose deliveries the test settles by hand.

interface Delivery {
  entry: SentEntry;
  resolve(): void;
  reject(error: unknown): void;
}

function setup(options: { ready?: () => boolean } = {}) {
  const transcript = new Transcript();
  const deliveries: Delivery[] = [];
  const sent: string[] = [];
  const failed: string[] = [];
  let changes = 0;
  let redraws = 0;
  const host: OutboxHost = {
    ready: options.ready ?? (() => true),
    deliver: (entry) =>
      new Promise<void>((resolve, reject) => {
        deliveries.push({ entry, resolve, reject });
      }),
    sent: (entry) => sent.push(entry.text),
    failed: (entry) => failed.push(entry.text),
    changed: () => {
      changes += 1;
    },
    redraw: () => {
      redraws += 1;
    },
  };
  const outbox = new Outbox(host, () => transcript);
  const statuses = () => transcript.entries.map((e) => (e.kind === 'sent' ? `${e.text}:${e.status}` : e.key));
  return { transcript, outbox, deliveries, sent, failed, statuses, changes: () => changes, redraws: () => redraws };
}

/** Lets the outbox's awaits run. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const photo: SentFile = { name: 'photo.png', size: 4, type: 'image/png', ext: 'png', mediaType: 'IMAGE' };

describe('Outbox', () => {
  it('takes text within the API limit only, trimmed', () => {
    const { outbox } = setup();
    expect(Outbox.accepts('   ')).toBe(false);
    expect(Outbox.accepts('x'.repeat(1024))).toBe(true);
    expect(Outbox.accepts('x'.repeat(1025))).toBe(false);
    expect(Outbox.accepts('界'.repeat(342))).toBe(false);
    expect(outbox.addText('  hi  ', 1)?.text).toBe('hi');
    expect(outbox.addText('', 2)).toBeNull();
  });

  it('sends one at a time, in order, pending until the contact center accepted each', async () => {
    const { outbox, deliveries, sent, statuses } = setup();
    outbox.addText('one', 1);
    outbox.addText('two', 2);
    void outbox.flush();
    void outbox.flush(); // a second trigger while one is under way starts nothing
    await tick();
    expect(deliveries.map((d) => d.entry.text)).toEqual(['one']);
    expect(outbox.inFlight).toHaveLength(1);
    expect(statuses()).toEqual(['one:pending', 'two:pending']);
    deliveries[0].resolve();
    await tick();
    expect(deliveries.map((d) => d.entry.text)).toEqual(['one', 'two']);
    deliveries[1].resolve();
    await tick();
    expect(statuses()).toEqual(['one:sent', 'two:sent']);
    expect(sent).toEqual(['one', 'two']);
    expect(outbox.inFlight).toEqual([]);
  });

  it('a failure leaves the message failed in place; a retry sends that same entry once more, never a copy', async () => {
    const { outbox, deliveries, failed, statuses, transcript } = setup();
    const first = outbox.addText('lost', 1)!;
    outbox.addText('next', 2);
    void outbox.flush();
    await tick();
    deliveries[0].reject(new Error('offline'));
    await tick();
    expect(failed).toEqual(['lost']);
    // The next one still goes.
    deliveries[1].resolve();
    await tick();
    expect(statuses()).toEqual(['lost:failed', 'next:sent']);
    expect(outbox.retry(first.key)).toBe(true);
    expect(outbox.retry(first.key)).toBe(false); // pending now: nothing to retry
    void outbox.flush();
    await tick();
    expect(deliveries.map((d) => d.entry.key)).toEqual([first.key, deliveries[1].entry.key, first.key]);
    deliveries[2].resolve();
    await tick();
    expect(statuses()).toEqual(['lost:sent', 'next:sent']);
    expect(transcript.entries).toHaveLength(2);
  });

  it('waits while the conversation is not ready, and a stopped outbox sends nothing more', async () => {
    let ready = false;
    const { outbox, deliveries } = setup({ ready: () => ready });
    outbox.addText('later', 1);
    await outbox.flush();
    expect(deliveries).toHaveLength(0);
    ready = true;
    outbox.stop();
    await outbox.flush();
    expect(deliveries).toHaveLength(0);
  });

  it('keeps a file’s bytes in memory only, drops them once uploaded, and remembers the key for a retry', async () => {
    const { outbox, transcript, deliveries } = setup();
    const bytes = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/png' });
    const entry = outbox.addFile(bytes, photo, 1);
    expect(entry.text).toBe('photo.png');
    expect(outbox.file(entry.key)).toBe(bytes);
    // What is saved (sessionStorage) is plain data: the name, never the bytes.
    expect(JSON.parse(JSON.stringify(transcript.toJSON()))).toEqual([
      expect.objectContaining({ kind: 'sent', text: 'photo.png', file: photo, status: 'pending' }),
    ]);
    void outbox.flush();
    await tick();
    outbox.uploaded(entry.key, 'obs/key-1');
    expect(outbox.file(entry.key)).toBeUndefined();
    deliveries[0].reject(new Error('send failed'));
    await tick();
    const failed = transcript.entries[0] as SentEntry;
    expect(failed.status).toBe('failed');
    expect(failed.file?.objectKey).toBe('obs/key-1');
    expect(outbox.canRetry(failed)).toBe(true);
  });

  it('tells an upload’s progress in whole percent, redraws only when that changes, and forgets it once done', async () => {
    const { outbox, deliveries, changes, redraws } = setup();
    const entry = outbox.addFile(new Blob(['x']), photo, 1);
    void outbox.flush();
    await tick();
    expect(outbox.progress(entry.key)).toBeUndefined(); // not known yet: shown as indeterminate
    const saves = changes();
    outbox.uploading(entry.key, 0.251);
    outbox.uploading(entry.key, 0.259); // still 25 %
    outbox.uploading(entry.key, 1);
    expect(outbox.progress(entry.key)).toBe(100);
    expect(redraws()).toBe(2);
    expect(changes()).toBe(saves); // progress is shown, never saved
    deliveries[0]!.resolve();
    await tick();
    expect(outbox.progress(entry.key)).toBeUndefined();
  });

  it('after a reload: what was in flight and files that lost their bytes come back failed; text still pending stays', () => {
    const before = setup();
    const sending = before.outbox.addText('in flight', 1)!;
    before.outbox.addText('queued', 2);
    before.outbox.addFile(new Blob(['x']), photo, 3);
    before.outbox.addFile(new Blob(['y']), { ...photo, name: 'uploaded.png', objectKey: 'obs/2' }, 4);
    const saved = JSON.parse(JSON.stringify(before.transcript.toJSON()));

    const transcript = new Transcript({ entries: saved });
    const host: OutboxHost = { ready: () => true, deliver: async () => undefined, sent: () => undefined, failed: () => undefined, changed: () => undefined, redraw: () => undefined };
    const outbox = new Outbox(host, () => transcript);
    outbox.restore([sending.key]);
    const status = transcript.entries.map((e) => (e.kind === 'sent' ? `${e.text}:${e.status}` : ''));
    expect(status).toEqual(['in flight:failed', 'queued:pending', 'photo.png:failed', 'uploaded.png:pending']);
    const lost = transcript.entries[2] as SentEntry;
    expect(outbox.canRetry(lost)).toBe(false);
    expect(outbox.retry(lost.key)).toBe(false);
    expect(outbox.canRetry(transcript.entries[0] as SentEntry)).toBe(true);
    // It can be taken out of the transcript instead.
    outbox.discard(lost.key);
    expect(transcript.entries.map((e) => (e.kind === 'sent' ? e.text : ''))).toEqual(['in flight', 'queued', 'uploaded.png']);
  });
});
