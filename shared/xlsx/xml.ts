/**
 * The little XML an XLSX file needs: escaping for the writer, and a pull tokenizer for the reader.
 *
 * The tokenizer is our own rather than a dependency: every function bundle must stay under 400 KB
 * minified, and Office XML is machine-written, flat and simple (UTF-8, no DTD, a few levels deep),
 * so a small linear reader suffices. It works on the bytes of a part and decodes only the slices
 * asked for (names, attribute values, text), so a large part never becomes one giant string. No
 * regular expression touches the input, every loop moves forward, and names, attributes and
 * nesting are bounded, so the work is linear in the part whatever the part holds.
 */

/** Characters XML 1.0 forbids (most control characters, U+FFFE, U+FFFF, lone surrogates). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/gu;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** Text safe in an element or a double-quoted attribute. CR is escaped, or parsers turn it into LF. */
export const escapeXml = (text: string) =>
  text.replace(FORBIDDEN, '').replace(/[&<>"\r]/g, (ch) => ESCAPES[ch] ?? ch);

/**
 * Bounds on the structure of a part. Office XML stays far below them: names such as
 * `x14ac:dyDescent` are short, the root of a sheet has a dozen namespace declarations, nesting is
 * under ten levels, and the longest attributes (`sqref` lists, format codes) a few hundred bytes.
 * Past them the part is damaged, found after reading at most that many bytes.
 */
const MAX_NAME_BYTES = 64;
const MAX_ATTRIBUTES = 256;
const MAX_DEPTH = 64;
const MAX_ATTRIBUTE_BYTES = 64 * 1024;
/** The longest reference, `&#x0010FFFF;` with two leading zeros: past it, a damaged part. */
const MAX_REFERENCE_BYTES = 12;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** The five entities XML predefines; a map, so that names such as `valueOf` are no entity. */
const ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const damaged = (what: string) => new Error(`xml: ${what}`);

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
/** Name characters: ASCII letters, digits, `_ : . -`, and anything beyond ASCII (left to UTF-8). */
const isNameStart = (b: number) =>
  (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || b === COLON || b >= 0x80;
const isNameChar = (b: number) => isNameStart(b) || (b >= 0x30 && b <= 0x39) || b === 0x2e || b === 0x2d;
/** XML 1.0's Char production: what a character reference may stand for. */
const isXmlChar = (code: number) =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);
/** The value of a hexadecimal or decimal digit, or -1. */
const digitOf = (b: number, hex: boolean) =>
  b >= 0x30 && b <= 0x39
    ? b - 0x30
    : hex && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66
      ? (b | 0x20) - 0x57
      : -1;

export type XmlEvent = 'start' | 'end' | 'text' | 'eof';

/**
 * Reads a part token by token: `next()` moves to the next start tag, end tag, text or the end.
 * A self-closing tag gives a start and then an end. Comments and processing instructions are
 * skipped; CDATA sections are text. What the readers depend on must be well-formed: a tag left
 * open or closed by another name, a DOCTYPE, an unknown entity, a bad character reference or bytes
 * that are no UTF-8 throw an Error. Text outside the root element is skipped unread.
 */
export interface XmlReader {
  next(): XmlEvent;
  /**
   * How deep the current element is (the root is 1): for a start or an end, the element's own
   * depth; for text, the depth of the element holding it.
   */
  readonly depth: number;
  /** Whether the current tag's local name (without prefix) is `name`, an ASCII name. */
  is(name: string): boolean;
  /** The value of the current start tag's first attribute with this local name (any prefix). */
  attr(name: string): string | undefined;
  /**
   * The current text with references replaced, or undefined if it surely has more than `limit`
   * characters (more bytes than `limit` references take), which is then not decoded at all.
   */
  text(limit: number): string | undefined;
}

/** A reader of the part `bytes`. Its state is local variables, which minify to a few bytes. */
export function xmlReader(bytes: Uint8Array): XmlReader {
  // A UTF-8 byte order mark may start a part.
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let kind: XmlEvent = 'eof';
  let depth = 0;
  /** The current tag's name: where its local part (after any prefix) starts, and its end. */
  let localStart = 0;
  let nameEnd = 0;
  /** Set by readName: where the local part of the name just read starts. */
  let lastLocal = 0;
  let selfClosing = false;
  /** For each attribute of the current start tag: local name start, name end, value start, value end. */
  const attrs: number[] = [];
  let attrCount = 0;
  let textStart = 0;
  let textEnd = 0;
  let cdata = false;
  /** The names of the open elements, as start and end offsets. */
  const open: number[] = [];

  const utf8 = (start: number, end: number): string => {
    // Most slices (references, styles, numbers) are a few ASCII bytes, quicker made directly.
    let text = '';
    for (let i = start; end - start < 16 && i < end && (bytes[i] ?? 0x80) < 0x80; i++)
      text += String.fromCharCode(bytes[i] ?? 0);
    if (text.length === end - start) return text;
    try {
      return decoder.decode(bytes.subarray(start, end));
    } catch {
      throw damaged('not UTF-8');
    }
  };

  const equals = (start: number, end: number, name: string): boolean => {
    if (end - start !== name.length) return false;
    for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
    return true;
  };

  /** Where `pattern` (a short ASCII string) ends, searching from `from`. */
  const skipPast = (pattern: string, from: number): number => {
    const first = pattern.charCodeAt(0);
    for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1))
      if (equals(i, i + pattern.length, pattern)) return i + pattern.length;
    throw damaged(`no ${pattern}`);
  };

  /** Reads a name from `start`, at most MAX_NAME_BYTES long; returns where it ends. */
  const readName = (start: number): number => {
    if (!isNameStart(bytes[start] ?? 0)) throw damaged('no name');
    const limit = Math.min(bytes.length, start + MAX_NAME_BYTES + 1);
    let end = start;
    lastLocal = start;
    for (; end < limit && isNameChar(bytes[end] ?? 0); end++) if (bytes[end] === COLON) lastLocal = end + 1;
    if (end - start > MAX_NAME_BYTES) throw damaged('name too long');
    return end;
  };
  const skipSpace = (i: number) => {
    while (isSpace(bytes[i])) i++;
    return i;
  };

  /** The character of `&name;` or `&#…;`, between `&` and `;`. */
  const reference = (start: number, end: number): string => {
    const entity = ENTITIES.get(utf8(start, end));
    if (entity) return entity;
    const hex = bytes[start + 1] === 0x78;
    const first = start + (hex ? 2 : 1);
    let code = 0;
    for (let i = first; i < end; i++) {
      const digit = digitOf(bytes[i] ?? 0, hex);
      code = digit < 0 || code < 0 ? -1 : code * (hex ? 16 : 10) + digit;
    }
    if (bytes[start] !== HASH || first >= end || !isXmlChar(code)) throw damaged('bad reference');
    return String.fromCodePoint(code);
  };

  /** Text or an attribute value with its references replaced. */
  const decode = (start: number, end: number): string => {
    let text = '';
    for (let i = start; i < end; ) {
      let amp = i;
      while (amp < end && bytes[amp] !== AMP) amp++;
      text += utf8(i, amp);
      if (amp === end) break;
      let semicolon = amp + 1;
      const last = Math.min(end, amp + MAX_REFERENCE_BYTES);
      while (semicolon < last && bytes[semicolon] !== SEMICOLON) semicolon++;
      if (semicolon >= last) throw damaged('bad reference');
      text += reference(amp + 1, semicolon);
      i = semicolon + 1;
    }
    return text;
  };

  const startTag = (): XmlEvent => {
    if (open.length / 2 >= MAX_DEPTH) throw damaged('nested too deep');
    const nameStart = at + 1;
    let i = readName(nameStart);
    localStart = lastLocal;
    nameEnd = i;
    attrCount = 0;
    for (;;) {
      i = skipSpace(i);
      if (bytes[i] === GT || (bytes[i] === SLASH && bytes[i + 1] === GT)) break;
      if (attrCount >= MAX_ATTRIBUTES) throw damaged('too many attributes');
      const end = readName(i);
      attrs[attrCount * 4] = lastLocal;
      attrs[attrCount * 4 + 1] = end;
      i = skipSpace(end);
      if (bytes[i] !== EQUALS) throw damaged('no =');
      i = skipSpace(i + 1);
      const quote = bytes[i++];
      // The search may run on past the bound, but then the part is refused: it runs once.
      const close = quote === QUOTE || quote === APOSTROPHE ? bytes.indexOf(quote, i) : -1;
      if (close < 0 || close - i > MAX_ATTRIBUTE_BYTES) throw damaged('bad attribute value');
      attrs[attrCount * 4 + 2] = i;
      attrs[attrCount * 4 + 3] = close;
      attrCount++;
      i = close + 1;
    }
    selfClosing = bytes[i] === SLASH;
    at = i + (selfClosing ? 2 : 1);
    depth = open.length / 2 + 1;
    if (!selfClosing) open.push(nameStart, nameEnd);
    kind = 'start';
    return kind;
  };

  const endTag = (): XmlEvent => {
    const start = at + 2;
    const end = readName(start);
    const openEnd = open.pop() ?? -1;
    const openStart = open.pop() ?? 0;
    let same = openEnd - openStart === end - start;
    for (let k = 0; same && k < end - start; k++) same = bytes[openStart + k] === bytes[start + k];
    const gt = skipSpace(end);
    if (!same || bytes[gt] !== GT) throw damaged('bad end tag');
    at = gt + 1;
    depth = open.length / 2 + 1;
    localStart = lastLocal;
    nameEnd = end;
    kind = 'end';
    return kind;
  };

  const setText = (start: number, end: number, isCdata: boolean): XmlEvent => {
    textStart = start;
    textEnd = end;
    cdata = isCdata;
    depth = open.length / 2;
    kind = 'text';
    return kind;
  };

  const next = (): XmlEvent => {
    if (selfClosing) {
      // The end of `<x/>`: its name and depth stay those of the start just given.
      selfClosing = false;
      kind = 'end';
      return kind;
    }
    for (;;) {
      if (at >= bytes.length) {
        if (open.length > 0) throw damaged('element left open');
        kind = 'eof';
        return kind;
      }
      if (bytes[at] !== LT) {
        // Text; outside the root element (where only white space belongs), skipped.
        const start = at;
        const lt = bytes.indexOf(LT, start);
        at = lt < 0 ? bytes.length : lt;
        if (open.length > 0) return setText(start, at, false);
        continue;
      }
      const b = bytes[at + 1];
      if (b === QUESTION) {
        at = skipPast('?>', at + 2);
      } else if (b === SLASH) {
        return endTag();
      } else if (b !== BANG) {
        return startTag();
      } else if (equals(at, at + 4, '<!--')) {
        at = skipPast('-->', at + 4);
      } else if (equals(at, at + 9, '<![CDATA[')) {
        const start = at + 9;
        at = skipPast(']]>', start);
        return setText(start, at - 3, true);
      } else {
        // A DOCTYPE could declare entities that expand without end; Office XML never has one.
        throw damaged('DOCTYPE');
      }
    }
  };

  return {
    next,
    get depth() {
      return depth;
    },
    is: (name) => kind !== 'text' && kind !== 'eof' && equals(localStart, nameEnd, name),
    attr: (name) => {
      if (kind !== 'start') return undefined;
      for (let i = 0; i < attrCount * 4; i += 4)
        if (equals(attrs[i] ?? 0, attrs[i + 1] ?? 0, name))
          return decode(attrs[i + 2] ?? 0, attrs[i + 3] ?? 0);
      return undefined;
    },
    text: (limit) => {
      if (kind !== 'text') return '';
      if (textEnd - textStart > (limit + 1) * MAX_REFERENCE_BYTES) return undefined;
      return cdata ? utf8(textStart, textEnd) : decode(textStart, textEnd);
    },
  };
}
