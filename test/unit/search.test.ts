import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answers,
  indexedWords,
  leadingWord,
  MAX_INDEXED_WORDS,
  MAX_QUERY_LENGTH,
  parseSearch,
  searchWords,
} from '../../shared/domain/search.js';

describe('search words', () => {
  it.each([
    ['Siti Aminah', ['siti', 'aminah']],
    ["  NUR'AINI  al-Hikmah ", ['nuraini', 'al', 'hikmah']],
    ['Zulaikhá Ñoviyanti', ['zulaikha', 'noviyanti']],
    ['M. Rizki', ['m', 'rizki']],
    ['', []],
  ])('%s → %j', (name, words) => expect(searchWords(name)).toEqual(words));

  it('indexes the first distinct words of a name, five at most', () => {
    expect(indexedWords(searchWords('Nur Nur Aini Binti Haji Ahmad Fauzi'))).toEqual([
      'nur',
      'aini',
      'binti',
      'haji',
      'ahmad',
    ]);
    expect(MAX_INDEXED_WORDS).toBe(5);
  });
});

describe('what a query asks', () => {
  it.each([
    ['3329014507100001', { kind: 'nik', nik: '3329014507100001' }],
    ['332901 450710 0001', { kind: 'nik', nik: '3329014507100001' }],
    ['3329.0145.0710.0001', { kind: 'nik', nik: '3329014507100001' }],
    ['0001', { kind: 'last4', digits: '0001' }],
    ['siti am', { kind: 'name', words: ['siti', 'am'] }],
    ['Siti siti', { kind: 'name', words: ['siti'] }],
  ])('%s', (q, expected) => expect(parseSearch(q)).toEqual(expected));

  it.each(['', '   ', '123', '12345', '!!', 'x'.repeat(MAX_QUERY_LENGTH + 1)])(
    'nothing to search by in %j',
    (q) => expect(parseSearch(q)).toBeUndefined(),
  );

  it('leads with the longest word', () => expect(leadingWord(['am', 'siti', 'nur'])).toBe('siti'));
});

describe('which index entry answers', () => {
  const name = searchWords('Nur Nuraini Siti');
  it('answers through the first indexed word the leading word starts, once', () => {
    expect(answers(['nur'], name, 'nur')).toBe(true);
    expect(answers(['nur'], name, 'nuraini')).toBe(false);
    expect(answers(['nura'], name, 'nuraini')).toBe(true);
  });
  it('needs every query word to start a word of the name', () => {
    expect(answers(['nur', 'si'], name, 'nur')).toBe(true);
    expect(answers(['nur', 'am'], name, 'nur')).toBe(false);
    expect(answers(['uraini'], name, 'nuraini')).toBe(false);
  });

  it('answers exactly once for any name and query that match (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (nameWords, queryWords) => {
          const words = [...new Set(queryWords)];
          const entries = indexedWords(nameWords).filter((w) => answers(words, nameWords, w));
          const lead = leadingWord(words);
          const matches =
            indexedWords(nameWords).some((w) => w.startsWith(lead)) &&
            words.every((q) => nameWords.some((w) => w.startsWith(q)));
          expect(entries.length).toBe(matches ? 1 : 0);
        },
      ),
    );
  });

  it('reads any text without throwing, in time linear in it (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (q) => {
        const parsed = parseSearch(q);
        if (parsed?.kind === 'name') expect(parsed.words.every((w) => /^[a-z0-9]+$/.test(w))).toBe(true);
      }),
    );
  });
});
