import { describe, expect, it } from 'vitest';
import { isId, newId } from '../../shared/domain/ids.js';

describe('newId', () => {
  it('gives 26-character ids that isId accepts', () => {
    for (let i = 0; i < 200; i++) {
      const id = newId();
      expect(id).toHaveLength(26);
      expect(isId(id)).toBe(true);
    }
  });

  it('encodes the time in the first ten characters', () => {
    expect(newId(0).slice(0, 10)).toBe('0000000000');
    expect(newId(31).slice(0, 10)).toBe('000000000Z');
    expect(newId(32).slice(0, 10)).toBe('0000000010');
    expect(newId(2 ** 48 - 1).slice(0, 10)).toBe('7ZZZZZZZZZ');
    expect(newId(1_782_864_000_000).slice(0, 10)).toBe(newId(1_782_864_000_000).slice(0, 10));
  });

  it('sorts by time', () => {
    const times = [
      0,
      1,
      31,
      32,
      1023,
      1024,
      1_700_000_000_000,
      1_782_864_000_000,
      1_782_864_000_001,
      2 ** 47,
    ];
    const ids = times.map((t) => newId(t));
    const shuffled = [...ids].reverse();
    expect(shuffled.sort()).toEqual(ids);
  });

  it('sorts ids of consecutive milliseconds in order', () => {
    const start = Date.UTC(2026, 6, 1);
    for (let t = start; t < start + 100; t++) {
      expect(newId(t) < newId(t + 1)).toBe(true);
    }
  });

  it('gives different ids within the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId(1_782_864_000_000)));
    expect(ids.size).toBe(1000);
  });

  it('uses the current time by default, and keeps ids made in one millisecond in order', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
    const time = (ids[0] ?? '').slice(0, 10);
    expect(newId(Date.now() - 1000).slice(0, 10) <= time).toBe(true);
    expect(time <= newId(Date.now() + 1000).slice(0, 10)).toBe(true);
  });
});

describe('isId', () => {
  it.each([
    ['a valid id', '01J1Z8Q5M7XKZB0H8W7V3R6T9A', true],
    ['all zeros', '00000000000000000000000000', true],
    ['25 characters', '01J1Z8Q5M7XKZB0H8W7V3R6T9', false],
    ['27 characters', '01J1Z8Q5M7XKZB0H8W7V3R6T9AB', false],
    ['lower case', '01j1z8q5m7xkzb0h8w7v3r6t9a', false],
    ['an I', '01J1Z8Q5M7XKZB0H8W7V3R6T9I', false],
    ['an L', '01J1Z8Q5M7XKZB0H8W7V3R6T9L', false],
    ['an O', '01J1Z8Q5M7XKZB0H8W7V3R6T9O', false],
    ['a U', '01J1Z8Q5M7XKZB0H8W7V3R6T9U', false],
    ['a hyphen', '01J1Z8Q5M7XKZB0H8W7V3R6T-A', false],
    ['empty', '', false],
  ])('%s → %s', (_label, text, ok) => {
    expect(isId(text)).toBe(ok);
  });
});
