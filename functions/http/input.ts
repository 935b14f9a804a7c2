import type * as z from 'zod/mini';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { parseWith } from '../../shared/schema-problems.js';
import type { GkbContext } from './app.js';

/** Bodies are small JSON documents; anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Reads and checks a JSON body: malformed, oversized, non-object or off-schema bodies are 400. */
export async function jsonBody<T extends z.ZodMiniType>(c: GkbContext, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw validationFailed([{ field: 'body', key: 'body.tooLarge', params: { max: MAX_BODY_BYTES / 1024 } }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationFailed([{ field: 'body', key: 'body.json' }]);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw validationFailed([{ field: 'body', key: 'body.object' }]);
  }
  const parsed = parseWith(schema, value);
  if (parsed.problems.length > 0) throw validationFailed(parsed.problems);
  return parsed.data as z.infer<T>;
}

/** A query parameter read through a schema; a bad value names the parameter. */
export function queryParam<T extends z.ZodMiniType>(c: GkbContext, name: string, schema: T): z.infer<T> {
  const parsed = parseWith(schema, c.req.query(name));
  if (parsed.problems.length > 0) throw validationFailed([{ field: name, key: 'query.invalid' }]);
  return parsed.data as z.infer<T>;
}

/** `If-Match: "3"` (or `3`, or `W/"3"`) as a number; undefined when absent; unparseable is stale (412). */
export function ifMatchVersion(c: GkbContext): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw new DomainError('VERSION_MISMATCH');
  return Number(m[1]);
}
