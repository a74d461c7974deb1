import type { Dictionary } from '../../dictionary';
import type { CertificationGroup, Flux } from '../model/types';
import type { EncodedPassages } from '../xml/encoded-passages';
import { buildFluxXmlWithMap, writeEncodedFluxXml } from '../xml/flux-writer';
import { FluxSourceMap, type SourceMapSheets } from '../xml/source-map';
import type { ValidateXml } from '../xsd/xml-validator';
import type { XmlProblem, XmlValidationReport } from '../xsd/types';

/**
 * XSD validation of an export, split into self-contained parts validated side by side.
 *
 * Why this is equivalent to validating the whole file: every part is a complete cpf:flux with the same
 * envelope and a slice of the passages (each certification keeps at least one passage), and the CDC schema
 * has no identity constraint (no xs:unique/xs:key) linking passages, so the file is valid exactly when the
 * envelope and every passage are. Why bother: libxml2 in WebAssembly validates about 2.5× slower than
 * native and one run uses one core; two parts at a time use both cores, and the wasm heap only ever holds
 * one part, so memory stays flat whatever the number of passages.
 */

export interface PartsOptions {
  /** Passages per part (default 5 000, about 10 MB of XML: small wasm heaps, little garbage). */
  readonly passagesPerPart?: number;
  /** Parts validated at the same time (default 2: one per core of a typical office PC). */
  readonly concurrency?: number;
  /** Called once with 0 when validation starts, then after each part with the passages validated so far. */
  readonly onProgress?: (validated: number, total: number) => void;
  /** Stops between parts when it returns true (cancel). */
  readonly cancelled?: () => boolean;
  readonly maxErrors?: number;
  /** The flux's passages already serialized, in its order (prepareExport): parts are cut from these bytes. */
  readonly encoded?: EncodedPassages;
}

/** The flux cut into fluxes of at most `size` passages, keeping certification order. */
export function splitFlux(flux: Flux, size: number): Flux[] {
  const parts: Flux[] = [];
  let groups: CertificationGroup[] = [];
  let count = 0;
  const flush = () => {
    if (count === 0) return;
    parts.push({ ...flux, certifications: groups });
    groups = [];
    count = 0;
  };
  for (const group of flux.certifications) {
    let start = 0;
    while (start < group.passages.length) {
      const take = Math.min(size - count, group.passages.length - start);
      groups.push({
        values: group.values,
        passages: group.passages.slice(start, start + take),
        // Certification errors point at the same row as in the whole file, so parts report them alike.
        firstRow: group.firstRow ?? group.passages[0].row,
      });
      count += take;
      start += take;
      if (count === size) flush();
    }
  }
  flush();
  return parts;
}

const encoder = new TextEncoder();

export class ValidationCancelledError extends Error {
  constructor() {
    super('Validation annulée.');
  }
}

export async function validateFluxInParts(
  flux: Flux,
  dictionary: Dictionary,
  sheets: SourceMapSheets,
  validate: ValidateXml,
  options: PartsOptions = {},
): Promise<XmlValidationReport> {
  const parts = splitFlux(flux, options.passagesPerPart ?? 5_000);
  const total = parts.reduce((n, p) => n + p.certifications.reduce((m, g) => m + g.passages.length, 0), 0);
  const maxErrors = options.maxErrors ?? 100;
  const reports: XmlValidationReport[] = new Array(parts.length);
  let next = 0;
  let validated = 0;
  // Says validation has begun: with a single part, the first report would otherwise come when it is over.
  options.onProgress?.(0, total);

  const firsts: number[] = [];
  for (let i = 0, first = 0; i < parts.length; i++) {
    firsts.push(first);
    first += parts[i].certifications.reduce((m, g) => m + g.passages.length, 0);
  }
  const partDocument = (index: number): { xml: Uint8Array; sourceMap: FluxSourceMap } => {
    const { encoded } = options;
    if (encoded === undefined) {
      const built = buildFluxXmlWithMap(parts[index], dictionary, sheets);
      // UTF-8 bytes are half the size of the UTF-16 string and are what the worker copies.
      return { xml: encoder.encode(built.xml), sourceMap: built.sourceMap };
    }
    const sourceMap = new FluxSourceMap(dictionary, sheets);
    const chunks = Array.from(
      writeEncodedFluxXml(parts[index], dictionary, encoded, firsts[index], sourceMap),
    );
    return { xml: concat(chunks), sourceMap };
  };

  const lane = async (): Promise<void> => {
    while (next < parts.length) {
      if (options.cancelled?.()) throw new ValidationCancelledError();
      const index = next++;
      // Built just before validation, so only `concurrency` parts exist in memory at once.
      const { xml, sourceMap } = partDocument(index);
      reports[index] = await validate(xml, {
        dictionary,
        sourceMap,
        maxErrors,
        linesInMessages: false,
        // Built for this call alone: its bytes may move to libxml2's thread rather than be copied.
        transferInput: true,
      });
      validated += parts[index].certifications.reduce((m, g) => m + g.passages.length, 0);
      options.onProgress?.(validated, total);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 2, parts.length));
  await Promise.all(Array.from({ length: lanes }, lane));

  const errors: XmlProblem[] = [];
  // A problem in the shared envelope (émetteur, certificateur) shows up once per part: report it once.
  const seen = new Set<string>();
  let omitted = 0;
  for (const report of reports) {
    for (const problem of report.errors) {
      if (seen.has(problem.message)) continue;
      seen.add(problem.message);
      if (errors.length < maxErrors) errors.push(problem);
      else omitted++;
    }
    omitted += report.omittedErrors ?? 0;
  }
  return { valid: reports.every((r) => r.valid), errors, ...(omitted > 0 ? { omittedErrors: omitted } : {}) };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
