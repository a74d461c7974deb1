/**
 * Bytes of an XML file → text, chunk by chunk, with a size limit: the encoding comes from the byte order mark or
 * the XML declaration (UTF-8 when neither says otherwise, as XML 1.0 §4.3.3 states), and bytes that are not valid
 * in that encoding stop the reading rather than being replaced silently.
 */

export type XmlChunk = string | Uint8Array;

export class DecodingStop extends Error {
  constructor(
    readonly code: 'fileTooLarge' | 'unsupportedEncoding',
    readonly value: string,
  ) {
    super(code);
  }
}

/** How many first bytes are enough to read an XML declaration. */
const SNIFF_BYTES = 1024;

function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // Without a BOM the declaration is in ASCII-compatible bytes.
  const start = String.fromCharCode(...head.subarray(0, Math.min(head.length, 200)));
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start)?.[1];
  return declared ?? 'utf-8';
}

function decoderFor(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new DecodingStop('unsupportedEncoding', encoding);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Text chunks of `source`; throws DecodingStop past `maxBytes` (strings count their UTF-16 length). */
export async function* decodeXmlChunks(
  source: AsyncIterable<XmlChunk> | Iterable<XmlChunk>,
  maxBytes: number,
): AsyncGenerator<string> {
  let size = 0;
  let decoder: TextDecoder | undefined;
  let encoding = '';
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return (decoder as TextDecoder).decode(bytes, { stream });
    } catch {
      throw new DecodingStop('unsupportedEncoding', encoding);
    }
  };
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxBytes) throw new DecodingStop('fileTooLarge', String(maxBytes));
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (decoder === undefined) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength < SNIFF_BYTES) continue;
      const head = concat(pending);
      pending = [];
      encoding = sniffEncoding(head);
      decoder = decoderFor(encoding);
      yield decode(head, true);
      continue;
    }
    yield decode(chunk, true);
  }
  if (decoder === undefined && pendingLength > 0) {
    const head = concat(pending);
    encoding = sniffEncoding(head);
    decoder = decoderFor(encoding);
    yield decode(head, true);
  }
  if (decoder !== undefined) {
    const rest = decode(new Uint8Array(0), false);
    if (rest) yield rest;
  }
}
