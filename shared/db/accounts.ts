import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../accounts/account.js';
import { db, tableName } from './client.js';
import { queryAll } from './query-all.js';
import { keys } from './table.js';

/**
 * The local identity provider's accounts (`npm start` and the tests), in the table: what
 * Cognito keeps in AWS. One partition, read whole to list them (a regency has hundreds).
 */
export async function readLocalAccount(username: string): Promise<Account | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.localAccount(username), ConsistentRead: true }),
  );
  return Item ? accountOf(Item) : undefined;
}

export async function listLocalAccounts(): Promise<Account[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.localAccount('').pk },
  });
  return items.map(accountOf);
}

/** Writes accounts as given (the local system's demo users, tests). */
export async function putLocalAccounts(accounts: Account[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += 25) {
    await db().send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName()]: accounts
            .slice(i, i + 25)
            .map((a) => ({ PutRequest: { Item: { ...keys.localAccount(a.username), ...a } } })),
        },
      }),
    );
  }
}

function accountOf(item: Record<string, unknown>): Account {
  const { pk: _pk, sk: _sk, ...account } = item;
  return account as unknown as Account;
}
