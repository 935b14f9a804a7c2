import type { Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaLogContext, logger } from '../../functions/http/logger.js';

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

  it('puts the invocation’s request id and cold start on lines logged during it, and only then', async () => {
    process.env.LOG_LEVEL = 'INFO';
    const middleware = lambdaLogContext();
    const invoke = async (id: string) => {
      const request: Request<unknown, unknown, Error, Context> = {
        event: {},
        context: context(id),
        response: undefined,
        error: null,
        internal: {},
      };
      await middleware.before?.(request);
      const [line] = written(process.stdout, () => logger.info('inside'));
      await middleware.after?.(request);
      return line;
    };
    expect(await invoke('req-1')).toMatchObject({
      function_name: 'GkbTracker-Candidates',
      function_request_id: 'req-1',
      cold_start: true,
    });
    expect(await invoke('req-2')).toMatchObject({ function_request_id: 'req-2', cold_start: false });
    expect(written(process.stdout, () => logger.info('outside'))[0]).not.toHaveProperty(
      'function_request_id',
    );
  });
});
