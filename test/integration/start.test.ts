import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamodb-local.js';
import { registration } from '../support/candidates.js';

/** `npm start` as a newcomer runs it: a child process in its own folder, stopped with Ctrl-C (SIGINT). */
const START = resolve('scripts/start.ts');
const workDir = mkdtempSync(join(tmpdir(), 'gkb-start-'));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

function start(port: number, args: string[] = [], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), START, ...args], {
    cwd: workDir,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const ready = new Promise<void>((res, rej) => {
    const timer = setInterval(() => {
      if (output.includes('GKB Tracker siap')) {
        clearInterval(timer);
        res();
      }
    }, 50);
    exited.then(() => {
      clearInterval(timer);
      rej(new Error(`exited early: ${output}`));
    });
  });
  ready.catch(() => undefined); // awaited by the tests that expect a start
  return { child, ready, exited, output: () => output };
}

/** DynamoDB Local processes whose data lives in this test's folder. */
const javaProcesses = () =>
  execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(workDir));

async function call(port: number, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`http://localhost:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('npm start', () => {
  it('stops at once, naming the package, when Java is missing', async () => {
    const port = await freePort();
    const noJava = mkdtempSync(join(tmpdir(), 'gkb-nojava-'));
    const run = start(port, [], { ...process.env, PATH: noJava });
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toContain('openjdk-17-jre-headless');
    rmSync(noJava, { recursive: true, force: true });
  });

  it('serves the API, keeps data across restarts, leaves no Java behind, and --fresh starts over', async () => {
    const port = await freePort();
    const first = start(port);
    await first.ready;
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(first.output()).toContain('/dev/token');
    const { body: tokenBody } = await call(port, 'POST', '/dev/token', {
      role: 'village_official',
      villageCode: '33.29.01.2001',
    });
    const token = String(tokenBody.token);
    const year = new Date().getUTCFullYear();
    const created = await call(port, 'POST', '/candidates', registration(1, { year }), token);
    expect(created.status).toBe(201);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(javaProcesses()).toEqual([]);

    const second = start(port);
    await second.ready;
    const again = await call(port, 'GET', `/candidates/${created.body.id}`, undefined, token);
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    await second.exited;

    const fresh = start(port, ['--fresh']);
    await fresh.ready;
    const { body: freshToken } = await call(port, 'POST', '/dev/token', { role: 'bappeda_staff' });
    const gone = await call(
      port,
      'GET',
      `/candidates/${created.body.id}`,
      undefined,
      String(freshToken.token),
    );
    expect(gone.status).toBe(404);
    fresh.child.kill('SIGTERM');
    expect(await fresh.exited).toBe(0);
    expect(javaProcesses()).toEqual([]);
  }, 120_000);
});
