import { batchGet } from './batch-get.js';
import { tableName } from './client.js';
import { keys } from './table.js';

/**
 * A village's waitlist for a year is its own item (`keys.waitlist`): `ids`, the ids of the
 * waitlisted candidates in registration order (position = index + 1). It is absent until
 * someone waits, and stays (maybe empty) after. Every change to it is made in the same
 * transaction as the village aggregate's counters, by the writes below, each conditioned on
 * the list as it was read, so that concurrent writers conflict and read again.
 */
const IDS = '#ids';
const names = { [IDS]: 'ids' };

/** The ids of a waitlist item as read (none when there is no item). */
export const waitlistOf = (item: Record<string, unknown> | undefined): string[] =>
  Array.isArray(item?.ids) ? (item.ids as string[]) : [];

/** The list is `length` long (0: no item, or an empty list). */
function lengthIs(length: number) {
  return length === 0
    ? { condition: `attribute_not_exists(${IDS}) OR size(${IDS}) = :length`, values: { ':length': 0 } }
    : { condition: `size(${IDS}) = :length`, values: { ':length': length } };
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0) throw new Error(`not a waitlist index: ${index}`);
}

/** A transaction's check that the village's waitlist is still `length` long (0: nobody waits). */
export function waitlistLengthIs(year: number, villageCode: string, length: number) {
  const { condition, values } = lengthIs(length);
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.waitlist(year, villageCode),
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Appends `ids` to the village's waitlist, which must still be `length` long (positions exact). */
export function appendToWaitlist(year: number, villageCode: string, ids: string[], length: number) {
  const { condition, values } = lengthIs(length);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.waitlist(year, villageCode),
      UpdateExpression: `SET ${IDS} = list_append(if_not_exists(${IDS}, :none), :ids)`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':none': [], ':ids': ids },
    },
  };
}

/** Takes `id` out of the village's waitlist at `index`, where it must still be. */
export function removeFromWaitlist(year: number, villageCode: string, index: number, id: string) {
  checkIndex(index);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.waitlist(year, villageCode),
      UpdateExpression: `REMOVE ${IDS}[${index}]`,
      ConditionExpression: `${IDS}[${index}] = :id`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':id': id },
    },
  };
}

/** The waitlists of several villages of one year, in one request (a village without one: []). */
export async function readWaitlists(year: number, villageCodes: string[]): Promise<Map<string, string[]>> {
  const codes = [...new Set(villageCodes)];
  const items = await batchGet(codes.map((code) => keys.waitlist(year, code)));
  const byKey = new Map(items.map((item) => [String(item.sk), item]));
  return new Map(codes.map((code) => [code, waitlistOf(byKey.get(keys.waitlist(year, code).sk))]));
}
