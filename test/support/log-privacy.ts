import { afterAll, expect } from 'vitest';
import { type GatewayRequest, LocalGateway } from '../../infra/local/gateway.js';
import { setMetricsSink } from '../../shared/metrics.js';

/**
 * Runs in every test file (vitest `setupFiles`): every request that goes through the local
 * gateway (API calls, web forms, imports, the browser's traffic) has its personal values
 * collected, and every line the functions log (JSON logs at DEBUG, and the
 * metric lines) is captured instead of printed. After the file, no captured line may
 * contain any personal value that was sent.
 */

/** Personal values sent during this file: value → which field carried it. */
const sent = new Map<string, string>();
const lines: string[] = [];

/** JSON body keys and form fields that carry personal data. */
const PERSONAL_KEYS = new Set([
  'nik',
  'kk',
  'fullName',
  'guardianName',
  'phone',
  'consent.name',
  'name',
  'email',
]);
/** Import columns that carry personal data (normalised: lower case, no spaces). */
const PERSONAL_COLUMNS = new Set([
  'nik',
  'nokk',
  'namalengkap',
  'namawali',
  'nohp',
  'namapemberipersetujuan',
  // the accounts sheet
  'email',
  'nama',
]);

/**
 * Short or letterless values are not personal on their own (fuzzing sends "a", "0", " "); a
 * value counts from six characters with a letter or digit in it.
 */
function remember(field: string, value: unknown): void {
  if (typeof value !== 'string') return;
  const v = value.trim();
  if (v.length >= 6 && /[\p{L}\p{N}]/u.test(v)) sent.set(v, field);
}

function collectJson(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (const item of value) collectJson(item, path);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const next = path ? `${path}.${key}` : key;
      if (PERSONAL_KEYS.has(next) || PERSONAL_KEYS.has(key)) remember(next, inner);
      else collectJson(inner, next);
    }
  }
}

function collectCsv(text: string): void {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.split(/[;,]/).map((cell) => cell.replace(/^"|"$/g, '').trim()));
  const header = (rows[0] ?? []).map((h) => h.toLowerCase().replace(/\s+/g, ''));
  for (const row of rows.slice(1))
    for (const [i, cell] of row.entries())
      if (PERSONAL_COLUMNS.has(header[i] ?? '')) remember(header[i] ?? '', cell);
}

/** Every personal value in one request, whatever its format. */
export function collectPersonalValues(request: Pick<GatewayRequest, 'headers' | 'body'>): void {
  if (request.body === undefined) return;
  const text = request.body.toString();
  const type = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  // Whatever the format (XLSX included), a run of 16 digits is a NIK or KK.
  for (const run of text.match(/\d{16}/g) ?? []) remember('16 digits', run);
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(text)) if (PERSONAL_KEYS.has(key)) remember(key, value);
  } else if (type.includes('text/csv')) {
    collectCsv(text);
  } else {
    try {
      collectJson(JSON.parse(text), '');
    } catch {
      // Not JSON: only the digit runs above apply.
    }
  }
}

/** The personal values found in captured log lines, masked for the report. */
export function leaks(): string[] {
  const text = lines.join('\n');
  return [...sent]
    .filter(([value]) => text.includes(value))
    .map(([value, field]) => `${field} ending in "${value.slice(-4)}"`);
}

/** For the test that proves a leak is caught: forget what was captured so far. */
export function forgetCapturedLines(): void {
  lines.length = 0;
}

export const capturedLines = (): string[] => [...lines];

const handle = LocalGateway.prototype.handle;
LocalGateway.prototype.handle = function (this: LocalGateway, request: GatewayRequest) {
  collectPersonalValues(request);
  return handle.call(this, request);
};

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '';
    // The functions' structured lines (and metric lines) are captured, not printed.
    if (/^\{"(level|_aws)"/.test(text.trimStart())) {
      lines.push(text);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
}
setMetricsSink((line) => lines.push(line));

afterAll(() => {
  expect(leaks(), 'personal values that were sent appear in the logs').toEqual([]);
});
