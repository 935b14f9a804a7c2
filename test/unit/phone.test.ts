import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../shared/domain/phone.js';

describe('normalisePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['+62-812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['62 812 3456 7890', '+6281234567890'],
    ['(0812) 345 6789', '+628123456789'],
    ['(+62) 812 345 6789', '+628123456789'],
    ['81234567890', '+6281234567890'],
    ['0812.3456.7890', '+6281234567890'],
    ['  0812 3456 7890  ', '+6281234567890'],
    ['0857 1234 5678', '+6285712345678'],
    ['0895 1234 5678', '+6289512345678'],
    // 08 followed by 8 digits is the shortest mobile number, 08 followed by 11 the longest.
    ['0812345678', '+62812345678'],
    ['0812345678901', '+62812345678901'],
    ['+62812345678901', '+62812345678901'],
  ])('normalises %j to %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([
    ['a Jakarta landline', '021 1234 5678'],
    ['a Brebes landline', '(0283) 671 234'],
    ['a landline with country code', '+62 21 1234 5678'],
    ['08 followed by 7 digits (too short)', '081234567'],
    ['08 followed by 12 digits (too long)', '08123456789012'],
    ['far too short', '0812'],
    ['a letter O for zero', '0812-3456-789O'],
    ['words', 'nomor saya 0812 3456 7890'],
    ['a US number', '+1 415 555 0100'],
    ['a +1 number with Indonesian-looking digits', '+1 812 3456 7890'],
    ['a Malaysian number', '+60 12 345 6789'],
    ['0800 (8 followed by 0 is not a mobile prefix)', '0800 1234 5678'],
    ['+62 800 (8 followed by 0)', '+62 800 1234 5678'],
    ['a double country code', '+62 62 812 3456 7890'],
    ['a country code without the 8', '+62'],
    ['an empty string', ''],
    ['only separators', '( ) - .'],
    ['an underscore separator', '0812_3456_7890'],
    ['a slash separator', '0812/3456/7890'],
  ])('rejects %s', (_label, raw) => {
    expect(normalisePhone(raw)).toBeUndefined();
  });
});
