import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isId, newId } from '../domain/ids.js';
import { validationFailed } from '../errors.js';
import type { RowMessage } from '../imports/columns.js';
import type { Cell, ImportRow } from '../imports/read-file.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

const DRAFT_SECONDS = 3600;
/**
 * The most a draft's compressed rows may weigh: DynamoDB refuses items over 400 KB, and the
 * item has a few other attributes. A 2,000-row survey list compresses to far less.
 */
export const MAX_DRAFT_BYTES = 350 * 1024;

/** A row as kept: as read, with the problems of a row that will not be registered (for its download). */
export type DraftRow = ImportRow & { problems?: RowMessage[] };

/** A cell as JSON: a date cell becomes its `YYYY-MM-DD`, which the row checks read alike. */
const storable = (cell: Cell): Exclude<Cell, Date> =>
  cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;

/**
 * A checked list waiting for the official to confirm it in the web app, so that a phone on a
 * weak connection does not upload it twice. What is kept is the rows that were read (not the
 * uploaded file, whose size says nothing of what it unpacks to), compressed, for an hour,
 * readable only by whoever uploaded it. Rows that would not fit an item are refused with a
 * message, before anything is written.
 */
export async function saveImportDraft(owner: string, draft: { rows: DraftRow[]; year: number }) {
  const rows = draft.rows.map((r) => ({
    line: r.line,
    cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, storable(v)])),
    ...(r.problems ? { problems: r.problems } : {}),
  }));
  const data = gzipSync(JSON.stringify(rows));
  if (data.length > MAX_DRAFT_BYTES) throw validationFailed([{ field: 'file', key: 'import.draftTooLarge' }]);
  const id = newId();
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.importDraft(id),
        owner,
        year: draft.year,
        data,
        expiresAt: Math.floor(Date.now() / 1000) + DRAFT_SECONDS,
      },
    }),
  );
  return id;
}

export async function readImportDraft(
  owner: string,
  id: string,
): Promise<{ year: number; rows: DraftRow[] } | undefined> {
  if (!isId(id)) return undefined;
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.importDraft(id), ConsistentRead: true }),
  );
  if (!Item || Item.owner !== owner || Number(Item.expiresAt) < Date.now() / 1000) return undefined;
  return {
    year: Number(Item.year),
    rows: JSON.parse(gunzipSync(Item.data as Uint8Array).toString('utf8')) as DraftRow[],
  };
}
