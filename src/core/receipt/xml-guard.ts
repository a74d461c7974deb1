import { SaxesParser, type SaxesOptions, type SaxesTagNS } from 'saxes';

/**
 * Reading XML we did not write (an accusé, a file that was deposited, an XSD from the portal) without giving
 * the file any power over us: any DOCTYPE is refused outright, so no entity can be declared (no external
 * entity, no "billion laughs"); the input is bounded in size, depth and element count before and while it is
 * parsed. saxes never fetches anything and knows only the five predefined entities.
 */

export interface XmlReadLimits {
  /** Bytes (UTF-8) or characters accepted, checked before parsing. */
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxElements: number;
}

export type XmlGuardFailure =
  | { readonly code: 'doctype' }
  | { readonly code: 'tooDeep'; readonly limit: number }
  | { readonly code: 'tooManyElements'; readonly limit: number }
  | { readonly code: 'notXml'; readonly detail: string; readonly line: number };

/** Thrown inside the parser's handlers to stop it; caught by readGuardedXml. */
export class XmlGuardStop extends Error {
  constructor(readonly failure: XmlGuardFailure) {
    super(failure.code);
  }
}

export interface GuardedHandlers {
  open?(tag: SaxesTagNS, depth: number, parser: SaxesParser<{ xmlns: true; position: true }>): void;
  close?(tag: SaxesTagNS, depth: number, parser: SaxesParser<{ xmlns: true; position: true }>): void;
  text?(text: string): void;
}

/**
 * Parses `text` with the guards, calling the handlers; returns a failure instead of throwing. Handlers may
 * throw an XmlGuardStop to stop early with their own failure, or any other error, which propagates.
 */
export function readGuardedXml(
  text: string,
  limits: Omit<XmlReadLimits, 'maxBytes'>,
  handlers: GuardedHandlers,
): XmlGuardFailure | undefined {
  const options: SaxesOptions & { xmlns: true; position: true } = { xmlns: true, position: true };
  const parser = new SaxesParser(options);
  let depth = 0;
  let elements = 0;
  parser.on('doctype', () => {
    throw new XmlGuardStop({ code: 'doctype' });
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (++elements > limits.maxElements)
      throw new XmlGuardStop({ code: 'tooManyElements', limit: limits.maxElements });
    if (depth > limits.maxDepth) throw new XmlGuardStop({ code: 'tooDeep', limit: limits.maxDepth });
    handlers.open?.(tag, depth, parser);
  });
  parser.on('closetag', (tag) => {
    handlers.close?.(tag, depth, parser);
    depth--;
  });
  if (handlers.text) {
    const onText = handlers.text;
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  try {
    // Written in slices so a 200 MB deposited file does not need a second copy inside the parser.
    const slice = 1 << 20;
    for (let i = 0; i < text.length; i += slice) parser.write(text.slice(i, i + slice));
    parser.close();
    return undefined;
  } catch (error) {
    if (error instanceof XmlGuardStop) return error.failure;
    if (error instanceof Error && /^(?:[^:]*:)?\d+:\d+: /.test(error.message)) {
      return {
        code: 'notXml',
        detail: error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''),
        line: parser.line,
      };
    }
    throw error;
  }
}

/**
 * Bytes → text: a BOM or the XML declaration's encoding decides (UTF-8 by default, as in every CDC file).
 * Returns undefined when the bytes are not text in that encoding.
 */
export function decodeXmlBytes(
  bytes: Uint8Array,
): { text: string } | { error: 'encoding' | 'zip'; encoding?: string } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return { error: 'zip' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = String.fromCharCode(...bytes.subarray(start, start + 200));
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8')
    return decodeWith('utf-8', bytes.subarray(start));
  if (['iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252', 'cp1252'].includes(declared)) {
    return decodeWith('windows-1252', bytes.subarray(start));
  }
  return { error: 'encoding', encoding: declared };
}

function decodeWith(
  encoding: string,
  bytes: Uint8Array,
): { text: string } | { error: 'encoding'; encoding: string } {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'encoding', encoding };
  }
}
