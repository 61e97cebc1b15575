import { describe, expect, it } from 'vitest';
import { parsePhrases } from '../../../src/api/parse';

describe('parsePhrases (queryPhraseByKeyword)', () => {
  it('reads `question` as an array, a JSON array in text, one text, or nothing', () => {
    expect(parsePhrases({ resultCode: '0', question: ['A?', ' B? ', '', 7] }).questions).toEqual(['A?', 'B?', '7']);
    expect(parsePhrases({ resultCode: '0', question: '["A?","B?"]' }).questions).toEqual(['A?', 'B?']);
    expect(parsePhrases({ resultCode: '0', question: 'Only one?' }).questions).toEqual(['Only one?']);
    expect(parsePhrases({ resultCode: '0', question: null }).questions).toEqual([]);
    expect(parsePhrases({ resultCode: '0', question: { not: 'a list' } }).questions).toEqual([]);
  });

  it('is a parse error only when the answer is no JSON object', () => {
    expect(() => parsePhrases('nope')).toThrow(/queryPhraseByKeyword/);
  });
});
