/**
 * `npm run copy-table -- --from <table> --to <table> [--endpoint <url>] [--segments <n>]
 * [--mirror] [--kms-key <key arn>]`: copies every item of one DynamoDB table into another,
 * for the restore runbook (docs/operations/restore.md) and its local rehearsal.
 *
 * - The target is created from the shared table definition (shared/db/table.ts) when it does
 *   not exist, with the TTL attribute turned on; an existing target must have the same keys.
 * - The source is read by parallel Scan segments with consistent reads; items are written by
 *   BatchWriteItem, 25 at a time, retrying unprocessed items with jittered backoff.
 * - `--mirror` also deletes target items that the source does not have, so the target ends
 *   up equal to the source (what a restore into the stack's table needs).
 * - Only counts are printed, never an item or a key: the items hold personal data.
 *
 * Against AWS it uses the default credential chain and region; `--endpoint` points it at
 * DynamoDB Local instead.
 */
import { parseArgs } from 'node:util';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  UpdateTimeToLiveCommand,
  type WriteRequest,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, tableDefinition } from '../shared/db/table.js';
import { runWhenInvoked } from './run-script.js';

type Item = Record<string, AttributeValue>;

export interface CopyTableOptions {
  readonly client: DynamoDBClient;
  readonly from: string;
  readonly to: string;
  /** Parallel Scan segments (default 4). */
  readonly segments?: number;
  /** Delete target items whose key the source does not have. */
  readonly mirror?: boolean;
  /** When the target has to be created: encrypt it with this KMS key (AWS only). */
  readonly kmsKeyId?: string;
  /** Attempts of one batch before giving up on its unprocessed items (default 10). */
  readonly maxAttempts?: number;
}

export interface CopyTableResult {
  /** Whether the target table was created by this copy. */
  created: boolean;
  /** Items read from the source and written to the target. */
  copied: number;
  /** Target items deleted because the source does not have them (`mirror` only). */
  deleted: number;
  /** Items in each table after the copy, counted by a consistent scan. */
  sourceCount: number;
  targetCount: number;
}

const BATCH_SIZE = 25; // BatchWriteItem's limit

export async function copyTable(options: CopyTableOptions): Promise<CopyTableResult> {
  const { client, from, to } = options;
  const segments = options.segments ?? 4;
  if (from === to) throw new Error('--from and --to name the same table');
  if (!Number.isInteger(segments) || segments < 1 || segments > 1000) {
    throw new Error('--segments must be a whole number from 1 to 1000');
  }
  await requireSameKeys(client, from);
  const created = await ensureTargetTable(client, to, options.kmsKeyId);

  const sourceKeys = new Set<string>();
  let copied = 0;
  await scanAll(client, from, segments, undefined, async (items) => {
    for (const item of items) {
      copied += 1;
      if (options.mirror) sourceKeys.add(keyOf(item));
    }
    await writeAll(
      client,
      to,
      items.map((item) => ({ PutRequest: { Item: item } })),
      options.maxAttempts,
    );
  });

  let deleted = 0;
  if (options.mirror) {
    const { partitionKey, sortKey } = tableDefinition;
    await scanAll(client, to, segments, [partitionKey, sortKey], async (keys) => {
      const extra = keys.filter((key) => !sourceKeys.has(keyOf(key)));
      deleted += extra.length;
      await writeAll(
        client,
        to,
        extra.map((key) => ({ DeleteRequest: { Key: key } })),
        options.maxAttempts,
      );
    });
  }

  const [sourceCount, targetCount] = await Promise.all([
    countItems(client, from, segments),
    countItems(client, to, segments),
  ]);
  return { created, copied, deleted, sourceCount, targetCount };
}

/** The number of items in a table, by a consistent parallel scan (Select COUNT). */
export async function countItems(client: DynamoDBClient, table: string, segments = 4): Promise<number> {
  const counts = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let count = 0;
      let start: Item | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table,
            Select: 'COUNT',
            ConsistentRead: true,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: start,
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Creates the table from the shared definition unless it exists; true when it was created. */
export async function ensureTargetTable(
  client: DynamoDBClient,
  table: string,
  kmsKeyId?: string,
): Promise<boolean> {
  if (await requireSameKeys(client, table, true)) return false;
  await client.send(
    new CreateTableCommand({
      ...createTableInput(table),
      ...(kmsKeyId ? { SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: kmsKeyId } } : {}),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 300 }, { TableName: table });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    }),
  );
  return true;
}

