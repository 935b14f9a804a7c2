import { describe, expect, it } from 'vitest';
import { addMessages, type Lang, type Message, render } from '../../shared/i18n.js';
import { cellText, excelMadeNumber, importDate } from '../../shared/imports/cells.js';
import { importMessages } from '../../shared/imports/messages.js';

addMessages(importMessages);

/** The problem a date cell gives, rendered; the date itself when it is one. */
const dateSays = (value: string, lang: Lang = 'id') => {
  const read = importDate(value);
  return typeof read === 'string' ? read : render(read, lang);
};

describe('the date of a survey list', () => {
  it.each([
    ['2010-07-05', '2010-07-05'],
    ['5-7-2010', '2010-07-05'],
    ['05/07/2010', '2010-07-05'],
    ['29/02/2012', '2012-02-29'],
    ['5 Juli 2010', '2010-07-05'],
    ['05.07.2010', '2010-07-05'],
  ])('reads %s as %s', (value, iso) => {
    expect(importDate(value)).toBe(iso);
  });

  it.each<[string, Lang, string]>([
    ['31/02/2012', 'id', '31 Februari 2012 tidak ada di kalender. Periksa tanggalnya.'],
    ['31/02/2012', 'en', '31 February 2012 does not exist. Check the date.'],
    ['2011-02-29', 'id', '29 Februari 2011 tidak ada di kalender. Periksa tanggalnya.'],
    ['31-04-2010', 'id', '31 April 2010 tidak ada di kalender. Periksa tanggalnya.'],
    ['00-07-2010', 'id', '0 Juli 2010 tidak ada di kalender. Periksa tanggalnya.'],
  ])('says that %s does not exist (%s), rather than that its format is wrong', (value, lang, text) => {
    expect(importDate(value)).toMatchObject({ key: 'import.dateNotReal' });
    expect(dateSays(value, lang)).toBe(text);
  });

  it('says which month does not exist when day and month are swapped', () => {
    expect(dateSays('07/13/2010')).toBe(
      'Bulan 13 tidak ada. Tulis tanggal sebagai HH-BB-TTTT (hari dulu, lalu bulan), misalnya 05-07-2010.',
    );
    expect(dateSays('07/13/2010', 'en')).toMatch(/^There is no month 13\. Write the date as DD-MM-YYYY/);
  });

  it.each(['2010/07/05', '5 Juliii 2010', '40000'])('asks for a known format for %s', (value) => {
    expect(importDate(value)).toEqual({ key: 'import.date' });
    expect(dateSays(value)).toBe('Tulis tanggal sebagai TTTT-BB-HH atau HH-BB-TTTT.');
  });
});

describe('a NIK that Excel changed into a number', () => {
  it.each<[string | number, boolean]>([
    ['3.32901E+15', true],
    ['3,32901E+15', true],
    [' 3,32901e+15 ', true],
    ['3.32901E15', true],
    [3329014507100000, true],
    ['3329014507100001', false],
    ['3329 0145 0710 0001', false],
    ['E+15', false],
    ['3.329.014', false],
  ])('%s: %s', (cell, changed) => {
    expect(excelMadeNumber(cell)).toBe(changed);
  });

  it.each<[Lang, string]>([
    [
      'id',
      'Excel mengubah NIK ini menjadi angka (misalnya 3,32901E+15), sehingga angka terakhirnya hilang. Format kolom sebagai Teks lalu ketik ulang NIK lengkap 16 angka, atau pakai templat Excel yang kolom NIK-nya sudah berformat Teks.',
    ],
    [
      'en',
      'Excel changed this NIK into a number (like 3.32901E+15), so its last digits are lost. Format the column as Text and type the NIK again, all 16 digits, or use the Excel template, whose NIK column is already Text.',
    ],
  ])('says so, and how to fix it, in %s', (lang, text) => {
    const message: Message = { key: 'import.excelNumber', params: { column: 'NIK' } };
    expect(render(message, lang)).toBe(text);
  });

  it('names the KK column for a KK', () => {
    expect(render({ key: 'import.excelNumber', params: { column: 'No KK' } }, 'id')).toContain(
      'Excel mengubah No KK ini menjadi angka',
    );
  });
});

describe('a cell as text', () => {
  it.each<[Parameters<typeof cellText>[0], string]>([
    [null, ''],
    [' Siti ', 'Siti'],
    [true, 'Ya'],
    [new Date(Date.UTC(2010, 6, 5)), '2010-07-05'],
    // The formula guard's apostrophe of a downloaded file comes off; any other stays.
    ["'+62 812 3456 7890", '+62 812 3456 7890'],
    ["'- sakit", '- sakit'],
    ["'Ucok", "'Ucok"],
  ])('%s → %s', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});
