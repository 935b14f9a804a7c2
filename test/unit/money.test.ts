import { describe, expect, it } from 'vitest';
import {
  apbdPlaceAmounts,
  formatRupiah,
  nextApbdPlaceAmount,
  parseRupiah,
} from '../../shared/domain/money.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('APBD place amounts', () => {
  it('splits Rp 500,000,000 over 300 places as 200 × 1,666,667 then 100 × 1,666,666', () => {
    const amounts = apbdPlaceAmounts(500_000_000, 300);
    expect(amounts).toHaveLength(300);
    expect(amounts.slice(0, 200).every((a) => a === 1_666_667)).toBe(true);
    expect(amounts.slice(200).every((a) => a === 1_666_666)).toBe(true);
    expect(sum(amounts)).toBe(500_000_000);
  });

  it.each([
    [1_000_000, 3, [333_334, 333_333, 333_333]],
    [100, 7, [15, 15, 14, 14, 14, 14, 14]],
    [10, 10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [1_500_000, 1, [1_500_000]],
    [999_999_999, 2, [500_000_000, 499_999_999]],
  ])('splits %i over %i places as %j', (ceiling, places, expected) => {
    expect(apbdPlaceAmounts(ceiling, places)).toEqual(expected);
  });

  it('always adds up to the ceiling, with amounts differing by at most one rupiah', () => {
    for (const ceiling of [1, 7, 99, 1_000, 123_456_789, 500_000_000, 2_000_000_001]) {
      for (const places of [1, 2, 3, 7, 13, 299, 300, 301]) {
        if (places > ceiling) continue;
        const amounts = apbdPlaceAmounts(ceiling, places);
        expect(sum(amounts), `${ceiling}/${places}`).toBe(ceiling);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
        expect(amounts.every(Number.isInteger)).toBe(true);
        // Larger amounts come first: the order of handing out fixes each amount.
        expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
      }
    }
  });

  it('shares what is left after a change of settings so that all places still make the new ceiling', () => {
    const first = apbdPlaceAmounts(500_000_000, 300).slice(0, 10);
    // Bappeda raises the ceiling to 600,000,000 after 10 places were handed out.
    let money = 600_000_000 - sum(first);
    const rest: number[] = [];
    for (let left = 290; left > 0; left--) {
      const amount = nextApbdPlaceAmount(money, left);
      rest.push(amount);
      money -= amount;
    }
    expect(sum(first) + sum(rest)).toBe(600_000_000);
  });

  it('refuses to price a place when none is left', () => {
    expect(() => nextApbdPlaceAmount(100, 0)).toThrow(RangeError);
    expect(() => nextApbdPlaceAmount(1.5, 1)).toThrow(RangeError);
  });
});

describe('formatRupiah', () => {
  it.each([
    [0, 'Rp 0'],
    [1_500_000, 'Rp 1.500.000'],
    [500_000_000, 'Rp 500.000.000'],
    [999, 'Rp 999'],
  ])('%i → %s', (amount, text) => expect(formatRupiah(amount)).toBe(text));
});

describe('parseRupiah: amounts as people type them', () => {
  it.each([
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['1.500.000,00', 1_500_000],
    ['1.500.000,0', 1_500_000],
    ['Rp 1.500.000', 1_500_000],
    ['Rp1.500.000,-', 1_500_000],
    ['rp. 1.500.000', 1_500_000],
    ['IDR 2.500', 2_500],
    [' 1 500 000 ', 1_500_000],
    ['1500000,00', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1,500,000.00', 1_500_000],
    ['500.000.000', 500_000_000],
    ['0', 0],
  ])('reads %j as %d', (text, amount) => expect(parseRupiah(text)).toEqual({ amount }));

  it.each([
    '',
    'Rp',
    'satu juta',
    '1.50.000',
    '1.5',
    '1,500',
    '1.500.000,5',
    '-1000',
    '1e6',
    '1.500.000.',
    '12345678901234567',
  ])('refuses %j as no amount', (text) => expect(parseRupiah(text)).toHaveProperty('problem'));

  it('refuses sen, saying so', () => {
    expect(parseRupiah('1.500.000,50')).toEqual({ problem: 'money.fraction' });
    expect(parseRupiah('1.500,75')).toEqual({ problem: 'money.fraction' });
  });
});