/**
 * Checks that a table has the keys of the shared definition. Returns false when it does not
 * exist and `missingIsFine`; throws otherwise.
 */
async function requireSameKeys(
  client: DynamoDBClient,
  table: string,
  missingIsFine = false,
): Promise<boolean> {
  let description: DescribeTableCommandOutput;
  try {
    description = await client.send(new DescribeTableCommand({ TableName: table }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') {
      if (missingIsFine) return false;
      throw new Error(`table ${table} does not exist`);
    }
    throw error;
  }
  const expected = createTableInput(table).KeySchema;
  const actual = description.Table?.KeySchema ?? [];
  const same =
    actual.length === expected.length &&
    expected.every(
      (k, i) => actual[i]?.AttributeName === k.AttributeName && actual[i]?.KeyType === k.KeyType,
    );
  if (!same) throw new Error(`table ${table} does not have the keys of shared/db/table.ts`);
  return true;
}

/** Every item of a table (or only `attributes` of it), page by page, from parallel segments. */
async function scanAll(
  client: DynamoDBClient,
  table: string,
  segments: number,
  attributes: string[] | undefined,
  onPage: (items: Item[]) => Promise<void>,
): Promise<void> {
  const projection = attributes
    ? {
        ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
      }
    : {};
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Item | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table,
            ConsistentRead: true,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: start,
            ...projection,
          }),
        );
        await onPage(page.Items ?? []);
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
}

/** Writes requests 25 at a time; unprocessed ones are sent again after a jittered, growing pause. */
export async function writeAll(
  client: DynamoDBClient,
  table: string,
  requests: WriteRequest[],
  maxAttempts = 10,
): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_SIZE) {
    let pending = requests.slice(i, i + BATCH_SIZE);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        throw new Error(`${pending.length} items were still unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 1) await sleep(Math.random() * Math.min(5_000, 50 * 2 ** attempt));
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table] ?? [];
    }
  }
}

function keyOf(item: Item): string {
  const { partitionKey, sortKey } = tableDefinition;
  return JSON.stringify([item[partitionKey], item[sortKey]]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The command line; prints counts and table names only. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      segments: { type: 'string', default: '4' },
      mirror: { type: 'boolean', default: false },
      'kms-key': { type: 'string' },
    },
    strict: true,
  });
  if (!values.from || !values.to) {
    throw new Error(
      'usage: npm run copy-table -- --from <table> --to <table> [--endpoint <url>] [--region <region>] ' +
        '[--segments <n>] [--mirror] [--kms-key <key arn>]',
    );
  }
  const client = new DynamoDBClient({
    maxAttempts: 10,
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint
      ? {
          endpoint: values.endpoint,
          region: values.region ?? 'ap-southeast-3',
          // DynamoDB Local takes any credentials.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  try {
    const started = performance.now();
    const result = await copyTable({
      client,
      from: values.from,
      to: values.to,
      segments: Number(values.segments),
      mirror: values.mirror,
      ...(values['kms-key'] ? { kmsKeyId: values['kms-key'] } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `${result.created ? 'created' : 'existing'} target table ${values.to}`,
        `copied ${result.copied} items from ${values.from} in ${seconds} s`,
        ...(values.mirror ? [`deleted ${result.deleted} target items the source does not have`] : []),
        `items now: source ${result.sourceCount}, target ${result.targetCount}`,
      ].join('\n'),
    );
    if (result.sourceCount !== result.targetCount) {
      console.error(
        values.mirror
          ? 'the counts differ: was something writing to either table during the copy?'
          : 'the counts differ: the target held other items before (use --mirror to remove them), ' +
              'or something wrote during the copy',
      );
      process.exitCode = 2;
    }
  } finally {
    client.destroy();
  }
}

runWhenInvoked(import.meta.url, () => main(process.argv.slice(2)));
