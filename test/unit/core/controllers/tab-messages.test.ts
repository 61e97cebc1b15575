import { describe, expect, it } from 'vitest';
import type { DownlinkMessage, QueueInfo } from '../../../../src/api/types';
import { readTabMessage, type TabStatus, type TabSyncMessage } from '../../../../src/core/controllers/tab-messages';
import { Transcript } from '../../../../src/core/controllers/transcript';
import type { ReceivedEntry, SentEntry, SentFile, TranscriptEntry } from '../../../../src/core/controllers/transcript-entry';
import { downlink } from '../../../support/downlink';

// What a tab reads of what arrives on the channel of its conversation. The channel hands over a structured clone
// of what was posted: every message here goes through structuredClone first, as it would in the browser.

const read = (data: unknown) => readTabMessage(structuredClone(data));

const agent = (n: number): DownlinkMessage =>
  downlink({ from: 'agent-7', content: `Agent ${n}`, timestamp: 1_700_000_000_000 + n, sourceType: 'AGENT', senderNickname: 'Ana', messageCode: `m-${n}` });
const file: SentFile = { name: 'plan.pdf', size: 2048, type: 'application/pdf', ext: 'pdf', mediaType: 'FILE', objectKey: 'obj/plan.pdf' };
const queue: QueueInfo = {
  resultCode: '0',
  resultDesc: '',
  position: 3,
  totalWaitTime: null,
  currentDeviceWaitTime: 12,
  configMaxcWaitTime: null,
  longestWaitTime: null,
  estimateWaitTime: 60,
};
const receivedEntry = (n: number): ReceivedEntry => ({ kind: 'received', key: `m:m-${n}`, seq: n, message: agent(n) });
const sentEntry = (key: string, extra: Partial<SentEntry> = {}): SentEntry => ({
  kind: 'sent',
  key,
  seq: 10,
  text: `typed ${key}`,
  timestamp: 1_700_000_000_500,
  status: 'sent',
  ...extra,
});

/** One of each message a tab posts (ChatSession posts these types), every optional field filled. */
const POSTED: Record<TabSyncMessage['type'], TabSyncMessage> = {
  hello: { type: 'hello' },
  received: { type: 'received', messages: [agent(1), agent(2)] },
  sent: { type: 'sent', key: 'k-1', text: 'plan.pdf', timestamp: 1_700_000_000_001, file },
  unread: { type: 'unread', count: 2 },
  status: {
    type: 'status',
    state: 'connected',
    mode: 'queued',
    queue,
    entries: [receivedEntry(1), sentEntry('k-1', { file }), sentEntry('k-2', { status: 'read' }), sentEntry('k-3', { status: 'pending' })],
    token: 'token-1',
    unread: 0,
    conversation: 'c-1',
  },
};

/** A value of no field's type: an object where text, a number, a flag, a list or a queue is expected. */
const WRONG = { wrong: true };

describe('readTabMessage: what a tab posts', () => {
  it.each(Object.values(POSTED))('reads a $type message as it was posted', (message) => {
    expect(read(message)).toEqual(message);
  });

  it('reads the short forms: a sent text without a file, a status without the answer to hello, no queue', () => {
    const sent: TabSyncMessage = { type: 'sent', key: 'k-9', text: 'Hi', timestamp: 5 };
    const status: TabStatus = { type: 'status', state: 'ended', mode: 'robot', queue: null };
    const nullToken: TabStatus = { ...status, state: 'reconnecting', entries: [], token: null };
    const uploading = { ...sent, file: { name: 'a.png', size: 1, type: '', ext: 'png', mediaType: 'IMAGE' } };
    for (const message of [sent, status, nullToken, uploading, { type: 'unread', count: 0 }]) expect(read(message)).toEqual(message);
  });

  // ChatSession posts `sent` with `file: entry.file`, which is undefined for text: the key is there, its value not.
  it('reads a sent message whose file is undefined', () => {
    expect(read({ type: 'sent', key: 'k', text: 'Hi', timestamp: 1, file: undefined })).toEqual({ type: 'sent', key: 'k', text: 'Hi', timestamp: 1 });
  });
});

