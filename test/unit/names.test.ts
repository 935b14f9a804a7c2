import { describe, expect, it } from 'vitest';
import { isAcceptableName, normaliseName } from '../../shared/domain/names.js';

describe('normaliseName', () => {
  it.each([
    ['  Siti Aminah  ', 'Siti Aminah'],
    ['Siti    Aminah', 'Siti Aminah'],
    ['\tSiti\n\nNur  Aisyah \r\n', 'Siti Nur Aisyah'],
    ['Siti\u00a0Aminah', 'Siti Aminah'],
    ['Siti Aminah', 'Siti Aminah'],
    ['   ', ''],
    ['', ''],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });
});

describe('isAcceptableName', () => {
  it.each([
    ['a plain Latin name', 'Siti Aminah'],
    ['a single name', 'Tarsih'],
    ['a single letter', 'A'],
    ['an abbreviation with a full stop', 'Muh. Rizky'],
    ['an apostrophe', "Nur'aini"],
    ['a hyphen', 'Jean-Pierre'],
    ['precomposed accents', 'José Nguyễn'],
    ['decomposed accents (combining marks)', 'Jose\u0301'],
    ['Arabic script', 'محمد علي'],
    ['Arabic with harakat', 'مُحَمَّد'],
    ['Javanese script', 'ꦱꦶꦠꦶ'],
    ['Javanese script with pangkon', 'ꦱꦸꦥꦂꦩꦤ꧀'],
    ['mixed Latin and Arabic', 'Ahmad أحمد'],
  ])('accepts %s', (_label, name) => {
    expect(isAcceptableName(name)).toBe(true);
  });

  it.each([
    ['digits', 'Budi 2'],
    ['only digits', '12345'],
    ['Arabic-Indic digits', 'علي ٣'],
    ['Javanese digits', 'ꦱꦶꦠꦶ ꧑'],
    ['Javanese punctuation', 'ꦱꦶꦠꦶ꧈'],
    ['an emoji', 'Budi 😀'],
    ['only an emoji', '😀'],
    ['a script tag', '<script>alert(1)</script>'],
    ['angle brackets around a name', '<Budi>'],
    ['only punctuation', ".'-"],
    ['a single full stop', '.'],
    ['only spaces', '   '],
    ['an empty string', ''],
    ['only a combining mark', '\u0301'],
    ['an at sign', 'budi@example'],
    ['an underscore', 'Budi_Santoso'],
    ['a comma', 'Santoso, Budi'],
    ['a tab', 'Budi\tSantoso'],
    ['a newline', 'Budi\nSantoso'],
    ['a double quote', 'Budi "Bud" Santoso'],
  ])('rejects %s', (_label, name) => {
    expect(isAcceptableName(name)).toBe(false);
  });
});
