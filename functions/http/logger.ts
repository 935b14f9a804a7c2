import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * One structured JSON line per event, on stdout (errors and warnings on stderr), with the
 * invocation's request id. Only request facts go in (route, status, latency, role, scope):
 * never a body, a NIK, a KK, a name or a phone.
 *
 * Our own few lines instead of Powertools Logger: three call sites used it, and it cost
 * every bundle 21 KB and about 3 ms of cold start. The level is Lambda's own setting
 * (`AWS_LAMBDA_LOG_LEVEL`, from the function's application log level) or `LOG_LEVEL`
 * locally; `SILENT` logs nothing.
 */
const LEVELS = { DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, SILENT: 5 } as const;
type Level = Exclude<keyof typeof LEVELS, 'SILENT'>;
type Keys = Record<string, unknown>;

const SERVICE = 'gkb-tracker';
let invocation: Keys = {};
let coldStart = true;

function threshold(): number {
  const name = (process.env.LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase();
  return name in LEVELS ? LEVELS[name as keyof typeof LEVELS] : LEVELS.INFO;
}

function write(level: Level, message: string, keys: Keys): void {
  if (LEVELS[level] < threshold()) return;
  const line = `${JSON.stringify({
    level,
    message,
    timestamp: new Date().toISOString(),
    service: SERVICE,
    ...invocation,
    ...keys,
  })}\n`;
  (LEVELS[level] >= LEVELS.WARN ? process.stderr : process.stdout).write(line);
}

export const logger = {
  debug: (message: string, keys: Keys = {}) => write('DEBUG', message, keys),
  info: (message: string, keys: Keys = {}) => write('INFO', message, keys),
  warn: (message: string, keys: Keys = {}) => write('WARN', message, keys),
  error: (message: string, keys: Keys = {}) => write('ERROR', message, keys),
};

/** middy middleware: the invocation's facts on every line logged while it runs. */
export function lambdaLogContext(): MiddlewareObj<unknown, unknown, Error, Context> {
  return {
    before: ({ context }) => {
      invocation = {
        function_name: context.functionName,
        function_request_id: context.awsRequestId,
        cold_start: coldStart,
        ...(process.env._X_AMZN_TRACE_ID ? { xray_trace_id: process.env._X_AMZN_TRACE_ID } : {}),
      };
      coldStart = false;
    },
    after: () => {
      invocation = {};
    },
    onError: () => {
      invocation = {};
    },
  };
}
