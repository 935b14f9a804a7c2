import { describe, expect, it } from 'vitest';
import { NEXT_STEP_UNEXPECTED, NEXT_STEPS } from '../../functions/web/help.js';
import { type ErrorCode, statusOf } from '../../shared/errors.js';

/** Words of the API that mean nothing to a village operator, never in the Indonesian text. */
const JARGON = /\b(header|if-match|idempotency|request|retry|error|json|http)\b/i;

describe('what to do next after an error', () => {
  const codes = Object.keys(statusOf) as ErrorCode[];

  it('is said for every error code, in Indonesian and English, and after an unexpected failure', () => {
    expect(codes.length).toBeGreaterThan(10);
    for (const [id, en] of [...codes.map((code) => NEXT_STEPS[code]), NEXT_STEP_UNEXPECTED]) {
      expect(id.trim().length, en).toBeGreaterThan(10);
      expect(en.trim().length, id).toBeGreaterThan(10);
      expect(id).not.toBe(en);
      expect(id, id).not.toMatch(JARGON);
    }
    expect(Object.keys(NEXT_STEPS).sort()).toEqual([...codes].sort());
  });

  it('names the step people take for the errors they meet most', () => {
    expect(NEXT_STEPS.NOT_FOUND[0]).toBe('Periksa alamatnya, atau buka daftar calon dan cari lagi.');
    expect(NEXT_STEPS.VERSION_MISMATCH[0]).toContain('Muat ulang');
    expect(NEXT_STEPS.RETRY_LATER[0]).toContain('coba lagi');
    expect(NEXT_STEP_UNEXPECTED[0]).toContain('Bappeda');
  });
});
