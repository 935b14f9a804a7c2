import { afterEach, describe, expect, it, vi } from 'vitest';
import { putMetric, setMetricsSink } from '../../shared/metrics.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('putMetric', () => {
  it('writes one embedded-metric-format line to stdout in Lambda', () => {
    setMetricsSink(undefined);
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'gkb-candidates');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    putMetric('Transitions', 1, 'Count', { ToStatus: 'ENROLLED' });
    expect(write).toHaveBeenCalledTimes(1);
    const line = String(write.mock.calls[0]?.[0]);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          { Namespace: 'GKB', Dimensions: [['ToStatus']], Metrics: [{ Name: 'Transitions', Unit: 'Count' }] },
        ],
      },
      ToStatus: 'ENROLLED',
      Transitions: 1,
    });
  });

  it('writes nothing outside Lambda unless a sink is set', () => {
    setMetricsSink(undefined);
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    putMetric('Registrations', 1);
    expect(write).not.toHaveBeenCalled();
    const lines: string[] = [];
    setMetricsSink((l) => lines.push(l));
    putMetric('ApbdMoneyUsedPercent', 90.5, 'Percent');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ ApbdMoneyUsedPercent: 90.5 });
    expect(JSON.parse(lines[0] ?? '{}')._aws.CloudWatchMetrics[0].Dimensions).toEqual([[]]);
  });
});
