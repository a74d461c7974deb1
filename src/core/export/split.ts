import type { Dictionary } from '../../dictionary';
import type { CertificationGroup, Flux, Passage } from '../model/types';
import { EncodedPassages } from '../xml/encoded-passages';
import { buildFluxXml } from '../xml/flux-writer';
import { compilePassageSerializer } from '../xml/passage-serializer';
import { schemaShape } from '../xml/schema-shape';

/**
 * Cuts an export into several CDC files when it is too big for one: the CDC refuses files over 200 Mo
 * (guide général V5 §4.4.2), and users may want fewer passages per file. Each part is a complete flux (same
 * émetteur, certificateur and horodatage, the certifications it needs, at least one passage each) with its
 * own idFlux, since an idFlux identifies one file (dictionary 1.1).
 *
 * Sizes are measured, not guessed: every passage is serialized once by the same serializer that writes it, and
 * its UTF-8 bytes are counted as they are produced (encodeFlux keeps them for the files and the validation). The envelope of a part is
 * counted as the sum of its certifications' envelopes, each measured as a whole file: that counts the
 * document's head and tail once per certification, a small over-estimate that keeps every part under the cap.
 */

/** "200Mo" read in decimal megabytes, the stricter reading. */
export const CDC_MAX_FILE_BYTES = 200_000_000;

export interface SplitLimits {
  /** At most this many passages per file (no limit when absent). */
  readonly maxPassages?: number;
  /** At most this many UTF-8 bytes per file; default CDC_MAX_FILE_BYTES. */
  readonly maxBytes?: number;
}

export interface FluxPart {
  readonly flux: Flux;
  readonly passages: number;
  /** Upper bound of the part's size in bytes (the file written is at most this long). */
  readonly estimatedBytes: number;
}

/** A passage, with its envelope, does not fit the byte limit: no split can help. */
export class PassageTooLargeError extends Error {}

/** idFlux is at most 50 characters (XSD): a later part's idFlux can be longer than the first's by this much. */
const ID_FLUX_SLACK = 64;

/** UTF-8 size of a string, without encoding it. */
export function utf8ByteLength(text: string): number {
  // Counted, not encoded: encoding every passage just to measure it doubled the garbage of an export.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The parts of `flux`, in order; the first keeps `flux.idFlux`, the others get `newIdFlux(index)`.
 * A flux within the limits comes back as a single part, unchanged. Measures each passage by serializing it;
 * the export itself uses encodeFlux, which cuts the same parts from the bytes it keeps.
 */
export function splitFluxByLimits(
  flux: Flux,
  dictionary: Dictionary,
  limits: SplitLimits = {},
  newIdFlux: (index: number) => string = () => globalThis.crypto.randomUUID(),
): FluxPart[] {
  const serialize = compilePassageSerializer(dictionary);
  const indent = schemaShape(dictionary).passage.depth;
  return planParts(flux, dictionary, limits, newIdFlux, (passage) =>
    utf8ByteLength(serialize(passage, indent)),
  );
}

/** The export serialized once: its passages as UTF-8, and the files they are cut into (see encoded-passages.ts). */
export interface EncodedFlux {
  readonly parts: FluxPart[];
  /** Every passage of the flux, in its order: part after part, certification after certification. */
  readonly passages: EncodedPassages;
}

/**
 * Serializes every passage once, keeping its UTF-8 bytes, and decides where files end as the bytes come:
 * the same parts as splitFluxByLimits, without a second serialization to measure them.
 */
export function encodeFlux(
  flux: Flux,
  dictionary: Dictionary,
  limits: SplitLimits = {},
  newIdFlux: (index: number) => string = () => globalThis.crypto.randomUUID(),
): EncodedFlux {
  const serialize = compilePassageSerializer(dictionary);
  const indent = schemaShape(dictionary).passage.depth;
  const passages = new EncodedPassages();
  const parts = planParts(flux, dictionary, limits, newIdFlux, (passage) =>
    passages.append(serialize(passage, indent)),
  );
  return { parts, passages };
}

/**
 * Cuts `flux` into parts under the limits, `sizeOf` giving each passage's bytes, called once per passage in
 * the flux's order.
 */
function planParts(
  flux: Flux,
  dictionary: Dictionary,
  limits: SplitLimits,
  newIdFlux: (index: number) => string,
  sizeOf: (passage: Passage) => number,
): FluxPart[] {
  const maxBytes = limits.maxBytes ?? CDC_MAX_FILE_BYTES;
  const maxPassages = limits.maxPassages ?? Number.POSITIVE_INFINITY;
  if (!(maxPassages >= 1)) throw new RangeError('maxPassages must be at least 1');

  const parts: { groups: OpenGroup[]; passages: number; bytes: number }[] = [];
  let groups: OpenGroup[] = [];
  let passages = 0;
  let bytes = ID_FLUX_SLACK;
  const flush = () => {
    if (passages === 0) return;
    parts.push({ groups, passages, bytes });
    groups = [];
    passages = 0;
    bytes = ID_FLUX_SLACK;
  };

  for (const group of flux.certifications) {
    const envelope = utf8ByteLength(
      buildFluxXml({ ...flux, certifications: [{ values: group.values, passages: [] }] }, dictionary),
    );
    let current: OpenGroup | undefined;
    for (const passage of group.passages) {
      const size = sizeOf(passage);
      const extra = size + (current ? 0 : envelope);
      if (ID_FLUX_SLACK + envelope + size > maxBytes) {
        throw new PassageTooLargeError(
          `Le passage de la ligne ${passage.row} ne tient pas dans un fichier de ${maxBytes} octets, même seul.`,
        );
      }
      if (passages > 0 && (passages + 1 > maxPassages || bytes + extra > maxBytes)) {
        flush();
        current = undefined;
      }
      if (!current) {
        current = { values: group.values, passages: [] };
        groups.push(current);
        bytes += envelope;
      }
      current.passages.push(passage);
      passages++;
      bytes += size;
    }
  }
  flush();
  if (parts.length <= 1) {
    return [{ flux, passages: parts[0]?.passages ?? 0, estimatedBytes: parts[0]?.bytes ?? 0 }];
  }
  return parts.map((part, index) => ({
    flux: { ...flux, idFlux: index === 0 ? flux.idFlux : newIdFlux(index), certifications: part.groups },
    passages: part.passages,
    estimatedBytes: part.bytes,
  }));
}

/** A certification group while passages are added to it. */
interface OpenGroup {
  readonly values: CertificationGroup['values'];
  readonly passages: CertificationGroup['passages'][number][];
}

/** "cdc-X-20240615-143000.xml" → "cdc-X-20240615-143000-2.xml" for the 2nd of several parts. */
export function partFileName(fileName: string, index: number, count: number): string {
  if (count <= 1) return fileName;
  const dot = fileName.toLowerCase().endsWith('.xml') ? fileName.length - 4 : fileName.length;
  return `${fileName.slice(0, dot)}-${index + 1}${fileName.slice(dot)}`;
}

/** "cdc-X-20240615-143000.xml" → "cdc-X-20240615-143000_2.xml" for the 2nd attempt at a free name. */
export function numberedFileName(fileName: string, attempt: number): string {
  if (attempt <= 1) return fileName;
  const dot = fileName.toLowerCase().endsWith('.xml') ? fileName.length - 4 : fileName.length;
  return `${fileName.slice(0, dot)}_${attempt}${fileName.slice(dot)}`;
}
