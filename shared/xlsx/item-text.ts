import { TOO_LONG } from './limits.js';
import type { XmlReader } from './xml.js';

/** A text, or TOO_LONG: past the cell length, only whether a cell uses it matters. */
export type ItemValue = string | typeof TOO_LONG;

/**
 * Text that Excel escaped as `_xHHHH_` (characters XML cannot hold, and `_x005F_` for an
 * underscore that would otherwise look like the start of one). The pattern has a fixed width,
 * so it cannot backtrack; the text is at most a few cells long.
 */
export const unescapeText = (text: string) =>
  text.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** One `_xHHHH_` (7 characters) is the most text one character of a cell can take. */
export const ESCAPE_LENGTH = 7;

/**
 * Text gathered from text events, at most `maxLength` characters once unescaped: past that only
 * the fact that it was too long is kept, and no more is decoded.
 */
export function textCollector(maxLength: number) {
  const rawLimit = maxLength * ESCAPE_LENGTH;
  let raw = '';
  let tooLong = false;
  return {
    add(xml: XmlReader): void {
      if (tooLong) return;
      const text = xml.text(rawLimit - raw.length);
      raw += text ?? '';
      tooLong = text === undefined || raw.length > rawLimit;
      if (tooLong) raw = '';
    },
    /** The text unescaped, or TOO_LONG if it has more than `maxLength` characters. */
    value(escaped: boolean): ItemValue {
      const text = tooLong ? '' : escaped ? unescapeText(raw) : raw;
      return tooLong || text.length > maxLength ? TOO_LONG : text;
    },
  };
}

/**
 * The text of a string item (`<si>` of the shared strings, `<is>` of a cell) at depth `depth`:
 * its plain `<t>`, or the `<t>` of each rich-text run `<r>`, leaving out phonetic hints (`<rPh>`).
 * Feed it every event inside the item.
 */
export function itemText(depth: number, maxLength: number) {
  const text = textCollector(maxLength);
  /** The depth of the run being read, and of the `<t>` whose text is gathered (0: none). */
  let runDepth = 0;
  let textDepth = 0;
  return {
    event(xml: XmlReader, event: 'start' | 'end' | 'text'): void {
      const level = xml.depth - depth;
      if (event === 'text') {
        if (xml.depth === textDepth) text.add(xml);
      } else if (event === 'end') {
        if (xml.depth === textDepth) textDepth = 0;
        else if (xml.depth === runDepth) runDepth = 0;
      } else if (level === 1 && xml.is('r')) runDepth = xml.depth;
      else if (xml.is('t') && (level === 1 || (level === 2 && runDepth > 0))) textDepth = xml.depth;
    },
    value: () => text.value(true),
  };
}

export type ItemText = ReturnType<typeof itemText>;
