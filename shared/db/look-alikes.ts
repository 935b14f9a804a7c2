import { batchGet } from './batch-get.js';
import type { CandidateItem } from './candidate-item.js';
import { tableName } from './client.js';
import { keys } from './table.js';
import type { TransactItem } from './transact.js';

/** A pair of records as the look-alike index keeps a decision about it: the two ids in order. */
const pairKey = (a: string, b: string) => (a < b ? `${a}#${b}` : `${b}#${a}`);

/**
 * The records of its cohort each record looks like (it shares a fingerprint with them) and
 * whose pair with it no review has decided, from the look-alike index: one BatchGetItem for
 * all of them. A pair decided stays decided in the index entries it was decided in; a
 * correction that gives the two a fingerprint in common again opens it there.
 */
export async function openLookAlikes(records: CandidateItem[]): Promise<Map<string, string[]>> {
  const wanted = new Map<string, { pk: string; sk: string }>();
  for (const c of records)
    for (const h of c.fingerprints) wanted.set(`${c.year}#${h}`, keys.fingerprint(c.year, h));
  const entries = wanted.size > 0 ? await batchGet([...wanted.values()]) : [];
  const byPk = new Map(entries.map((e) => [String(e.pk), e]));
  return new Map(
    records.map((c) => {
      const open = new Set<string>();
      for (const h of c.fingerprints) {
        const entry = byPk.get(keys.fingerprint(c.year, h).pk);
        const decided = (entry?.decided as Set<string> | undefined) ?? new Set<string>();
        for (const id of (entry?.ids as Set<string> | undefined) ?? [])
          if (id !== c.id && !decided.has(pairKey(c.id, id))) open.add(id);
      }
      return [c.id, [...open].sort()];
    }),
  );
}

/** The writes that record a decision about `record` and each of `others` in its index entries. */
export const decidePairs = (record: CandidateItem, others: string[]): TransactItem[] =>
  others.length === 0
    ? []
    : record.fingerprints.map((h) => ({
        Update: {
          TableName: tableName(),
          Key: keys.fingerprint(record.year, h),
          UpdateExpression: 'ADD decided :pairs',
          ExpressionAttributeValues: { ':pairs': new Set(others.map((id) => pairKey(record.id, id))) },
        },
      }));
