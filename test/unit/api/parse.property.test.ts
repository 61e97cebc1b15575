import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CcApiError } from '../../../src/core/errors';
import { parseHistory, parsePoll } from '../../../src/api/parse';
import type { DownlinkMessage } from '../../../src/api/types';

// Properties of the downlink reader: whatever JSON the server puts in whatever field, a batch is never lost as a
// whole, every readable message comes out exactly once and in the order sent, and every other one is reported.

const RUNS = { numRuns: 150 };

const FIELDS = [
  'from',
  'to',
  'channel',
  'controlType',
  'mediaType',
  'content',
  'timestamp',
  'receiveTime',
  'sourceType',
  'senderNickname',
  'senderAvatar',
  'simQuestions',
  'messageCode',
  'callId',
  'contentType',
  'mediaFileType',
  'robotGender',
  'interIdx',
  'queueFlag',
  'isOfflineStatus',
] as const;

const STRING_FIELDS = [
  'from',
  'to',
  'channel',
  'controlType',
  'content',
  'sourceType',
] as const satisfies ReadonlyArray<keyof DownlinkMessage>;
const NULLABLE_STRING_FIELDS = [
  'mediaType',
  'senderNickname',
  'senderAvatar',
  'messageCode',
  'callId',
  'contentType',
  'mediaFileType',
  'robotGender',
  'interIdx',
  'queueFlag',
] as const satisfies ReadonlyArray<keyof DownlinkMessage>;

/** Any JSON, plus the shapes the vendor's tables give (so those are met often, not by luck). */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('READ', 'CHAT', 'DISCONNECT', 'true', 'N', 'yes', '', ' ', '[]', '["a","b"]', '[1,{"x":2}]', 'null'),
  fc.integer({ min: 0, max: 2_000_000_000_000 }).map(String),
);

const message = fc.record(Object.fromEntries(FIELDS.map((f) => [f, fieldValue])) as Record<string, fc.Arbitrary<unknown>>, {
  requiredKeys: [],
});

/** A batch: mostly message-like objects, some items of any JSON at all. */
const batch = fc.array(fc.oneof({ weight: 4, arbitrary: message }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), {
  maxLength: 8,
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rule the reader must follow: an item is readable unless it is no object or its content is structured (READ may list). */
function readable(item: unknown): boolean {
  if (!isObject(item)) return false;
  const content = item.content;
  if (typeof content !== 'object' || content === null) return true;
  return Array.isArray(content) && item.controlType === 'READ';
}

/** Marks each object item with its index in messageCode, so it can be followed through the reader. */
function tagged(items: unknown[]): unknown[] {
  return items.map((item, i) => (isObject(item) ? { ...item, messageCode: `item-${i}` } : item));
}

function expectWellFormed(m: DownlinkMessage): void {
  for (const key of STRING_FIELDS) expect(typeof m[key]).toBe('string');
  for (const key of NULLABLE_STRING_FIELDS) expect(m[key] === null || typeof m[key] === 'string').toBe(true);
  expect(Number.isFinite(m.timestamp)).toBe(true);
  expect(Array.isArray(m.simQuestions) && m.simQuestions.every((q) => typeof q === 'string')).toBe(true);
  expect(m.isOfflineStatus === null || typeof m.isOfflineStatus === 'boolean').toBe(true);
}

describe('the downlink reader, for any JSON in any field', () => {
  it('delivers every readable message once, in order, and reports each other one by its path', () => {
    fc.assert(
      fc.property(batch, fc.constantFrom('array', 'string'), fc.constantFrom('poll', 'history'), (raw, wrap, kind) => {
        const items = tagged(raw);
        const list = wrap === 'array' ? items : JSON.stringify(items);
        const key = kind === 'poll' ? 'downlinkMessages' : 'messageList';
        // A JSON round trip is what the wire does (undefined and -0 do not survive it).
        const sent = JSON.parse(JSON.stringify(items)) as unknown[];
        const result =
          kind === 'poll' ? parsePoll({ resultCode: '0', [key]: list }) : parseHistory({ resultCode: '0', [key]: list });

        const expected = sent.flatMap((item, i) => (readable(item) ? [`item-${i}`] : []));
        expect(result.messages.map((m) => m.messageCode)).toEqual(expected);
        expect(result.messages.length + result.skipped.length).toBe(sent.length);
        const skippedItems = sent.flatMap((item, i) => (readable(item) ? [] : [i]));
        expect(result.skipped.map((e) => e.field?.match(/^\w+\[(\d+)\]/)?.[1])).toEqual(skippedItems.map(String));
        for (const error of result.skipped) {
          expect(error).toBeInstanceOf(CcApiError);
          expect(error.kind).toBe('parse');
          expect(error.field?.startsWith(`${key}[`)).toBe(true);
        }
        result.messages.forEach(expectWellFormed);
      }),
      RUNS,
    );
  });

  it('reads a single message object as a batch of one', () => {
    fc.assert(
      fc.property(message, (item) => {
        const result = parsePoll({ resultCode: '0', downlinkMessages: { ...item, messageCode: 'only' } });
        if (readable(item)) expect(result.messages.map((m) => m.messageCode)).toEqual(['only']);
        else expect(result.skipped.map((e) => e.field)).toEqual(['downlinkMessages[0].content']);
      }),
      RUNS,
    );
  });

  it('never throws anything but a parse CcApiError, whatever the body', () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ resultCode: fieldValue, downlinkMessages: fc.oneof(fieldValue, batch) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(body, (value) => {
        try {
          const result = parsePoll(value);
          expect(Array.isArray(result.messages) && Array.isArray(result.skipped)).toBe(true);
          result.messages.forEach(expectWellFormed);
        } catch (error) {
          expect(error).toBeInstanceOf(CcApiError);
          expect((error as CcApiError).kind).toBe('parse');
        }
      }),
      RUNS,
    );
  });
});
