import { describe, expect, it, vi } from 'vitest';
import type { DownlinkMessage } from '../../../../src/api/types';
import { messageKey, Transcript } from '../../../../src/core/controllers/transcript';
import type { TranscriptEntry } from '../../../../src/core/controllers/transcript-entry';
import { downlink } from '../../../support/downlink';

function msg(fields: Partial<DownlinkMessage> = {}): DownlinkMessage {
  return downlink({ from: 'agent-1', to: 'visitor', content: 'hello', timestamp: 1_000, sourceType: 'AGENT', senderNickname: 'Dana', ...fields });
}

/** What a reader sees: the text of each entry, in order. */
function texts(t: Transcript): string[] {
  return t.entries.map((e) => (e.kind === 'received' ? e.message.content : `me:${e.text}`));
}

describe('messageKey', () => {
  it('uses the messageCode when there is one', () => {
    expect(messageKey(msg({ messageCode: 'abc-1' }))).toBe('m:abc-1');
    expect(messageKey(msg({ messageCode: 'abc-1', content: 'other', timestamp: 5 }))).toBe('m:abc-1');
  });

  it('hashes the identifying fields when there is none (or it is empty)', () => {
    const key = messageKey(msg());
    expect(key).toMatch(/^h:[0-9a-z]+$/);
    expect(messageKey(msg({ messageCode: '' }))).toBe(key);
    // Stable across calls and across fields that do not identify the message.
    expect(messageKey(msg())).toBe(key);
    expect(messageKey(msg({ senderAvatar: 'x.png', to: 'someone' }))).toBe(key);
  });

  it('changes with each identifying field', () => {
    const base = messageKey(msg());
    const variants = [
      msg({ from: 'agent-2' }),
      msg({ timestamp: 1_001 }),
      msg({ sourceType: 'ROBOT' }),
      msg({ controlType: 'DISCONNECT' }),
      msg({ content: 'hello!' }),
    ].map(messageKey);
    expect(new Set([base, ...variants]).size).toBe(6);
  });

  it('keeps field boundaries apart', () => {
    expect(messageKey(msg({ from: 'ab', content: 'c' }))).not.toBe(messageKey(msg({ from: 'a', content: 'bc' })));
  });

  it('never lets a messageCode collide with a hash key', () => {
    const hashed = messageKey(msg());
    const code = hashed.slice(2);
    expect(messageKey(msg({ messageCode: code }))).not.toBe(hashed);
  });

  it('gives 20,000 distinct messages 20,000 distinct keys', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 20_000; i++) keys.add(messageKey(msg({ content: `message ${i}`, timestamp: 1_000 + (i % 7) })));
    expect(keys.size).toBe(20_000);
  });
});

