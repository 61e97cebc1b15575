import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePoll } from '../../../../src/api/parse';
import { Transcript } from '../../../../src/core/controllers/transcript';
import type { ReceivedEntry } from '../../../../src/core/controllers/transcript-entry';

// Properties of the reader and the transcript together: poll answers whose fields hold any JSON, with unreadable
// items between the messages and earlier messages delivered again, give a transcript holding every readable message
// exactly once, in order (by timestamp, ties and untimed messages by arrival). No batch is dropped.

const RUNS = { numRuns: 100 };

const anyJson = fc.jsonValue({ maxDepth: 2 });

/** A timestamp as the vendor may send it: a number, a numeric string, missing, or junk. */
const timestamp = fc.oneof(
  fc.integer({ min: 1, max: 50 }),
  fc.integer({ min: 1, max: 50 }).map(String),
  fc.constant(undefined),
  anyJson,
);

/** A readable message: its content text (or a READ's list), any JSON in the other fields. */
const readableFields = fc.record(
  {
    content: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)),
    timestamp,
    receiveTime: timestamp,
    sourceType: anyJson,
    from: anyJson,
    simQuestions: anyJson,
    isOfflineStatus: anyJson,
    senderNickname: anyJson,
  },
  { requiredKeys: ['content'] },
);

/** An item that cannot be read: no object, or a structured content where text is expected. */
const unreadable = fc.oneof(
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(anyJson, { maxLength: 2 })),
  fc.record({ content: fc.dictionary(fc.string({ maxLength: 3 }), anyJson, { minKeys: 0, maxKeys: 2 }), timestamp }),
);

/** One poll answer's plan: new messages, repeats of earlier ones (by index), and junk. */
const step = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: readableFields.map((fields) => ({ kind: 'new' as const, fields })) },
    { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'repeat' as const, n })) },
    { weight: 1, arbitrary: unreadable.map((value) => ({ kind: 'junk' as const, value })) },
  ),
  { maxLength: 6 },
);

describe('reader + transcript, for any JSON in any field', () => {
  it('keeps every readable message of every batch exactly once, in order', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), fc.boolean(), (steps, asText) => {
        const transcript = new Transcript();
        const sent: Array<Record<string, unknown>> = [];
        const added: ReceivedEntry[] = [];
        for (const plan of steps) {
          const items = plan.map((p) => {
            if (p.kind === 'junk') return p.value;
            if (p.kind === 'repeat' && sent.length > 0) return sent[p.n % sent.length];
            const message = { ...(p.kind === 'new' ? p.fields : { content: 'x' }), messageCode: `code-${sent.length}` };
            sent.push(message);
            return message;
          });
          const list = JSON.parse(JSON.stringify(items)) as unknown[];
          const result = parsePoll({ resultCode: '0', downlinkMessages: asText ? JSON.stringify(list) : list });
          // The batch is delivered: each readable item, in order, the rest reported.
          const readableCount = plan.filter((p) => p.kind !== 'junk').length;
          expect(result.messages).toHaveLength(readableCount);
          expect(result.skipped).toHaveLength(plan.length - readableCount);
          added.push(...transcript.addReceived(result.messages));
        }

        // Exactly once: every message sent, added once, present once.
        const codes = sent.map((m) => m.messageCode);
        expect(added.map((e) => e.message.messageCode)).toEqual(codes);
        const present = transcript.entries.map((e) => (e as ReceivedEntry).message.messageCode);
        expect([...present].sort()).toEqual([...codes].sort());

        // In order: timed messages by timestamp, ties by arrival; untimed ones by arrival.
        const arrival = (e: ReceivedEntry) => codes.indexOf(e.message.messageCode);
        const entries = transcript.entries as ReceivedEntry[];
        const timed = entries.filter((e) => e.message.timestamp > 0);
        for (let i = 1; i < timed.length; i++) {
          const [a, b] = [timed[i - 1]!, timed[i]!];
          expect(a.message.timestamp < b.message.timestamp || (a.message.timestamp === b.message.timestamp && arrival(a) < arrival(b))).toBe(true);
        }
        const untimed = entries.filter((e) => !(e.message.timestamp > 0)).map(arrival);
        expect(untimed).toEqual([...untimed].sort((x, y) => x - y));
      }),
      RUNS,
    );
  });
});