describe('readTabMessage: what it ignores', () => {
  it('ignores what is no message, or a message of a type it does not know, without throwing', () => {
    const junk = [null, undefined, 0, 42, 'hello', true, [], ['hello'], {}, { type: 7 }, { type: null }, { type: ['hello'] }, { kind: 'hello' }];
    // Names every object has: never taken for a type of message.
    const inherited = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((type) => ({ type }));
    for (const data of [...junk, ...inherited, { type: 'typing' }, { type: 'HELLO' }]) expect(read(data), JSON.stringify(data)).toBeNull();
  });

  // Each field of each message (but its type) replaced by a value of no field's type: the message is ignored.
  const fields = Object.values(POSTED).flatMap((message) =>
    Object.keys(message)
      .filter((key) => key !== 'type')
      .map((key) => ({ type: message.type, key, message })),
  );
  it.each(fields)('ignores a $type message whose $key is of the wrong type', ({ message, key }) => {
    expect(read({ ...message, [key]: WRONG })).toBeNull();
  });

  it.each(['received', 'sent', 'unread', 'status'] as const)('ignores a %s message without its required fields', (type) => {
    expect(read({ type })).toBeNull();
  });

  it('ignores a sent message whose key, text or time is missing or not of its type', () => {
    const sent = POSTED.sent;
    for (const bad of [{ key: undefined }, { key: 1 }, { text: null }, { timestamp: '1' }, { timestamp: Number.NaN }, { timestamp: Infinity }]) {
      expect(read({ ...sent, ...bad }), JSON.stringify(bad)).toBeNull();
    }
  });

  it('ignores a sent message whose file is not one the widget sends', () => {
    const bad: Partial<Record<keyof SentFile, unknown>>[] = [
      { name: 1 },
      { size: '2048' },
      { size: Number.NaN },
      { type: undefined },
      { ext: null },
      { mediaType: 'EXE' },
      { objectKey: 7 },
    ];
    for (const change of bad) expect(read({ ...POSTED.sent, file: { ...file, ...change } }), JSON.stringify(change)).toBeNull();
    expect(read({ ...POSTED.sent, file: null })).toBeNull();
  });

  it('ignores an unread count that is no count', () => {
    for (const count of [-1, 1.5, Number.NaN, Infinity, '2', null]) expect(read({ type: 'unread', count }), String(count)).toBeNull();
  });

  it('ignores a status with an unknown state or mode, or a queue that is not one', () => {
    const status = POSTED.status;
    expect(read({ ...status, state: 'paused' })).toBeNull();
    expect(read({ ...status, mode: 'human' })).toBeNull();
    expect(read({ ...status, queue: undefined })).toBeNull();
    for (const change of [{ position: '3' }, { position: Number.NaN }, { estimateWaitTime: Infinity }, { resultCode: 0 }, { resultDesc: undefined }]) {
      expect(read({ ...status, queue: { ...queue, ...change } }), JSON.stringify(change)).toBeNull();
    }
  });

  it('ignores a status whose answer to hello has a token, count or name of the wrong type', () => {
    for (const change of [{ token: 42 }, { unread: -1 }, { unread: 0.5 }, { conversation: null }, { entries: {} }]) {
      expect(read({ ...POSTED.status, ...change }), JSON.stringify(change)).toBeNull();
    }
  });
});

describe('readTabMessage: lists are read item by item', () => {
  it('keeps the readable messages of a received batch, in order, and drops the others', () => {
    const good = [agent(1), agent(2), agent(3)];
    const message = { type: 'received', messages: [null, good[0], 42, 'text', {}, [], good[1], { ...agent(9), content: { html: '<b>' } }, good[2]] };
    expect(read(message)).toEqual({ type: 'received', messages: good });
    expect(read({ type: 'received', messages: [null] })).toEqual({ type: 'received', messages: [] });
  });

  // Each field of a received message, made wrong in its own copy: only that copy is dropped from the batch.
  const messageFields = Object.keys(agent(0)) as (keyof DownlinkMessage)[];
  it.each(messageFields)('drops a received message whose %s is of the wrong type, keeping the others', (key) => {
    const bad = { ...agent(5), [key]: WRONG };
    expect(read({ type: 'received', messages: [agent(4), bad, agent(6)] })).toEqual({ type: 'received', messages: [agent(4), agent(6)] });
  });

  it('drops a received message with a required text missing or null, or a time that is no number', () => {
    const bad: Partial<Record<keyof DownlinkMessage, unknown>>[] = [
      { from: undefined },
      { content: null },
      { sourceType: 7 },
      { controlType: undefined },
      { messageCode: undefined }, // every field is posted: null when empty, never left out
      { timestamp: Number.NaN },
      { timestamp: -Infinity },
      { timestamp: '1700000000000' },
      { simQuestions: ['ok', 3] },
      { simQuestions: null },
      { isOfflineStatus: 'Y' },
    ];
    for (const change of bad) {
      expect(read({ type: 'received', messages: [{ ...agent(1), ...change }] }), JSON.stringify(change)).toEqual({ type: 'received', messages: [] });
    }
  });

  it('keeps the well-formed entries of an answer to hello, and drops the others', () => {
    const good: TranscriptEntry[] = [receivedEntry(1), sentEntry('k-1', { file }), sentEntry('k-2')];
    const bad: unknown[] = [
      null,
      'entry',
      { kind: 'bogus', key: 'x', seq: 1 },
      { ...receivedEntry(2), message: { ...agent(2), timestamp: Number.NaN } },
      { ...receivedEntry(3), message: null },
      { ...receivedEntry(4), key: 4 },
      { ...receivedEntry(5), seq: undefined },
      { ...sentEntry('k-3'), status: 'delivered' },
      { ...sentEntry('k-4'), text: undefined },
      { ...sentEntry('k-5'), timestamp: '5' },
      { ...sentEntry('k-6'), file: { ...file, mediaType: 'EXE' } },
      { ...sentEntry('k-7'), key: null },
    ];
    const entries = [bad[0], good[0], ...bad.slice(1, 6), good[1], ...bad.slice(6), good[2]];
    expect(read({ ...POSTED.status, entries })).toEqual({ ...POSTED.status, entries: good });
  });
});

describe('the same checks restore a saved transcript', () => {
  it('skips a saved entry whose message is malformed, and keeps the rest', () => {
    const saved = [
      receivedEntry(1),
      { ...receivedEntry(2), message: { ...agent(2), content: 42 } },
      { ...receivedEntry(3), message: { timestamp: 3 } },
      sentEntry('k-1', { status: 'pending' }),
      { ...sentEntry('k-2'), file: { ...file, size: '2048' } },
      receivedEntry(4),
    ] as TranscriptEntry[];
    const transcript = new Transcript({ entries: structuredClone(saved) });
    expect(transcript.entries.map((entry) => entry.key)).toEqual(['m:m-1', 'm:m-4', 'k-1']);
  });
});
