import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, logger, withInvocationContext } from '../../functions/http/logger.js';

/** The functions' JSON logger: levels, streams, and the invocation's facts on each line. */
const saved = { LOG_LEVEL: process.env.LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL: process.env.AWS_LAMBDA_LOG_LEVEL };

function written(stream: NodeJS.WriteStream, act: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return lines.map((l) => {
    expect(l.endsWith('\n')).toBe(true);
    return JSON.parse(l) as Record<string, unknown>;
  });
}

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const context = (awsRequestId: string) =>
  ({ functionName: 'GkbTracker-Candidates', awsRequestId }) as Context;

describe('logger', () => {
  it('writes one JSON line with level, message, time, service and the keys given', () => {
    process.env.LOG_LEVEL = 'INFO';
    const [line] = written(process.stdout, () => logger.info('request', { status: 201 }));
    expect(line).toMatchObject({ level: 'INFO', message: 'request', service: 'gkb-tracker', status: 201 });
    expect(new Date(String(line?.timestamp)).toISOString()).toBe(line?.timestamp);
  });

  it('drops lines below the level, from LOG_LEVEL or else Lambda’s AWS_LAMBDA_LOG_LEVEL', () => {
    delete process.env.LOG_LEVEL;
    process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    expect(written(process.stdout, () => logger.info('hidden'))).toEqual([]);
    expect(written(process.stderr, () => logger.warn('shown'))).toHaveLength(1);
    process.env.LOG_LEVEL = 'DEBUG';
    expect(written(process.stdout, () => logger.debug('now shown'))).toHaveLength(1);
    process.env.LOG_LEVEL = 'SILENT';
    expect(written(process.stderr, () => logger.error('not even this'))).toEqual([]);
  });

  it('sends errors to stderr', () => {
    process.env.LOG_LEVEL = 'INFO';
    expect(written(process.stdout, () => logger.error('boom'))).toEqual([]);
    expect(written(process.stderr, () => logger.error('boom'))[0]).toMatchObject({ level: 'ERROR' });
  });

  it('puts the invocation’s request ids and cold start on lines logged during it, and only then', async () => {
    process.env.LOG_LEVEL = 'INFO';
    const handler = withInvocationContext(
      async () => written(process.stdout, () => logger.info('inside'))[0],
    );
    expect(await handler({ requestContext: { requestId: 'api-1' } }, context('req-1'))).toMatchObject({
      function_name: 'GkbTracker-Candidates',
      function_request_id: 'req-1',
      api_request_id: 'api-1',
      cold_start: true,
    });
    expect(await handler({}, context('req-2'))).toMatchObject({
      function_request_id: 'req-2',
      cold_start: false,
    });
    expect(written(process.stdout, () => logger.info('outside'))[0]).not.toHaveProperty(
      'function_request_id',
    );
  });

  it('keeps each of many overlapping invocations’ lines with their own request id', async () => {
    process.env.LOG_LEVEL = 'INFO';
    const lines: Record<string, unknown>[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
    try {
      const handler = withInvocationContext(async (event: { n: number }) => {
        for (let step = 0; step < 3; step++) {
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          logger.info('step', { n: event.n });
        }
      });
      await Promise.all(Array.from({ length: 20 }, (_, n) => handler({ n }, context(`req-${n}`))));
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(60);
    for (const line of lines) expect(line.function_request_id).toBe(`req-${line.n}`);
  });

  it('describes an error with its name, message, stack and causes, masking long digit runs', () => {
    const error = new Error('outer 3329014507100001', { cause: new TypeError('inner') });
    const described = describeError(error);
    expect(described).toMatchObject({
      name: 'Error',
      message: 'outer ************0001',
      cause: { name: 'TypeError', message: 'inner' },
    });
    expect(String(described.stack)).toContain('logger.test.ts');
    expect(JSON.stringify(described)).not.toContain('3329014507100001');
  });
});