describe('Transcript', () => {
  it('stores a message once however often it is repeated', () => {
    const t = new Transcript();
    const a = msg({ messageCode: 'a', content: 'A', timestamp: 1 });
    const b = msg({ content: 'B', timestamp: 2 });
    expect(t.addReceived([a, b, a, b]).map((e) => e.message.content)).toEqual(['A', 'B']);
    expect(t.addReceived([{ ...a }, { ...b }])).toEqual([]);
    expect(texts(t)).toEqual(['A', 'B']);
    expect(t.has('m:a')).toBe(true);
    expect(t.has(messageKey(b))).toBe(true);
    expect(t.has('m:zzz')).toBe(false);
  });

  it('returns only the new entries, in the order they were inserted, with keys and rising seq', () => {
    const t = new Transcript();
    t.addReceived([msg({ messageCode: 'a', timestamp: 10 })]);
    const added = t.addReceived([
      msg({ messageCode: 'a', timestamp: 10 }),
      msg({ messageCode: 'c', content: 'C', timestamp: 30 }),
      msg({ messageCode: 'b', content: 'B', timestamp: 20 }),
    ]);
    expect(added.map((e) => e.key)).toEqual(['m:c', 'm:b']);
    expect(added[0].seq).toBeLessThan(added[1].seq);
    expect(added.every((e) => e.kind === 'received')).toBe(true);
  });

  it('sorts by timestamp, whatever the arrival order', () => {
    const t = new Transcript();
    t.addReceived([msg({ content: 'T30', timestamp: 30 }), msg({ content: 'T10', timestamp: 10 })]);
    t.addReceived([msg({ content: 'T20', timestamp: 20 })]);
    t.addReceived([msg({ content: 'T5', timestamp: 5 }), msg({ content: 'T40', timestamp: 40 })]);
    expect(texts(t)).toEqual(['T5', 'T10', 'T20', 'T30', 'T40']);
  });

  it('keeps arrival order between equal timestamps, also when inserted in the middle', () => {
    const t = new Transcript();
    t.addReceived([msg({ content: 'x1', timestamp: 10 }), msg({ content: 'late', timestamp: 50 })]);
    t.addReceived([msg({ content: 'x2', timestamp: 10 })]);
    t.addReceived([msg({ content: 'x3', timestamp: 10 }), msg({ content: 'x4', timestamp: 10 })]);
    expect(texts(t)).toEqual(['x1', 'x2', 'x3', 'x4', 'late']);
  });

  it('places a message without a timestamp where it arrived, not at the top', () => {
    const t = new Transcript();
    t.addReceived([msg({ content: 'a', timestamp: 100 }), msg({ content: 'b', timestamp: 200 })]);
    t.addReceived([msg({ content: 'untimed', timestamp: 0, sourceType: 'SYSTEM' })]);
    t.addReceived([msg({ content: 'c', timestamp: 300 }), msg({ content: 'older', timestamp: 150 })]);
    expect(texts(t)).toEqual(['a', 'older', 'b', 'untimed', 'c']);
  });

  it('orders sent and received entries together by timestamp', () => {
    const t = new Transcript();
    t.addReceived([msg({ content: 'hi', timestamp: 100 })]);
    t.addSent('question', { key: 'k1', timestamp: 200 });
    t.addReceived([msg({ content: 'answer', timestamp: 300 }), msg({ content: 'before', timestamp: 150 })]);
    expect(texts(t)).toEqual(['hi', 'before', 'me:question', 'answer']);
  });

  it('evicts the oldest beyond the limit and does not re-add an evicted message', () => {
    const t = new Transcript({ limit: 3 });
    const all = [1, 2, 3, 4, 5].map((i) => msg({ content: `m${i}`, timestamp: i }));
    t.addReceived(all);
    expect(texts(t)).toEqual(['m3', 'm4', 'm5']);
    // The server re-delivers everything: nothing comes back.
    expect(t.addReceived(all)).toEqual([]);
    expect(texts(t)).toEqual(['m3', 'm4', 'm5']);
    expect(t.has(messageKey(all[0]))).toBe(true);
  });

  it('forgets evicted keys only beyond 4 x limit', () => {
    const t = new Transcript({ limit: 2 });
    const first = msg({ content: 'first', timestamp: 1 });
    t.addReceived([first]);
    for (let i = 2; i <= 8; i++) t.addReceived([msg({ content: `m${i}`, timestamp: i })]);
    expect(t.has(messageKey(first))).toBe(true); // 8 keys seen, 8 remembered
    t.addReceived([msg({ content: 'm9', timestamp: 9 })]);
    expect(t.has(messageKey(first))).toBe(false);
  });

  it('keeps a repeatedly re-delivered key remembered', () => {
    const t = new Transcript({ limit: 1 });
    const old = msg({ content: 'old', timestamp: 1 });
    t.addReceived([old]);
    for (let i = 2; i <= 20; i++) {
      expect(t.addReceived([old, msg({ content: `m${i}`, timestamp: i })]).length).toBe(1);
    }
    expect(t.has(messageKey(old))).toBe(true);
  });

  it('never evicts sent entries that are still pending or failed', () => {
    const t = new Transcript({ limit: 2 });
    t.addSent('unsent', { key: 'p', timestamp: 1 });
    t.addSent('gone', { key: 's', timestamp: 2, status: 'sent' });
    t.addReceived([3, 4, 5].map((i) => msg({ content: `m${i}`, timestamp: i })));
    expect(texts(t)).toEqual(['me:unsent', 'm5']);
    expect(t.pending().map((e) => e.key)).toEqual(['p']);
  });

  it('changes the entries array identity only when the content changes', () => {
    const t = new Transcript();
    const empty = t.entries;
    expect(t.entries).toBe(empty);
    t.addReceived([]);
    expect(t.entries).toBe(empty);
    t.addReceived([msg({ messageCode: 'a' })]);
    const one = t.entries;
    expect(one).not.toBe(empty);
    expect(empty).toEqual([]); // the old array was not mutated
    t.addReceived([msg({ messageCode: 'a' })]);
    expect(t.entries).toBe(one);
    t.addSent('x', { key: 'k' });
    const two = t.entries;
    expect(two).not.toBe(one);
    expect(one.length).toBe(1);
    t.setStatus('k', 'pending'); // unchanged
    expect(t.entries).toBe(two);
    t.setStatus('nope', 'sent');
    expect(t.entries).toBe(two);
    t.setStatus('k', 'sent');
    expect(t.entries).not.toBe(two);
    expect(two[1]).toMatchObject({ key: 'k', status: 'pending' }); // entries are replaced, not mutated
  });

  it('addSent defaults to pending, now and a random key; a retried key never shows twice', () => {
    const t = new Transcript();
    const before = Date.now();
    const a = t.addSent('one');
    const b = t.addSent('two');
    expect(a).toMatchObject({ kind: 'sent', text: 'one', status: 'pending' });
    expect(a.timestamp).toBeGreaterThanOrEqual(before);
    expect(a.key).not.toBe(b.key);
    expect(a.key.length).toBeGreaterThan(8);

    t.setStatus(a.key, 'failed');
    const retried = t.addSent('one', { key: a.key, status: 'pending' });
    expect(retried).toMatchObject({ key: a.key, seq: a.seq, status: 'pending' });
    expect(t.entries.filter((e) => e.key === a.key)).toHaveLength(1);
    expect(t.addSent('one', { key: a.key })).toMatchObject({ status: 'pending' });
    expect(t.entries).toHaveLength(2);
  });

  it('pending() lists pending and failed sent entries in order', () => {
    const t = new Transcript();
    t.addSent('a', { key: 'a', timestamp: 3 });
    t.addSent('b', { key: 'b', timestamp: 1, status: 'sent' });
    t.addSent('c', { key: 'c', timestamp: 2 });
    t.setStatus('c', 'failed');
    expect(t.pending().map((e) => [e.key, e.status])).toEqual([
      ['c', 'failed'],
      ['a', 'pending'],
    ]);
  });

  it('restores from toJSON through JSON text, keeping order, dedupe and seq', () => {
    const t = new Transcript();
    t.addReceived([msg({ content: 'b', timestamp: 20 }), msg({ messageCode: 'a', content: 'a', timestamp: 10 })]);
    t.addReceived([msg({ content: 'untimed', timestamp: 0 })]);
    t.addSent('mine', { key: 'k', timestamp: 15 });
    const saved = JSON.parse(JSON.stringify(t)) as TranscriptEntry[];

    const r = new Transcript({ entries: saved });
    expect(texts(r)).toEqual(texts(t));
    expect(r.entries).toEqual(t.entries);
    expect(r.addReceived([msg({ messageCode: 'a' }), msg({ content: 'b', timestamp: 20 })])).toEqual([]);
    expect(r.pending().map((e) => e.key)).toEqual(['k']);
    const [fresh] = r.addReceived([msg({ content: 'new', timestamp: 20 })]);
    expect(fresh.seq).toBeGreaterThan(Math.max(...t.entries.map((e) => e.seq)));
    expect(texts(r)).toEqual(['a', 'me:mine', 'b', 'untimed', 'new']);
  });

  it('restores unsorted or duplicated input sorted, skips malformed entries and applies the limit', () => {
    const sent = (key: string, timestamp: number, seq: number): TranscriptEntry => ({
      kind: 'sent', key, seq, text: key, timestamp, status: 'sent',
    });
    const r = new Transcript({
      limit: 3,
      entries: [
        sent('c', 30, 2),
        sent('a', 10, 0),
        sent('a', 10, 0),
        { kind: 'bogus' } as unknown as TranscriptEntry,
        null as unknown as TranscriptEntry,
        sent('d', 40, 3),
        sent('b', 20, 1),
      ],
    });
    expect(r.entries.map((e) => e.key)).toEqual(['b', 'c', 'd']);
    expect(r.has('a')).toBe(true);
  });

  it('clear() forgets entries and keys', () => {
    const t = new Transcript();
    const m = msg({ messageCode: 'a' });
    t.addReceived([m]);
    const before = t.entries;
    t.clear();
    expect(t.entries).toEqual([]);
    expect(t.entries).not.toBe(before);
    expect(t.has('m:a')).toBe(false);
    expect(t.addReceived([m])).toHaveLength(1);
  });

  it('appends to a transcript of 5,000 without re-sorting or per-entry work', () => {
    const t = new Transcript({ limit: 5_000 });
    for (let i = 0; i < 5_000; i++) t.addReceived([msg({ content: `m${i}`, timestamp: i })]);
    expect(t.entries).toHaveLength(5_000);
    // 2,000 appends and 2,000 middle inserts at the limit: each finds its place by search, none sorts the list.
    // (Counted, not timed: how fast it is belongs to the bench.)
    const sort = vi.spyOn(Array.prototype, 'sort');
    for (let i = 0; i < 2_000; i++) {
      t.addReceived([msg({ content: `n${i}`, timestamp: 10_000 + i })]);
      t.addReceived([msg({ content: `o${i}`, timestamp: 2_500 + i / 10_000 })]);
    }
    const sorts = sort.mock.calls.length;
    sort.mockRestore();
    expect(t.entries).toHaveLength(5_000);
    const times = t.entries.map((e) => (e.kind === 'received' ? e.message.timestamp : 0));
    expect(times.every((v, i) => i === 0 || times[i - 1] <= v)).toBe(true);
    expect(sorts).toBe(0);
  });
});
