import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensureTable,
  freePort,
  type RunningDynamoDb,
  startDynamoDbLocal,
} from '../../infra/local/dynamodb-local.js';
import { LocalGateway } from '../../infra/local/gateway.js';
import { LocalIdentityProvider } from '../../infra/local/identity-provider.js';
import { importHandlers } from '../../infra/local/system.js';
import { registration, VILLAGE } from '../support/candidates.js';

/**
 * DynamoDB Local with its data on disk, killed with SIGKILL in the middle of a stream of
 * registrations and started again on the same port: every registration answered 201 is
 * there, nothing is half-written and the village's counts equal a recount.
 *
 * One allowance, for the emulator: DynamoDB Local answers a write a few milliseconds before
 * its SQLite file has it (seen here, under load: the registration answered 201 just before
 * the kill was missing after the restart). DynamoDB in AWS answers only once a write is
 * durable. So a 201 answered within LAG_MS before the kill may be missing, but then wholly
 * (its NIK can be registered again); every earlier one must be there.
 */
const LAG_MS = 200;
const dir = mkdtempSync(join(tmpdir(), 'gkb-durability-'));
let dynamo: RunningDynamoDb | undefined;

afterAll(async () => {
  await dynamo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged registration through a SIGKILL of the database', async () => {
    const port = await freePort();
    dynamo = await startDynamoDbLocal({ dbPath: dir, port });
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_NAME: 'gkb-durability',
      NIK_HASH_KEY: 'durability-test-key',
      SESSION_KEY: 'durability-session-key',
    });
    await ensureTable(dynamo.endpoint, 'gkb-durability');
    const identity = await LocalIdentityProvider.create();
    const gateway = new LocalGateway(await importHandlers(), identity);
    const bappeda = await identity.issueToken({ sub: 'b', 'cognito:groups': ['bappeda_staff'] });
    const official = await identity.issueToken({
      sub: 'o',
      'cognito:groups': ['village_official'],
      'custom:village_code': VILLAGE,
    });
    const call = (method: string, url: string, token: string, body?: unknown) =>
      gateway.handle({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await call('PUT', '/programs/2026', bappeda, {})).status).toBe(200);

    const acknowledged: { id: string; serial: number; at: number }[] = [];
    const answers: number[] = [];
    let killed = false;
    let warmedUp: () => void = () => {};
    const twentyAcknowledged = new Promise<void>((r) => {
      warmedUp = r;
    });
    const stream = (async () => {
      for (let i = 1; i <= 400 && !(killed && answers.at(-1) !== 201); i++) {
        const res = await call('POST', '/candidates', official, registration(i));
        answers.push(res.status);
        if (res.status === 201) {
          const { id } = JSON.parse(res.body.toString()) as { id: string };
          acknowledged.push({ id, serial: i, at: performance.now() });
        }
        if (acknowledged.length === 20) warmedUp();
      }
    })();
    // Killed after twenty registrations, at a random moment inside the ones that follow.
    await twentyAcknowledged;
    await new Promise((r) => setTimeout(r, Math.random() * 30));
    dynamo.process.kill('SIGKILL');
    const killedAt = performance.now();
    killed = true;
    await stream;
    const child = dynamo.process;
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));

    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(answers.filter((s) => s !== 201).every((s) => s === 503)).toBe(true);

    dynamo = await startDynamoDbLocal({ dbPath: dir, port });
    const missing = [];
    for (const a of acknowledged)
      if ((await call('GET', `/candidates/${a.id}`, bappeda)).status !== 200) missing.push(a);
    expect(missing.filter((a) => killedAt - a.at >= LAG_MS)).toEqual([]);
    // One lost in the emulator's last moments is lost whole: its NIK guard went with it.
    for (const a of missing)
      expect((await call('POST', '/candidates', official, registration(a.serial))).status).toBe(201);
    const list = JSON.parse(
      (await call('GET', `/candidates?village=${VILLAGE}&limit=100`, bappeda)).body.toString(),
    ) as {
      items: { funding: { village: string } }[];
    };
    const summary = JSON.parse((await call('GET', `/villages/${VILLAGE}`, bappeda)).body.toString()) as {
      funded: number;
      waitlisted: number;
      byStatus: Record<string, number>;
    };
    expect(summary.byStatus.IDENTIFIED).toBe(list.items.length);
    expect(summary.funded).toBe(list.items.filter((c) => c.funding.village === 'FUNDED').length);
    expect(summary.waitlisted).toBe(list.items.filter((c) => c.funding.village === 'WAITLISTED').length);
    expect(list.items.length).toBeGreaterThanOrEqual(acknowledged.length);
  }, 120_000);
});
