import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { LambdaHandler } from '../../functions/http/lambda.js';
import type { FunctionName } from '../../shared/api/routes.js';
import { setToday } from '../../shared/clock.js';
import { ensureProgram } from '../../shared/db/programs.js';
import { todayInBrebes } from '../../shared/domain/dates.js';
import { ensureDemoAccounts } from './demo-accounts.js';
import { ensureTable, type RunningDynamoDb, startDynamoDbLocal } from './dynamodb-local.js';
import { LocalGateway } from './gateway.js';
import { generateIdentityKeys, type IdentityKeys, LocalIdentityProvider } from './identity-provider.js';

export const LOCAL_TABLE = 'gkb-local';

interface LocalSecrets {
  identity: IdentityKeys;
  nikHashKey: string;
  sessionKey: string;
}

/** Keys the local system needs, kept with the data so that tokens and NIK keys survive restarts. */
async function loadSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  if (stored.identity && stored.nikHashKey && stored.sessionKey) return stored as LocalSecrets;
  const secrets: LocalSecrets = {
    identity: stored.identity ?? (await generateIdentityKeys()),
    nikHashKey: stored.nikHashKey ?? randomBytes(32).toString('base64url'),
    sessionKey: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * The Lambda handlers, imported after the environment is set (as in Lambda, where the
 * environment exists before the module loads).
 */
export async function importHandlers(): Promise<Record<FunctionName, LambdaHandler>> {
  const [
    docs,
    programs,
    candidates,
    imports,
    reports,
    web,
    bappeda,
    visits,
    opendata,
    accounts,
    ledger,
    guide,
  ] = await Promise.all([
    import('../../functions/docs/handler.js'),
    import('../../functions/programs/handler.js'),
    import('../../functions/candidates/handler.js'),
    import('../../functions/imports/handler.js'),
    import('../../functions/reports/handler.js'),
    import('../../functions/web/handler.js'),
    import('../../functions/bappeda/handler.js'),
    import('../../functions/visits/handler.js'),
    import('../../functions/opendata/handler.js'),
    import('../../functions/accounts/handler.js'),
    import('../../functions/ledger/handler.js'),
    import('../../functions/guide/handler.js'),
  ]);
  return {
    docs: docs.handler,
    programs: programs.handler,
    candidates: candidates.handler,
    imports: imports.handler,
    reports: reports.handler,
    web: web.handler,
    bappeda: bappeda.handler,
    visits: visits.handler,
    opendata: opendata.handler,
    accounts: accounts.handler,
    ledger: ledger.handler,
    guide: guide.handler,
  };
}

export function httpServer(gateway: LocalGateway): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      gateway
        .handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers,
          body: Buffer.concat(chunks),
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        })
        .then((response) => {
          res.writeHead(response.status, response.headers);
          res.end(response.body);
        })
        .catch((error: unknown) => {
          console.error('local gateway failure', error instanceof Error ? error.name : error);
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end('{"message":"Internal Server Error"}');
        });
    });
  });
}

export interface LocalSystem {
  url: string;
  dynamo: RunningDynamoDb;
  stop(): Promise<void>;
}

/** Everything `npm start` runs: DynamoDB Local, the table, this year's programme, the IdP and the API. */
export async function startLocalSystem(options: { port: number; dataDir: string }): Promise<LocalSystem> {
  mkdirSync(options.dataDir, { recursive: true });
  const secrets = await loadSecrets(options.dataDir);
  const dynamo = await startDynamoDbLocal({ dbPath: join(options.dataDir, 'dynamodb') });
  try {
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_NAME: LOCAL_TABLE,
      NIK_HASH_KEY: secrets.nikHashKey,
      SESSION_KEY: secrets.sessionKey,
      GKB_LOCAL_SIGN_IN: 'true',
    });
    // GKB_TODAY=YYYY-MM-DD makes that date today for a rehearsal (the time of day runs on).
    // Only the local system reads it; the deployed functions never move their clock.
    setToday(process.env.GKB_TODAY || undefined);
    await ensureTable(dynamo.endpoint, LOCAL_TABLE);
    await ensureProgram(todayInBrebes().year);
    await ensureDemoAccounts();
    const gateway = new LocalGateway(
      await importHandlers(),
      await LocalIdentityProvider.create(secrets.identity),
    );
    const server = httpServer(gateway);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, resolve);
    });
    return {
      url: `http://localhost:${options.port}`,
      dynamo,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
