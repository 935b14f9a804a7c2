import { describe, expect, it } from 'vitest';
import { type Lang, langFrom, type Message, render } from '../../shared/i18n.js';

describe('render', () => {
  it.each<[Lang, string]>([
    ['id', 'NIK harus 16 angka, yang diisi 15 angka.'],
    ['en', 'A NIK has 16 digits; 15 were given.'],
  ])('fills the parameters of nik.length in %s', (lang, text) => {
    expect(render({ key: 'nik.length', params: { count: 15 } }, lang)).toBe(text);
  });

  it.each<[Lang, string]>([
    ['id', 'Umur 19 tahun pada 2026-07-01; jalur ATS untuk umur 7–18 tahun.'],
    ['en', 'Aged 19 on 2026-07-01; the ATS track is for ages 7–18.'],
  ])('fills every parameter of age.range in %s', (lang, text) => {
    const message: Message = {
      key: 'age.range',
      params: { age: 19, date: '2026-07-01', track: 'ATS', min: 7, max: 18 },
    };
    expect(render(message, lang)).toBe(text);
  });

  it.each<[Lang, string]>([
    ['id', 'NIK ini sudah terdaftar pada tahun program 2026. Satu orang hanya boleh didaftarkan sekali.'],
    ['en', 'This NIK is already registered in programme year 2026. A person may be registered only once.'],
  ])('renders a parameterised error in %s', (lang, text) => {
    expect(render({ key: 'error.DUPLICATE_NIK', params: { year: 2026 } }, lang)).toBe(text);
  });

  it.each<[Lang, string]>([
    ['id', 'Wajib diisi.'],
    ['en', 'Required.'],
  ])('renders a plain key in %s', (lang, text) => {
    expect(render({ key: 'field.required' }, lang)).toBe(text);
  });

  it.each<[Lang, string, string]>([
    [
      'id',
      'Tanggal lahir 06-07-2010 tidak sama dengan NIK (05-07-2010). Periksa KTP/KK; data tetap disimpan.',
      'Jenis kelamin Laki-laki tidak sama dengan NIK (perempuan). Periksa KTP/KK; data tetap disimpan.',
    ],
    [
      'en',
      'Date of birth 06-07-2010 does not match the NIK (05-07-2010). Check the ID card; the record is kept.',
      'Sex entered as male does not match the NIK (female). Check the ID card; the record is kept.',
    ],
  ])('names what was entered and what the NIK says when they differ, in %s', (lang, birthDate, sex) => {
    const params = { declared: '06-07-2010', encoded: '05-07-2010' };
    expect(render({ key: 'nik.warn.birthDate', params }, lang)).toBe(birthDate);
    expect(render({ key: 'nik.warn.sex', params: { declared: 'M', encoded: 'F' } }, lang)).toBe(sex);
  });

  it('names a woman entered for a man too', () => {
    expect(render({ key: 'nik.warn.sex', params: { declared: 'F', encoded: 'M' } }, 'id')).toBe(
      'Jenis kelamin Perempuan tidak sama dengan NIK (laki-laki). Periksa KTP/KK; data tetap disimpan.',
    );
  });

  it('keeps the unnamed wording for NIK warnings stored before they named the values', () => {
    expect(render({ key: 'nik.warn.birthDate' }, 'id')).toBe(
      'Tanggal lahir di NIK berbeda dengan tanggal lahir yang diisi. Periksa KTP/KK; data tetap disimpan.',
    );
    expect(render({ key: 'nik.warn.sex' }, 'en')).toBe(
      'The sex encoded in the NIK differs from the declared one. Check the ID card; the record is kept.',
    );
  });

  it('renders the two languages differently', () => {
    const message: Message = { key: 'field.oneOf', params: { values: 'M, F' } };
    expect(render(message, 'id')).toBe('Harus salah satu dari: M, F.');
    expect(render(message, 'en')).toBe('Must be one of: M, F.');
  });
});

describe('langFrom', () => {
  it.each<[string | undefined | null, Lang]>([
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN-us', 'en'],
    ['  en-US , id;q=0.5', 'en'],
    ['id', 'id'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['id;q=0.5, en;q=0.9', 'en'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0, id', 'id'],
    ['fr', 'id'],
    ['fr-FR,fr;q=0.9', 'id'],
    ['jv', 'id'],
    ['*', 'id'],
    ['', 'id'],
    [undefined, 'id'],
    [null, 'id'],
  ])('%j → %s', (header, lang) => {
    expect(langFrom(header)).toBe(lang);
  });
});
