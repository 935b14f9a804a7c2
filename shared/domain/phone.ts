/**
 * Indonesian mobile numbers, as people write them (0812-3456-7890, +62 812 3456 7890,
 * 62812…, (0812) …), normalised to E.164 `+628…`. Mobile numbers are 08 followed by
 * 8 to 11 digits, so 9 to 12 digits after the country code.
 */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s().-]/g, '');
  const m = /^(?:\+62|62|0)?(8[1-9]\d{7,10})$/.exec(compact);
  return m ? `+62${m[1]}` : undefined;
}
