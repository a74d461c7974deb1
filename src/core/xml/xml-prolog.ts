/**
 * The start of an XML document, read without a parser: whether it declares a DOCTYPE, and its root element
 * with the namespaces declared on it. A DOCTYPE can only come before the root element (XML 1.0 §2.8), and
 * entities (external ones, "billion laughs") can only be declared in one, so scanning the prolog is enough to
 * refuse them before a validator or parser sees the file. Also tells which kind of CDC file a file is (a flux
 * sent to the CDC, an accusé it returns) without reading it whole.
 */

export interface XmlRoot {
  /** Qualified name as written, e.g. "cpf:flux". */
  readonly name: string;
  readonly localName: string;
  /** Namespace of the root element, from the declarations on its own tag (undefined when none). */
  readonly namespace?: string;
}

export type XmlProlog =
  | { readonly kind: 'doctype' }
  | { readonly kind: 'root'; readonly root: XmlRoot }
  /** The text ends before the root element: give more of it. */
  | { readonly kind: 'incomplete' }
  /** Something other than XML markup before any root element. */
  | { readonly kind: 'notXml' };

/**
 * The namespace of a CDC flux, of any schema version (1.1.2 uses urn:cdc:cpf:pc5:schema:1.0.0; a later version
 * may change the last part, as receipt/parse-receipt.ts also allows).
 */
export function isCdcFluxNamespace(namespace: string | undefined): boolean {
  return namespace !== undefined && /^urn:cdc:cpf:pc5:schema:/.test(namespace);
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;

export function readXmlProlog(text: string): XmlProlog {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    if (i >= text.length) return { kind: 'incomplete' };
    if (text[i] !== '<') return { kind: 'notXml' };
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return { kind: 'incomplete' };
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return { kind: 'incomplete' };
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      // <!DOCTYPE in any case: libxml2 and saxes only accept capitals, but refusing more is safe.
      if (text.length < i + 9) return { kind: 'incomplete' };
      return text.slice(i + 2, i + 9).toUpperCase() === 'DOCTYPE' ? { kind: 'doctype' } : { kind: 'notXml' };
    } else if (i + 1 < text.length && NAME_START.test(text[i + 1])) {
      const tag = startTag(text, i);
      return tag === undefined ? { kind: 'incomplete' } : { kind: 'root', root: rootOf(tag) };
    } else {
      return i + 1 < text.length ? { kind: 'notXml' } : { kind: 'incomplete' };
    }
  }
}

/** The text of the start tag at `from` (without < and >), quotes respected; undefined when it is cut. */
function startTag(text: string, from: number): string | undefined {
  let quote: string | undefined;
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return text.slice(from + 1, i).replace(/\/$/, '');
  }
  return undefined;
}

function rootOf(tag: string): XmlRoot {
  const name = /^[^\s/>]+/.exec(tag)?.[0] ?? '';
  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  const localName = colon >= 0 ? name.slice(colon + 1) : name;
  const declarations = new Map<string, string>();
  for (const m of tag.matchAll(/\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    declarations.set(m[1] ?? '', m[2] ?? m[3] ?? '');
  }
  const namespace = declarations.get(prefix);
  return namespace === undefined ? { name, localName } : { name, localName, namespace };
}

/**
 * The text of the first `maxBytes` of a file's bytes, enough to read its prolog: UTF-16 when a byte-order mark
 * says so, otherwise bytes as Latin-1 (the markup of the prolog is ASCII in every encoding XML allows here).
 */
export function prologText(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const head = bytes.subarray(0, maxBytes);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let text = '';
  for (let i = start; i < head.length; i += 8192)
    text += String.fromCharCode(...head.subarray(i, Math.min(head.length, i + 8192)));
  return text;
}

/** The prolog of a whole document in memory: reads more of it only while the prolog is longer (long comments). */
export function readXmlPrologOfBytes(bytes: Uint8Array): XmlProlog {
  for (let size = 64 * 1024; ; size *= 4) {
    const prolog = readXmlProlog(prologText(bytes, size));
    if (prolog.kind !== 'incomplete' || size >= bytes.length) return prolog;
  }
}
