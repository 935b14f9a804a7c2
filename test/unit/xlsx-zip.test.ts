import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZip, UnpackBudgetError, writeZip } from '../../shared/xlsx/zip.js';

const text = (s: string) => new TextEncoder().encode(s);
const FILES = [
  { name: '[Content_Types].xml', data: text('<Types/>'.repeat(50)) },
  { name: 'xl/empty.xml', data: new Uint8Array(0) },
  { name: 'xl/ünïcode.bin', data: Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256) },
  { name: 'one-byte', data: text('x') },
];
/** Far above what the archives below unpack to. */
const BUDGET = { maxTotalBytes: 1024 * 1024 };
const unpack = (bytes: Uint8Array) =>
  Object.fromEntries([...readZip(bytes, BUDGET).entries].map(([name, read]) => [name, [...read()]]));
const expected = Object.fromEntries(FILES.map((f) => [f.name, [...f.data]]));

/** A copy of `bytes` with `edit` applied through a little-endian view. */
const patched = (bytes: Uint8Array, edit: (view: DataView) => void) => {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer));
  return copy;
};
const zip = writeZip(FILES);
/** Where the central directory starts, from the end record (the last 22 bytes). */
const central = new DataView(zip.buffer).getUint32(zip.length - 6, true);

describe('writeZip and readZip', () => {
  it('read back every entry, byte for byte, deflated or stored', () => {
    expect(unpack(zip)).toEqual(expected);
    const methods = [0, 1, 2, 3].map((i) => {
      let at = central;
      for (let n = 0; n < i; n++) {
        const v = new DataView(zip.buffer);
        at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
      }
      return new DataView(zip.buffer).getUint16(at + 10, true);
    });
    expect(methods).toEqual([8, 0, 8, 0]); // the repeated XML shrinks; nothing and one byte do not
  });

  it('read an archive with a comment after the end record', () => {
    const withComment = new Uint8Array(zip.length + 5);
    withComment.set(zip);
    withComment.set(text('hello'), zip.length);
    new DataView(withComment.buffer).setUint16(zip.length - 2, 5, true);
    expect(unpack(withComment)).toEqual(expected);
  });

  it('read entries whose sizes follow their data (data descriptors), as streaming writers make them', () => {
    const data = text('<worksheet/>'.repeat(20));
    const body = deflateRawSync(data);
    const name = text('xl/worksheets/sheet1.xml');
    const out = new Uint8Array(30 + name.length + body.length + 16 + 46 + name.length + 22);
    const v = new DataView(out.buffer);
    // Local header: flag bit 3, CRC and sizes left 0.
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 8, true);
    v.setUint16(8, 8, true);
    v.setUint16(26, name.length, true);
    out.set(name, 30);
    out.set(body, 30 + name.length);
    let at = 30 + name.length + body.length;
    v.setUint32(at, 0x08074b50, true);
    v.setUint32(at + 4, crc32(data), true);
    v.setUint32(at + 8, body.length, true);
    v.setUint32(at + 12, data.length, true);
    at += 16;
    const cd = at;
    v.setUint32(at, 0x02014b50, true);
    v.setUint16(at + 8, 8, true);
    v.setUint16(at + 10, 8, true);
    v.setUint32(at + 16, crc32(data), true);
    v.setUint32(at + 20, body.length, true);
    v.setUint32(at + 24, data.length, true);
    v.setUint16(at + 28, name.length, true);
    out.set(name, at + 46);
    at += 46 + name.length;
    v.setUint32(at, 0x06054b50, true);
    v.setUint16(at + 8, 1, true);
    v.setUint16(at + 10, 1, true);
    v.setUint32(at + 12, at - cd, true);
    v.setUint32(at + 16, cd, true);
    expect(unpack(out)).toEqual({ 'xl/worksheets/sheet1.xml': [...data] });
  });

  it('writes the same bytes for the same files (a fixed time, no randomness)', () => {
    expect(writeZip(FILES)).toEqual(zip);
  });
});

