/**
 * The little XML an XLSX file needs. Office XML parts are machine-written and flat enough that
 * finding elements by name is enough: the elements read here never contain one of their own name.
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

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its entity and character references replaced. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text; // most text: no need for the search below
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (ref, name: string) => {
    const code = name[0] !== '#' ? undefined : Number(name[1] === 'x' ? `0${name.slice(1)}` : name.slice(1));
    if (code === undefined) {
      const ch = ENTITIES[name];
      if (ch === undefined) throw new Error(`xml: unknown entity ${ref}`);
      return ch;
    }
    if (code > 0x10ffff) throw new Error(`xml: bad character reference ${ref}`);
    return String.fromCodePoint(code);
  });
}

export interface XmlElement {
  /** Attributes by name as written (with any prefix, such as `r:id`), values decoded. */
  attrs: Record<string, string>;
  /** The raw XML between the tags; empty for `<x/>`. */
  inner: string;
}

const patterns = new Map<string, RegExp>();

/** The search for `<name>` elements, made once per name. */
function patternOf(name: string): RegExp {
  let pattern = patterns.get(name);
  if (!pattern) {
    const tag = `(?:[\\w.-]+:)?${name}`;
    // The content runs to the next tag of the same name, opening or closing, and must end with
    // a closing one: one pass over the part even when it is damaged and tags were left open.
    pattern = new RegExp(
      `<${tag}(\\s[^>]*?)?(?:/>|>([^<]*(?:<(?!/?${tag}[\\s/>])[^<]*)*)</${tag}\\s*>)`,
      'g',
    );
    patterns.set(name, pattern);
  }
  return pattern;
}

// Searches below loop on `exec` with shared patterns: `matchAll` copies its pattern at every
// call, which for every cell of a sheet was most of the reading time.

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function toElement(m: RegExpExecArray): XmlElement {
  const attrs: Record<string, string> = {};
  const text = m[1] ?? '';
  ATTRIBUTE.lastIndex = 0;
  for (let a = ATTRIBUTE.exec(text); a; a = ATTRIBUTE.exec(text))
    attrs[a[1] ?? ''] = decodeXml(a[2] ?? a[3] ?? '');
  return { attrs, inner: m[2] ?? '' };
}

/** Every `<name>` element in `xml`, in order, with or without a namespace prefix (`<x:c>`). */
export function elements(xml: string, name: string): XmlElement[] {
  const pattern = patternOf(name);
  const found: XmlElement[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) found.push(toElement(m));
  return found;
}

/** The first `<name>` element in `xml`, if any. */
export function element(xml: string, name: string): XmlElement | undefined {
  const pattern = patternOf(name);
  pattern.lastIndex = 0;
  const m = pattern.exec(xml);
  return m ? toElement(m) : undefined;
}

/** Parts as UTF-8 text, without comments (which could hide elements from the search above). */
export const xmlText = (bytes: Uint8Array) =>
  new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
