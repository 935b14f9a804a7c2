import { readCandidates } from '../db/candidates.js';
import { keyedHash } from '../db/nik-hash.js';
import { readPerson } from '../db/people.js';
import { querySearch, type SearchEntry } from '../db/search.js';
import { isId } from '../domain/ids.js';
import { normaliseIdNumber } from '../domain/nik.js';
import { isProgramYear } from '../domain/program.js';
import { findVillage } from '../domain/regions.js';
import { answers, leadingWord, parseSearch } from '../domain/search.js';
import { validationFailed } from '../errors.js';
import { addMessages } from '../i18n.js';
import type { Principal } from '../principal.js';
import {
  decodeAfterCursor,
  type ListQuery,
  listPrefix,
  type StoredCandidate,
  scopeOf,
  withPositions,
} from './candidates.js';
import { findingMessages } from './finding-messages.js';

addMessages(findingMessages);

/**
 * Index entries one request reads at most in each kecamatan; past them, the page ends early
 * with a cursor (a query whose longest word nearly everyone shares reads that word's entries).
 */
const MAX_READ_PER_DISTRICT = 500;

export type SearchQuery = Omit<ListQuery, 'waitlisted' | 'possibleDuplicates'> & { q: string };

/**
 * `GET /candidates?q=`: records in scope, across cohorts unless a year is given, found by
 * words of the name from their start, the last four NIK digits or the whole NIK. Names and
 * last digits read the search index by prefix in each kecamatan of the scope (merged in key
 * order), so the cost follows the matches, not the candidates; a whole NIK reads the person's
 * records by its keyed hash. Statuses and a flag narrow the page after the records are read,
 * so a page may hold fewer than `limit`: the cursor goes on.
 */
export async function searchCandidates(
  principal: Principal,
  query: SearchQuery,
): Promise<{ items: StoredCandidate[]; nextCursor: string | null }> {
  const asked = parseSearch(query.q);
  if (!asked) throw validationFailed([{ field: 'q', key: 'search.query' }]);
  const prefix = listPrefix(principal, query);
  const { villageCode, districtCodes } = scopeOf(prefix);
  const narrow = async (ids: string[]) => {
    const byId = new Map((await readCandidates(ids)).map((c) => [c.id, c]));
    const found = ids.flatMap((id) => byId.get(id) ?? []);
    return withPositions(
      found.filter(
        (c) =>
          (!query.statuses?.length || query.statuses.includes(c.status)) &&
          (!query.flag || c.flags.includes(query.flag)),
      ),
    );
  };

  if (asked.kind === 'nik') {
    if (query.cursor) throw validationFailed([{ field: 'cursor', key: 'query.cursor' }]);
    const person = await readPerson(await keyedHash(`nik:${normaliseIdNumber(asked.nik)}`));
    const ids = [...person.byId.values()]
      .filter(
        (r) => `${r.villageCode}#`.startsWith(prefix) && (query.year === undefined || r.year === query.year),
      )
      .sort((a, b) => a.year - b.year)
      .map((r) => r.id);
    return { items: await narrow(ids), nextCursor: null };
  }

  const token = asked.kind === 'last4' ? `L#${asked.digits}#` : `W#${leadingWord(asked.words)}`;
  const accepts =
    asked.kind === 'last4'
      ? () => true
      : (e: SearchEntry) => answers(asked.words, (e.words ?? '').split(' '), e.sk.split('#')[1] ?? '');
  const after = query.cursor ? decodeSearchCursor(query.cursor, token, prefix) : undefined;
  const read = await Promise.all(
    districtCodes.map((districtCode) =>
      querySearch({
        districtCode,
        prefix: token,
        ...(after ? { after } : {}),
        ...(villageCode ? { villageCode } : {}),
        ...(query.year === undefined ? {} : { year: query.year }),
        accepts,
        want: query.limit + 1,
        maxRead: MAX_READ_PER_DISTRICT,
      }),
    ),
  );
  // Past the lowest key a kecamatan stopped at, what the others found waits for the next page.
  const stops = read.flatMap((r) => (r.readTo ? [r.readTo] : [])).sort();
  const bound = stops[0];
  const found = read
    .flatMap((r) => r.found)
    .filter((e) => bound === undefined || e.sk <= bound)
    .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  const more = found.length > query.limit || bound !== undefined;
  const resumeAt = page.length === query.limit ? last?.sk : bound;
  return {
    items: await narrow(page.map((e) => e.id)),
    nextCursor:
      more && resumeAt ? Buffer.from(JSON.stringify({ after: resumeAt })).toString('base64url') : null,
  };
}

/**
 * A search cursor: the index key read up to, of this query's word or digits, naming a village
 * in scope, a programme year and an id.
 */
const decodeSearchCursor = (cursor: string, token: string, prefix: string): string =>
  decodeAfterCursor(cursor, (after) => {
    const [kind = '', , village = '', year = '', id = '', ...rest] = after.split('#');
    return (
      after.startsWith(token) &&
      rest.length === 0 &&
      (kind === 'W' || kind === 'L') &&
      Boolean(findVillage(village)) &&
      isProgramYear(Number(year)) &&
      isId(id) &&
      `${village}#`.startsWith(prefix)
    );
  });
