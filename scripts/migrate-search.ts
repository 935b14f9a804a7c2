/**
 * `npm run migrate-search -- --table <table> [--endpoint <url>]`: builds the search index
 * (shared/db/search.ts) of a table written before search (docs/operations/deploy.md,
 * "Search"). Run it once right after deploying that version, at a quiet hour: a name
 * corrected while it runs may keep a stale entry, which a search reads past (the entry no
 * longer answers) but which running it again does not remove. It can be run again at any time.
 *
 * Only counts are printed, never personal data.
 */
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../shared/db/client.js';
import { searchEntriesOf } from '../shared/db/search.js';
import { scanCandidates } from './migrate-follow-up.js';
import { runWhenInvoked } from './run-script.js';

/** Writes every record's search entries (puts: running it again writes the same). */
export async function migrateSearch(): Promise<{ candidates: number; entries: number }> {
  const candidates = await scanCandidates();
  const entries = candidates.flatMap(searchEntriesOf);
  for (let i = 0; i < entries.length; i += 25) {
    let requests = entries.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await db().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName()] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { candidates: candidates.length, entries: entries.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { table: { type: 'string' }, endpoint: { type: 'string' } } });
  if (!values.table) throw new Error('usage: npm run migrate-search -- --table <table> [--endpoint <url>]');
  process.env.TABLE_NAME = values.table;
  if (values.endpoint) process.env.DYNAMODB_ENDPOINT = values.endpoint;
  const report = await migrateSearch();
  console.log(`records indexed: ${report.candidates}\nsearch entries written: ${report.entries}`);
}

runWhenInvoked(import.meta.url, main);
