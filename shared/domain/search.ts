/**
 * Search by name, last four NIK digits or whole NIK (api.md: `GET /candidates?q=`), as pure
 * rules: how a name becomes the words it is found by, what a query asks for, and whether a
 * name answers it. The index (shared/db/search.ts) holds one entry per word of a name, read
 * by prefix; these rules decide which entries a name has and which of them answers.
 */

/** Words of a name that get an index entry; a longer name is found by its first five. */
export const MAX_INDEXED_WORDS = 5;
/** Index entries a record has at most: its indexed words and its last four NIK digits. */
export const MAX_SEARCH_ENTRIES = MAX_INDEXED_WORDS + 1;
/** What a query may be: longer is a 400 on `q`. */
export const MAX_QUERY_LENGTH = 100;

/**
 * A name's words as searched: accents dropped (é → e), apostrophes dropped (Nur'aini →
 * nuraini), every other mark a space, lower case. The same for a name and a query.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** The distinct words of a name that are indexed, in the name's order. */
export const indexedWords = (nameWords: string[]): string[] =>
  [...new Set(nameWords)].slice(0, MAX_INDEXED_WORDS);

export type SearchQuery =
  | { kind: 'nik'; nik: string }
  | { kind: 'last4'; digits: string }
  | { kind: 'name'; words: string[] };

/**
 * What `q` asks for: 16 digits are a whole NIK, 4 digits the last four of one (spaces and
 * dots allowed, as a NIK is often written), anything else words of a name. Undefined when it
 * holds nothing to search by (only marks, or other digit counts alone).
 */
export function parseSearch(q: string): SearchQuery | undefined {
  const trimmed = q.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_QUERY_LENGTH) return undefined;
  if (/^[\d\s.-]+$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length === 16) return { kind: 'nik', nik: digits };
    if (digits.length === 4) return { kind: 'last4', digits };
    return undefined;
  }
  const words = [...new Set(searchWords(trimmed))];
  return words.length > 0 ? { kind: 'name', words } : undefined;
}

/** The word of a query the index is read by: the longest (the fewest entries to read). */
export const leadingWord = (words: string[]): string =>
  words.reduce((best, w) => (w.length > best.length ? w : best), '');

/**
 * Whether the index entry of `entryWord` for a name with `nameWords` answers a query of
 * `words`: every query word starts a word of the name, and `entryWord` is the first of the
 * name's indexed words the leading query word starts, so that a name is answered once even
 * when two of its words start alike ("nur" in "Nur Nuraini").
 */
export function answers(words: string[], nameWords: string[], entryWord: string): boolean {
  const lead = leadingWord(words);
  if (indexedWords(nameWords).find((w) => w.startsWith(lead)) !== entryWord) return false;
  return words.every((q) => nameWords.some((w) => w.startsWith(q)));
}
