import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../functions/http/logger.js';
import { setMetricsSink } from '../../shared/metrics.js';
import { registration, VILLAGE } from '../support/candidates.js';
import { capturedLines, forgetCapturedLines, leaks } from '../support/log-privacy.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The log capture that every test file runs under (test/support/log-privacy.ts) really sees
 * the functions' logs and really catches a personal value in them; and the functions emit
 * the programme's metrics in embedded metric format.
 */
let sys: TestSystem;
let bappeda: string;
let official: string;
let metricLines: string[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  bappeda = await sys.token('bappeda_staff');
  official = await sys.token('village_official', VILLAGE);
  expect(
    (await sys.request('PUT', '/programs/2026', { token: bappeda, body: { villageQuota: 1, apbdPlaces: 4 } }))
      .status,
  ).toBe(200);
});

afterEach(() => {
  metricLines = [];
  setMetricsSink(undefined);
});

describe('log capture', () => {
  it('captures the request logs, with route, status, latency, role and scope', async () => {
    const before = capturedLines().length;
    expect(
      (await sys.request('POST', '/candidates', { token: official, body: registration(1) })).status,
    ).toBe(201);
    const requestLines = capturedLines()
      .slice(before)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.message === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: 'INFO',
      route: 'POST /candidates',
      status: 201,
      latencyMs: expect.any(Number),
      role: 'village_official',
      scope: VILLAGE,
      function_request_id: expect.any(String),
    });
    expect(leaks()).toEqual([]);
  });

  it('catches a personal value that reaches a log line', async () => {
    const body = registration(2);
    expect((await sys.request('POST', '/candidates', { token: official, body })).status).toBe(201);
    logger.info('a careless line', { who: body.fullName });
    expect(leaks()).toEqual([expect.stringContaining('fullName')]);
    logger.info('another', { id: body.nik });
    expect(leaks()).toContainEqual(expect.stringContaining(body.nik.slice(-4)));
    // Forget the planted lines, or this file would (rightly) fail after its tests.
    forgetCapturedLines();
    expect(leaks()).toEqual([]);
  });
});

type Emf = {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
} & Record<string, unknown>;

const collectMetrics = () => {
  setMetricsSink((line) => metricLines.push(line));
};
const metrics = () => metricLines.map((l) => JSON.parse(l) as Emf);
const valuesOf = (name: string, dimensions: Record<string, string> = {}) =>
  metrics()
    .filter(
      (m) =>
        m._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name === name &&
        Object.entries(dimensions).every(([k, v]) => m[k] === v),
    )
    .map((m) => m[name]);

describe('metrics (embedded metric format)', () => {
  it('counts registrations, the waitlisted among them, requests and 4xx', async () => {
    collectMetrics();
    const first = await sys.request('POST', '/candidates', { token: official, body: registration(3) });
    expect(first.status).toBe(201); // the village's one place is taken: waitlisted
    expect((await sys.request('POST', '/candidates', { token: official, body: {} })).status).toBe(400);
    expect(valuesOf('Registrations')).toEqual([1]);
    expect(valuesOf('Waitlisted')).toEqual([1]);
    expect(valuesOf('Requests')).toEqual([1, 1]);
    expect(valuesOf('Responses4xx')).toEqual([1]);
    expect(valuesOf('Responses5xx')).toEqual([]);
    for (const m of metrics()) {
      expect(m._aws.CloudWatchMetrics[0]?.Namespace).toBe('GKB');
      expect(typeof m._aws).toBe('object');
    }
  });

  it('counts transitions by target status, and APBD places and money used', async () => {
    const res = await sys.request<{ id: string; version: number }>('POST', '/candidates', {
      token: official,
      body: registration(4),
    });
    collectMetrics();
    const funded = await sys.request<{ id: string; version: number }>(
      'POST',
      `/candidates/${res.body.id}/apbd-place`,
      { token: bappeda, headers: { 'if-match': `"${res.body.version}"` } },
    );
    expect(funded.status).toBe(200);
    expect(valuesOf('ApbdPlacesUsed')).toEqual([1]);
    // Rp 500,000,000 over 4 places: Rp 125,000,000 is 25 % of the ceiling.
    expect(valuesOf('ApbdMoneyUsedPercent')).toEqual([25]);
    const verified = await sys.request('POST', `/candidates/${res.body.id}/transitions`, {
      token: await sys.token('fmpp_volunteer', '33.29.01'),
      body: { to: 'VERIFIED' },
      headers: { 'if-match': `"${funded.body.version}"` },
    });
    expect(verified.status).toBe(200);
    expect(valuesOf('Transitions', { ToStatus: 'VERIFIED' })).toEqual([1]);
    const transition = metrics().find((m) => m.Transitions !== undefined);
    expect(transition?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['ToStatus']]);
  });
});
