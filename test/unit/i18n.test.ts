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