describe('readZip refuses', () => {
  const firstBody = 30 + text('[Content_Types].xml').length;
  it.each<[string, Uint8Array]>([
    ['no archive at all', text('NIK,Nama\n3329014507100001,Siti')],
    ['an empty file', new Uint8Array(0)],
    ['a truncated archive', zip.subarray(0, zip.length - 30)],
    ['trailing bytes after the end record', Uint8Array.from([...zip, 0])],
    [
      'a central directory pointing elsewhere',
      patched(zip, (v) => v.setUint32(zip.length - 6, central + 1, true)),
    ],
    [
      'an encrypted entry',
      patched(zip, (v) => v.setUint16(central + 8, v.getUint16(central + 8, true) | 1, true)),
    ],
    ['another compression method', patched(zip, (v) => v.setUint16(central + 10, 12, true))],
    [
      'an entry that claims to unpack beyond the budget',
      patched(zip, (v) => v.setUint32(central + 24, 2 ** 27, true)),
    ],
    ['ZIP64', patched(zip, (v) => v.setUint32(zip.length - 6, 0xffffffff, true))],
  ])('%s', (_, bytes) => {
    expect(() => unpack(bytes)).toThrow(Error);
  });

  it.each<[string, (v: DataView) => void]>([
    ['corrupted compressed data', (v) => v.setUint8(firstBody + 3, v.getUint8(firstBody + 3) ^ 0xff)],
    ['a wrong checksum', (v) => v.setUint32(central + 16, v.getUint32(central + 16, true) ^ 1, true)],
    ['a wrong size', (v) => v.setUint32(central + 24, v.getUint32(central + 24, true) - 1, true)],
    ['a local header that is not one', (v) => v.setUint32(0, 0, true)],
  ])('an entry with %s, when it is read', (_, edit) => {
    const { entries } = readZip(patched(zip, edit), BUDGET);
    expect(() => entries.get('[Content_Types].xml')?.()).toThrow(Error);
    expect([...(entries.get('one-byte')?.() ?? [])]).toEqual([...text('x')]); // the others still read
  });
});

describe('readZip keeps to its budget', () => {
  /** Where entry `index` of the central directory starts. */
  const centralEntry = (bytes: Uint8Array, index: number) => {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = v.getUint32(bytes.length - 6, true);
    for (let n = 0; n < index; n++)
      at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    return at;
  };

  it('counts the bytes unpacked by every read, and refuses the read that would pass the budget', () => {
    const sizes = FILES.map((f) => f.data.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    const exact = readZip(zip, { maxTotalBytes: total });
    for (const read of exact.entries.values()) read();
    expect(exact.unpackedBytes).toBe(total);

    // 2 bytes short: after the 400 of the first entry, the 3,000 of the third no longer fit.
    const short = readZip(zip, { maxTotalBytes: total - 2 });
    const [first, empty, third, last] = [...short.entries.values()];
    first?.();
    empty?.();
    expect(() => third?.()).toThrow(UnpackBudgetError);
    expect(last?.()).toEqual(text('x')); // one byte still does
    expect(short.unpackedBytes).toBe((sizes[0] ?? 0) + 1);
  });

  it('charges each read again: reading an entry twice costs twice', () => {
    const once = FILES[0]?.data.length ?? 0;
    const reader = readZip(zip, { maxTotalBytes: once * 2 });
    const read = reader.entries.get('[Content_Types].xml');
    read?.();
    read?.();
    expect(reader.unpackedBytes).toBe(once * 2);
    expect(() => read?.()).toThrow(UnpackBudgetError);
  });

  it('refuses an entry that claims more than the budget before unpacking anything', () => {
    const bomb = writeZip([{ name: 'big.xml', data: new Uint8Array(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(30_000);
    const reader = readZip(bomb, { maxTotalBytes: 12 * 1024 * 1024 });
    expect(() => reader.entries.get('big.xml')?.()).toThrow(UnpackBudgetError);
    expect(reader.unpackedBytes).toBe(0);
  });

  it('stops inflating an entry whose declared size lies at that size: a corrupted entry, not a bomb', () => {
    const bomb = writeZip([{ name: 'sheet.xml', data: new Uint8Array(50 * 1024 * 1024) }]);
    const liar = patched(bomb, (v) => v.setUint32(centralEntry(bomb, 0) + 24, 1000, true));
    const reader = readZip(liar, { maxTotalBytes: 12 * 1024 * 1024 });
    expect(() => reader.entries.get('sheet.xml')?.()).toThrow(Error);
    expect(() => reader.entries.get('sheet.xml')?.()).not.toThrow(UnpackBudgetError);
    expect(reader.unpackedBytes).toBeLessThanOrEqual(2000); // 1,000 for each of the two reads
  });

  it('refuses sizes of 0xFFFFFFFF, which mean ZIP64', () => {
    const zip64 = patched(zip, (v) => v.setUint32(centralEntry(zip, 0) + 24, 0xffffffff, true));
    expect(() => readZip(zip64, BUDGET)).toThrow('ZIP64');
  });
});
