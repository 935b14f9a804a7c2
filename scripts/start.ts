/**
 * `npm start`: the whole system locally at http://localhost:3000 (PORT overrides).
 * Data persists in .data/ (git-ignored); `npm start -- --fresh` starts from nothing.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { JavaMissingError } from '../infra/local/dynamodb-local.js';
import { LOCAL_TABLE, startLocalSystem } from '../infra/local/system.js';

const dataDir = join(process.cwd(), '.data');
if (process.argv.includes('--fresh')) rmSync(dataDir, { recursive: true, force: true });
process.env.LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const started = performance.now();
try {
  const system = await startLocalSystem({ port: Number(process.env.PORT ?? 3000), dataDir });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const today = process.env.GKB_TODAY
    ? `\n  Hari ini        : ${process.env.GKB_TODAY} (GKB_TODAY, hanya lokal)`
    : '';
  console.log(`GKB Tracker siap di ${system.url} (${seconds} s). Data: ${dataDir}${today}
  Dokumentasi API : ${system.url}/docs
  DynamoDB Local  : ${system.dynamo.endpoint} (tabel ${LOCAL_TABLE}; npm run copy-table -- --endpoint …)
  Minta token     : curl -s -X POST ${system.url}/dev/token -H 'content-type: application/json' \\
                      -d '{"role":"village_official","villageCode":"33.29.01.2001"}'
                    (role: village_official + villageCode, fmpp_volunteer + districtCode, bappeda_staff)
  Berhenti        : Ctrl-C`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: menghentikan server dan DynamoDB Local…`);
    system.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Whatever ends this process, the Java child must not outlive it.
  process.on('exit', () => system.dynamo.process.kill('SIGKILL'));
} catch (error) {
  console.error(error instanceof JavaMissingError ? error.message : error);
  process.exit(1);
}
