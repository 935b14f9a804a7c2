import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../accounts/account.js';
import { validationFailed } from '../errors.js';
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

const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * A new local account, as AdminCreateUser makes one: refused when the username is taken (a
 * conditional put) or, as the pool's e-mail alias does, when another account has the e-mail.
 */
export async function createLocalAccount(account: Account): Promise<void> {
  const email = account.email.toLowerCase();
  if ((await listLocalAccounts()).some((a) => a.email.toLowerCase() === email))
    throw validationFailed([{ field: 'email', key: 'account.emailTaken' }]);
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.localAccount(account.username), ...account },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (conditionFailed(error)) throw validationFailed([{ field: 'username', key: 'account.usernameTaken' }]);
    throw error;
  }
}

/** An existing local account written as it is now (moved, disabled, enabled); false when it is gone. */
export async function saveLocalAccount(account: Account): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.localAccount(account.username), ...account },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

function accountOf(item: Record<string, unknown>): Account {
  const { pk: _pk, sk: _sk, ...account } = item;
  return account as unknown as Account;
}
