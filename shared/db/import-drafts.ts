import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isId, newId } from '../domain/ids.js';
import { db, tableName } from './client.js';
import { keys } from './table.js';

const DRAFT_SECONDS = 3600;

/**
 * A checked file waiting for the official to confirm it in the web app, so that a phone on a
 * weak connection does not upload it twice. Compressed (a 2,000-row CSV fits an item), kept
 * an hour, readable only by whoever uploaded it.
 */
export async function saveImportDraft(
  owner: string,
  file: { bytes: Uint8Array; contentType: string; year: number },
) {
  const id = newId();
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.importDraft(id),
        owner,
        year: file.year,
        contentType: file.contentType,
        data: gzipSync(file.bytes),
        expiresAt: Math.floor(Date.now() / 1000) + DRAFT_SECONDS,
      },
    }),
  );
  return id;
}

export async function readImportDraft(owner: string, id: string) {
  if (!isId(id)) return undefined;
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.importDraft(id), ConsistentRead: true }),
  );
  if (!Item || Item.owner !== owner || Number(Item.expiresAt) < Date.now() / 1000) return undefined;
  return {
    year: Number(Item.year),
    contentType: String(Item.contentType),
    bytes: new Uint8Array(gunzipSync(Item.data as Uint8Array)),
  };
}
