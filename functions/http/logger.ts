import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * One structured JSON line per event, on stdout (errors and warnings on stderr), with the
 * invocation's request ids. Only request facts go in (route, status, latency, role, scope):
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
/**
 * The facts of the invocation a line is written in. Kept per asynchronous context, not in a
 * module variable: the local server runs overlapping requests in one process, and each line
 * must carry its own request's ids.
 */
const invocation = new AsyncLocalStorage<Keys>();
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
    ...invocation.getStore(),
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

/** Long runs of digits in an error's text (a NIK or KK an error message quoted) keep their last four. */
const maskDigits = (text: string) =>
  text.replace(/\d{8,}/g, (run) => `${'*'.repeat(run.length - 4)}${run.slice(-4)}`);
const MAX_TEXT = 2000;

/**
 * What an error is, for a log line: name, message, stack and the chain of causes. Our own
 * errors never carry personal values; a library's message might quote its input, so runs of
 * digits are masked and every text is cut to a bounded length.
 */
export function describeError(error: unknown, depth = 0): Keys {
  if (!(error instanceof Error))
    return { name: typeof error, message: maskDigits(String(error)).slice(0, 200) };
  return {
    name: error.name,
    message: maskDigits(error.message).slice(0, MAX_TEXT),
    ...(error.stack ? { stack: maskDigits(error.stack).slice(0, MAX_TEXT) } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: describeError(error.cause, depth + 1) } : {}),
  };
}

/**
 * A Lambda handler whose every log line carries its invocation's ids: the function's request
 * id (API Gateway's access log has it as `integrationRequestId`) and, for HTTP events, API
 * Gateway's own request id (`requestId` there).
 */
export function withInvocationContext<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  return (event, context) => {
    const apiRequestId = (event as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext
      ?.requestId;
    const keys: Keys = {
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
      ...(typeof apiRequestId === 'string' ? { api_request_id: apiRequestId } : {}),
      cold_start: coldStart,
      ...(process.env._X_AMZN_TRACE_ID ? { xray_trace_id: process.env._X_AMZN_TRACE_ID } : {}),
    };
    coldStart = false;
    return invocation.run(keys, () => handler(event, context));
  };
}
