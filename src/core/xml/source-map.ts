import type { Dictionary } from '../../dictionary';
import type { CertificationGroup, Passage, XmlLocation, XmlSourceMap } from '../model/types';
import { compilePassageLineFields, LineClassifier, type PassageLine } from './line-origins';
import { schemaShape } from './schema-shape';

/**
 * Maps lines of a written flux back to the workbook while it is being written. Memory stays small: per passage
 * only its first line is kept (the passages are in memory anyway); the lines of a passage are worked out again,
 * by re-serializing it, only when an error falls inside it.
 */

/** Names of the sheets that lines are mapped to. */
export interface SourceMapSheets {
  readonly passages: string;
  readonly digcomp: string;
  /** Sheet of the flux-level values (emetteur, certificateur); their lines map to row 0 of it when given. */
  readonly parameters?: string;
}

/** What a chunk of the written document holds, besides envelope text. */
export interface ChunkOrigin {
  /** The chunk is one passage. */
  readonly passage?: Passage;
  /** The chunk is part of this certification's envelope (opening or closing). */
  readonly group?: CertificationGroup;
}

interface EnvelopeSegment {
  readonly firstLine: number;
  readonly fields: readonly (string | undefined)[];
  readonly group?: CertificationGroup;
}

export class FluxSourceMap implements XmlSourceMap {
  private nextLine = 1;
  private readonly envelope: EnvelopeSegment[] = [];
  private readonly passageFirstLines: number[] = [];
  private readonly passages: Passage[] = [];
  private readonly classifier: LineClassifier;
  private readonly lineFields: (passage: Passage) => readonly PassageLine[];
  private readonly certificationFields: ReadonlySet<string>;

  constructor(
    dictionary: Dictionary,
    private readonly sheets: SourceMapSheets,
  ) {
    const shape = schemaShape(dictionary);
    this.classifier = new LineClassifier(shape.fieldsByPath, []);
    this.lineFields = compilePassageLineFields(dictionary);
    this.certificationFields = new Set(shape.certificationFields);
  }

  /** Notes the next chunk of the document, which must end with a line break. */
  record(text: string, origin: ChunkOrigin = {}): void {
    if (origin.passage !== undefined) {
      this.recordPassage(origin.passage, countLines(text));
      return;
    }
    const lines = text.slice(0, -1).split('\n');
    this.envelope.push({
      firstLine: this.nextLine,
      fields: lines.map((line) => this.classifier.next(line)),
      group: origin.group,
    });
    this.nextLine += lines.length;
  }

  /** Notes the next passage, written from its text encoded earlier: `lines` is its number of lines. */
  recordPassage(passage: Passage, lines: number): void {
    this.passageFirstLines.push(this.nextLine);
    this.passages.push(passage);
    this.nextLine += lines;
  }

  locate(line: number): XmlLocation | undefined {
    const segment =
      this.envelope[lastAtOrBefore(this.envelope.length, (i) => this.envelope[i].firstLine, line)];
    if (segment !== undefined && line < segment.firstLine + segment.fields.length) {
      return this.locateInEnvelope(segment, segment.fields[line - segment.firstLine]);
    }
    const index = lastAtOrBefore(this.passages.length, (i) => this.passageFirstLines[i], line);
    if (index < 0) return undefined;
    const passage = this.passages[index];
    const origin = this.lineFields(passage)[line - this.passageFirstLines[index]];
    if (origin === undefined) return undefined;
    if (origin.digcomp !== undefined) {
      return withField(
        { sheet: this.sheets.digcomp, row: passage.digcomp[origin.digcomp].row },
        origin.field,
      );
    }
    return withField({ sheet: this.sheets.passages, row: passage.row }, origin.field);
  }

  private locateInEnvelope(segment: EnvelopeSegment, field: string | undefined): XmlLocation | undefined {
    const firstRow = segment.group?.firstRow ?? segment.group?.passages[0]?.row;
    if (firstRow !== undefined && (field === undefined || this.certificationFields.has(field))) {
      // Certification lines (type, code, natureDeposant) come from the first passage row of the group.
      return withField({ sheet: this.sheets.passages, row: firstRow }, field);
    }
    if (field !== undefined && this.sheets.parameters !== undefined) {
      return { sheet: this.sheets.parameters, row: 0, field };
    }
    return undefined;
  }
}

function withField(location: XmlLocation, field: string | undefined): XmlLocation {
  return field === undefined ? location : { ...location, field };
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Index of the last entry whose key is ≤ target (keys ascending), or -1. */
function lastAtOrBefore(length: number, key: (i: number) => number, target: number): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (key(mid) <= target) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
