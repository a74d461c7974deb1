import type { Dictionary } from '../../dictionary';
import type { CertificationGroup, Flux } from '../model/types';
import { compilePassageSerializer, type PassageSerializer } from './passage-serializer';
import { buildReferenceFluxXml, PASSAGES_PLACEHOLDER } from './reference-serializer';
import { schemaShape } from './schema-shape';
import type { EncodedPassages } from './encoded-passages';
import { FluxSourceMap, type SourceMapSheets } from './source-map';

/**
 * Writes a CDC file as a stream of chunks, as Pix's export does: xmlbuilder2 builds the envelope once, with a
 * placeholder comment where each certification's passages go, and the envelope is cut at the placeholders;
 * the passages between are written by the fast serializer. Memory stays bounded by the batch size whatever
 * the number of passages (100 000 passages ≈ 230 MB of XML). Nothing but the XML declaration and elements is
 * written: no comment, no processing instruction.
 */

export interface WriteFluxOptions {
  /** Notes where each chunk lands, to map XSD errors back to cells. */
  readonly sourceMap?: FluxSourceMap;
  /** Passages per yielded chunk: fewer chunks to hand over, a bounded size each. Default 1000. */
  readonly batchSize?: number;
}

interface Envelope {
  readonly head: string;
  readonly certifications: readonly { readonly opening: string; readonly closing: string }[];
  readonly tail: string;
}

const serializers = new WeakMap<Dictionary, PassageSerializer>();

function passageSerializer(dictionary: Dictionary): PassageSerializer {
  let serializer = serializers.get(dictionary);
  if (serializer === undefined) {
    serializer = compilePassageSerializer(dictionary);
    serializers.set(dictionary, serializer);
  }
  return serializer;
}

/** Cuts the placeholder envelope into the head, one opening and closing per certification, and the tail. */
function buildEnvelope(flux: Flux, dictionary: Dictionary): Envelope {
  const { prefix } = dictionary.schema;
  const shape = schemaShape(dictionary);
  const pad = '  '.repeat(shape.certification.depth);
  const name = `${prefix}:${shape.certification.node.tag}`;
  // Text never holds `<`, so these lines can only be the markup they look like.
  const certificationStart = `${pad}<${name}>`;
  const certificationEnd = `${pad}</${name}>`;
  const placeholder = `<!--${PASSAGES_PLACEHOLDER}-->`;
  const lines = buildReferenceFluxXml(flux, dictionary, { placeholders: true }).slice(0, -1).split('\n');
  const text = (from: number, to: number): string =>
    from < to ? `${lines.slice(from, to).join('\n')}\n` : '';
  const certifications: { opening: string; closing: string }[] = [];
  let start = lines.indexOf(certificationStart);
  const headEnd = start === -1 ? lines.length : start;
  let position = headEnd;
  for (const _group of flux.certifications) {
    const hole = lines.findIndex((line, i) => i > start && line.trim() === placeholder);
    const end = lines.indexOf(certificationEnd, hole);
    if (start === -1 || hole === -1 || end === -1)
      throw new Error('Envelope does not have the expected certification layout');
    certifications.push({ opening: text(start, hole), closing: text(hole + 1, end + 1) });
    position = end + 1;
    start = lines.indexOf(certificationStart, position);
  }
  return { head: text(0, headEnd), certifications, tail: text(position, lines.length) };
}

/** The document as a sequence of chunks; joined, they are the file (UTF-8 text, LF line ends). */
export function* writeFluxXml(
  flux: Flux,
  dictionary: Dictionary,
  options: WriteFluxOptions = {},
): Generator<string> {
  const { sourceMap } = options;
  const batchSize = options.batchSize ?? 1000;
  const serialize = passageSerializer(dictionary);
  const indent = schemaShape(dictionary).passage.depth;
  const envelope = buildEnvelope(flux, dictionary);
  sourceMap?.record(envelope.head);
  yield envelope.head;
  for (const [index, group] of flux.certifications.entries()) {
    const { opening, closing } = envelope.certifications[index];
    yield* recorded(opening, group, sourceMap);
    let batch = '';
    let count = 0;
    for (const passage of group.passages) {
      const text = serialize(passage, indent);
      sourceMap?.record(text, { passage });
      batch += text;
      if (++count === batchSize) {
        yield batch;
        batch = '';
        count = 0;
      }
    }
    if (batch !== '') yield batch;
    yield* recorded(closing, group, sourceMap);
  }
  sourceMap?.record(envelope.tail);
  yield envelope.tail;
}

function* recorded(
  text: string,
  group: CertificationGroup,
  sourceMap: FluxSourceMap | undefined,
): Generator<string> {
  sourceMap?.record(text, { group });
  yield text;
}

/**
 * The same document as writeFluxXml, as UTF-8 chunks, with the passages' bytes taken from `encoded` (serialized
 * once, see encoded-passages.ts) instead of serialized again: `first` is the index in `encoded` of the flux's
 * first passage, and the flux's passages follow it there in order.
 */
export function* writeEncodedFluxXml(
  flux: Flux,
  dictionary: Dictionary,
  encoded: EncodedPassages,
  first: number,
  sourceMap?: FluxSourceMap,
): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const envelope = buildEnvelope(flux, dictionary);
  sourceMap?.record(envelope.head);
  yield encoder.encode(envelope.head);
  let index = first;
  for (const [g, group] of flux.certifications.entries()) {
    const { opening, closing } = envelope.certifications[g];
    sourceMap?.record(opening, { group });
    yield encoder.encode(opening);
    if (sourceMap)
      for (const [i, passage] of group.passages.entries())
        sourceMap.recordPassage(passage, encoded.lines(index + i));
    yield* encoded.bytes(index, index + group.passages.length);
    index += group.passages.length;
    sourceMap?.record(closing, { group });
    yield encoder.encode(closing);
  }
  sourceMap?.record(envelope.tail);
  yield encoder.encode(envelope.tail);
}

/** The chunks, and a source map that is complete once all chunks have been consumed. */
export function writeFluxXmlWithMap(
  flux: Flux,
  dictionary: Dictionary,
  sheets: SourceMapSheets,
  options: Omit<WriteFluxOptions, 'sourceMap'> = {},
): { readonly chunks: Generator<string>; readonly sourceMap: FluxSourceMap } {
  const sourceMap = new FluxSourceMap(dictionary, sheets);
  return { chunks: writeFluxXml(flux, dictionary, { ...options, sourceMap }), sourceMap };
}

/** The whole document as one string: for small files and tests (large ones should stream the chunks). */
export function buildFluxXml(flux: Flux, dictionary: Dictionary): string {
  return Array.from(writeFluxXml(flux, dictionary)).join('');
}

/** The whole document and its source map. */
export function buildFluxXmlWithMap(
  flux: Flux,
  dictionary: Dictionary,
  sheets: SourceMapSheets,
): { readonly xml: string; readonly sourceMap: FluxSourceMap } {
  const { chunks, sourceMap } = writeFluxXmlWithMap(flux, dictionary, sheets);
  return { xml: Array.from(chunks).join(''), sourceMap };
}
