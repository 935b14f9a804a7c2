import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Just enough ZIP for XLSX files (PKWARE APPNOTE 6.3): writing deflated or stored entries, and
 * reading entries listed in the central directory. Anything else (ZIP64, encryption, split
 * archives, other compression methods, sizes or checksums that do not match) is an Error (a
 * RangeError for offsets and sizes past the end), and unpacking more than the reader's budget an
 * UnpackBudgetError.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Flag bit 11: names are UTF-8. */
const UTF8 = 0x0800;
/** 1980-01-01 00:00 in MS-DOS form: a fixed time, so that the same workbook gives the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A ZIP archive of the files given, each deflated unless storing it is smaller. */
export function writeZip(files: { name: string; data: Uint8Array }[]): Uint8Array<ArrayBuffer> {
  const entries = files.map(({ name, data }) => {
    const deflated = deflateRawSync(data);
    const stored = deflated.length >= data.length;
    return {
      name: new TextEncoder().encode(name),
      method: stored ? 0 : 8,
      body: stored ? data : deflated,
      size: data.length,
      crc: crc32(data),
      offset: 0,
    };
  });
  const localSize = entries.reduce((n, e) => n + 30 + e.name.length + e.body.length, 0);
  const centralSize = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  /** The fields local and central headers share, from "version needed" to the name's length. */
  const common = (e: (typeof entries)[number]) => {
    view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
    view.setUint16(at + 2, UTF8, true);
    view.setUint16(at + 4, e.method, true);
    view.setUint16(at + 6, 0, true); // time
    view.setUint16(at + 8, DOS_DATE, true);
    view.setUint32(at + 10, e.crc, true);
    view.setUint32(at + 14, e.body.length, true);
    view.setUint32(at + 18, e.size, true);
    view.setUint16(at + 22, e.name.length, true);
    at += 26; // past the extra field's length too, left 0
  };
  for (const e of entries) {
    e.offset = at;
    view.setUint32(at, LOCAL, true);
    at += 4;
    common(e);
    out.set(e.name, at);
    out.set(e.body, at + e.name.length);
    at += e.name.length + e.body.length;
  }
  for (const e of entries) {
    view.setUint32(at, CENTRAL, true);
    view.setUint16(at + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    at += 6;
    common(e);
    at += 10; // comment length, disk, internal and external attributes: all 0
    view.setUint32(at, e.offset, true);
    out.set(e.name, at + 4);
    at += 4 + e.name.length;
  }
  view.setUint32(at, END, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, localSize, true);
  return out;
}

/** Reading the archive would unpack more than its budget: too much for one file to hold. */
export class UnpackBudgetError extends Error {}

export interface ZipReader {
  /** Each entry by name, unpacked when called; each call charges the archive's budget. */
  entries: Map<string, () => Uint8Array>;
  /**
   * Bytes unpacked so far by all calls together: never more than the budget. An entry whose
   * unpacking failed counts its declared size, the most it was allowed to unpack.
   */
  readonly unpackedBytes: number;
}

/**
 * The entries of a ZIP archive by name, each unpacked only when asked for, all of them together
 * at most `maxTotalBytes` (a ZIP bomb unpacks a small file to gigabytes). Sizes come from the
 * central directory, so entries written with data descriptors (sizes after the data) read too.
 * Each entry's size is charged before it is unpacked, and inflating stops at that size, so a
 * size that lies cannot overshoot the budget: it only makes the entry corrupted.
 */
export function readZip(bytes: Uint8Array, budget: { maxTotalBytes: number }): ZipReader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true); // out of range: a RangeError
  const u32 = (at: number) => view.getUint32(at, true);
  // The end record is the last 22 bytes, unless a comment (at most 64 KB) follows it.
  let end = bytes.length - 22;
  const first = Math.max(0, end - 0xffff);
  while (end >= first && !(u32(end) === END && end + 22 + u16(end + 20) === bytes.length)) end--;
  if (end < first) throw new Error('zip: no end of central directory');
  const count = u16(end + 10);
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count)
    throw new Error('zip: split archive');
  if (count === 0xffff || u32(end + 16) === 0xffffffff) throw new Error('zip: ZIP64');
  let unpacked = 0;
  const entries = new Map<string, () => Uint8Array>();
  let at = u32(end + 16);
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) throw new Error('zip: bad central directory');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const packed = u32(at + 20);
    const size = u32(at + 24);
    const nameEnd = at + 46 + u16(at + 28);
    const local = u32(at + 42);
    if (nameEnd > bytes.length) throw new Error('zip: bad central directory');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, nameEnd));
    at = nameEnd + u16(at + 30) + u16(at + 32);
    if (flags & 1) throw new Error('zip: encrypted');
    if (method !== 0 && method !== 8) throw new Error(`zip: compression method ${method}`);
    if (size === 0xffffffff || packed === 0xffffffff) throw new Error('zip: ZIP64');
    if (entries.has(name)) throw new Error('zip: duplicate entry');
    entries.set(name, () => {
      if (size > budget.maxTotalBytes - unpacked) throw new UnpackBudgetError('zip: over budget');
      if (u32(local) !== LOCAL) throw new Error('zip: bad local header');
      // The local header's extra field may differ in length from the central one.
      const start = local + 30 + u16(local + 26) + u16(local + 28);
      if (start + packed > bytes.length) throw new Error('zip: truncated');
      const body = bytes.subarray(start, start + packed);
      unpacked += size;
      // Inflating past the declared size throws (a RangeError): the size lied, the entry is corrupted.
      const data = method === 0 ? body : inflateRawSync(body, { maxOutputLength: Math.max(size, 1) });
      if (data.length !== size || crc32(data) !== crc) throw new Error('zip: corrupted entry');
      return data;
    });
  }
  return {
    entries,
    get unpackedBytes() {
      return unpacked;
    },
  };
}
