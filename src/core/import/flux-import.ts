import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Dictionary, FieldDef } from '../../dictionary';
import { buildTemplateLayout, FIRST_DATA_ROW } from '../template/layout';
import type { CellValue } from '../model/types';
import { XSI_NAMESPACE } from '../xml/reference-serializer';
import { importMessage, type ImportIssueCode, type ImportMessageParams } from '../../i18n/import-messages';
import { schemaPaths, type SchemaPaths } from './schema-paths';
import { EXCEL_MAX_CELL_CHARS, templateCellFromXml } from './template-cells';
import { decodeXmlChunks, DecodingStop, type XmlChunk } from './xml-decoding';

/**
 * Reads a CDC XML file (ours or any other tool's) into template rows, one passage at a time, so that a file of
 * 150 MB is read with bounded memory. Element paths are matched to dictionary ids through the schema tree.
 * Safe by construction: saxes expands no entity beyond the five predefined ones and reads no external resource,
 * and any DOCTYPE stops the reading; size and nesting are capped. Whatever cannot be placed in the template (an
 * unknown element, a second certificateur, a repeated value) is reported with its XML line, never dropped silently.
 */

export type ImportSeverity = 'error' | 'warning';

export interface ImportIssue {
  readonly code: ImportIssueCode;
  /** error: something was not imported (or reading stopped); warning: imported, but to look at. */
  readonly severity: ImportSeverity;
  /** 1-based line and column in the XML file (0 when unknown). */
  readonly line: number;
  readonly column: number;
  /** Dictionary id, or '' when no field applies. */
  readonly field: string;
  /** Where the value went in the template, when it was placed (e.g. "Passages", "K12"). */
  readonly sheet: string;
  readonly cell: string;
  /** French text, with its XML location. */
  readonly message: string;
}

/** One template row: cells keyed by dictionary id, as a user would have typed them. */
export interface ImportedRow {
  /** Excel row number the row takes in its sheet of the template. */
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
  /** Ids of the cells that hold a value the XSD refuses, kept as written. */
  readonly nonConforming: readonly string[];
}

export interface ImportedPassage extends ImportedRow {
  /** 0-based position of the passage among the imported ones. */
  readonly index: number;
  /** Line of its <passageCertification> in the XML. */
  readonly line: number;
  /** Its DIGCOMP results, as rows of the DIGCOMP sheet (linked by idTechnique). */
  readonly digcomp: readonly ImportedRow[];
}

export interface FluxImportOptions {
  readonly dictionary: Dictionary;
  /** Refuse files larger than this (bytes). Default DEFAULT_MAX_IMPORT_BYTES. */
  readonly maxBytes?: number;
  /** Which certificateur of the file to import, 1-based (a CDC file has one; others are reported). Default 1. */
  readonly certificateur?: number;
  /** At most this many issues are kept in detail; the others are only counted. Default 200. */
  readonly maxIssues?: number;
}

export interface FluxImportResult {
  /** False when reading stopped before the end of the file (see `stopped`). */
  readonly complete: boolean;
  readonly stopped?: ImportIssue;
  /** Flux-level cells (2.1, 3.1, 3.2) for the parameters sheet. */
  readonly parameters: Readonly<Record<string, CellValue>>;
  /** idFlux and horodatage of the file: not imported, since every export makes new ones, but shown to the user. */
  readonly generated: Readonly<Record<string, string>>;
  readonly passages: number;
  readonly digcompResults: number;
  /** Certificateur elements found in the file. */
  readonly certificateurs: number;
  readonly issues: readonly ImportIssue[];
  /** Number of issues of each code, including those not kept in detail. */
  readonly issueCounts: Readonly<Partial<Record<ImportIssueCode, number>>>;
}

/** 256 MiB: above the CDC's 200 Mo limit per file, so that any depositable file imports. */
export const DEFAULT_MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** The CDC tree is 12 levels deep. */
const MAX_DEPTH = 48;
/** DIGCOMP has 21 competences; a few more for retakes. */
const MAX_RESULTS_PER_PASSAGE = 100;
/** Passages held back while a certification's type or code has not been read yet. */
const MAX_HELD_PASSAGES = 10000;

const WARNINGS: ReadonlySet<ImportIssueCode> = new Set([
  'keptAsText',
  'emptyElement',
  'nilNotAllowed',
  'digcompWithoutPassageId',
  'xmlDeclaration',
  'foreignNamespace',
  'nilWithValue',
]);

class ImportStop extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.code);
  }
}

interface OpenRow {
  readonly cells: Record<string, CellValue>;
  readonly nonConforming: string[];
}

interface OpenPassage extends OpenRow {
  readonly line: number;
  readonly results: OpenRow[];
  droppedResults: number;
}

interface Skipped {
  /** Depth of the skipped element: everything under it is skipped too. */
  readonly depth: number;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly otherCertificateur?: number;
  passages: number;
  bcr?: string;
  text: string;
}

interface OpenCertification {
  readonly cells: Record<string, CellValue>;
  readonly nonConforming: string[];
  /** Passages waiting for the certification's type and code (odd element order, allowed by xsd:all). */
  held?: OpenPassage[];
  emitted: number;
}

type PassageSink = (passage: ImportedPassage) => void | Promise<void>;

/** Issues, with French messages located in the XML and in the template. */
class ImportIssues {
  readonly kept: ImportIssue[] = [];
  readonly counts: Partial<Record<ImportIssueCode, number>> = {};
  constructor(
    private readonly dictionary: Dictionary,
    private readonly max: number,
  ) {}

  make(
    code: ImportIssueCode,
    at: { line: number; column: number },
    field?: string,
    params: ImportMessageParams = {},
    cell: { sheet: string; cell: string } = { sheet: '', cell: '' },
  ): ImportIssue {
    const def: FieldDef | undefined = field ? this.dictionary.field(field) : undefined;
    const text = importMessage(code, def, {
      ...params,
      cell: cell.cell ? `${cell.sheet}!${cell.cell}` : undefined,
    });
    return {
      code,
      severity: WARNINGS.has(code) ? 'warning' : 'error',
      line: at.line,
      column: at.column,
      field: field ?? '',
      sheet: cell.sheet,
      cell: cell.cell,
      message: `${at.line > 0 ? `XML, ligne ${at.line}` : 'XML'} : ${text}`,
    };
  }

  add(...args: Parameters<ImportIssues['make']>): void {
    const issue = this.make(...args);
    this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1;
    if (this.kept.length < this.max) this.kept.push(issue);
  }
}

/**
 * Reads `source` (chunks of the file, as bytes or text) and hands each passage to `onPassage` as soon as it is
 * complete; resolves with the flux-level values and every issue. Never throws for a bad file: a file that cannot
 * be read to its end gives `complete: false` and the reason in `stopped`.
 */
export async function importFluxXml(
  source: AsyncIterable<XmlChunk> | Iterable<XmlChunk>,
  onPassage: PassageSink,
  options: FluxImportOptions,
): Promise<FluxImportResult> {
  const { dictionary } = options;
  const reader = new FluxReader(dictionary, options);
  let stopped: ImportIssue | undefined;
  try {
    let first = true;
    for await (let text of decodeXmlChunks(source, options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES)) {
      // A byte order mark decoded from text input is not part of the document.
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      reader.write(text);
      for (const passage of reader.takeReady()) await onPassage(passage);
    }
    reader.end();
    for (const passage of reader.takeReady()) await onPassage(passage);
  } catch (error) {
    if (error instanceof ImportStop) stopped = error.issue;
    else if (error instanceof DecodingStop) {
      const megabytes = Math.round((options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES) / (1024 * 1024));
      stopped = reader.issues.make(error.code, reader.position(), undefined, {
        value: error.value,
        limit: megabytes,
      });
    } else throw error;
    // Passages completed before the stop are real data: hand them over too.
    for (const passage of reader.takeReady()) await onPassage(passage);
  }
  if (stopped) reader.issues.counts[stopped.code] = (reader.issues.counts[stopped.code] ?? 0) + 1;
  return reader.result(stopped);
}

class FluxReader {
  readonly issues: ImportIssues;
  private readonly paths: SchemaPaths;
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly passageColumns: Map<string, string>;
  private readonly digcompColumns: Map<string, string>;
  private readonly passagesSheet: string;
  private readonly digcompSheet: string;
  private readonly parameterCells: Map<string, string>;
  private readonly parametersSheet: string;
  private readonly wantedCertificateur: number;
  private readonly linkField: string;
  private readonly passagesContainer: string;
  private readonly passageTag: string;
  private readonly requiredCertificationFields: readonly string[];

  private readonly stack: string[] = [];
  private skipped: Skipped | undefined;
  private leaf:
    | { field: string; text: string; nil: boolean; truncated: boolean; line: number; column: number }
    | undefined;
  private containerText = '';
  private sawRoot = false;
  private closing = false;
  private sawDeclaration = false;
  private certificateurs = 0;
  private certification: OpenCertification | undefined;
  private passage: OpenPassage | undefined;
  private openResult: OpenRow | undefined;
  private ready: ImportedPassage[] = [];
  private passageCount = 0;
  private digcompCount = 0;
  private readonly parameters: Record<string, CellValue> = {};
  private readonly generated: Record<string, string> = {};

  constructor(
    private readonly dictionary: Dictionary,
    options: FluxImportOptions,
  ) {
    this.issues = new ImportIssues(dictionary, options.maxIssues ?? 200);
    this.paths = schemaPaths(dictionary);
    const layout = buildTemplateLayout(dictionary);
    this.passageColumns = new Map(layout.passages.columns.map((c) => [c.field, c.column]));
    this.digcompColumns = new Map(layout.digcomp.columns.map((c) => [c.field, c.column]));
    this.passagesSheet = layout.passages.name;
    this.digcompSheet = layout.digcomp.name;
    this.parametersSheet = layout.parameters.name;
    this.parameterCells = new Map(layout.parameters.cells.map((c) => [c.field, c.cell]));
    this.wantedCertificateur = options.certificateur ?? 1;
    // The DIGCOMP sheet links a result to its passage by the field its first column carries (idTechnique).
    this.linkField = layout.digcomp.columns[0].field;
    this.passageTag = this.paths.passage.split('/').pop() ?? '';
    this.passagesContainer = this.paths.passage.split('/').slice(0, -1).join('/');
    this.requiredCertificationFields = [...this.paths.certificationFields].filter(
      (id) => dictionary.placement(id).node.minOccurs > 0,
    );

    const p = this.parser;
    p.on('xmldecl', (decl) => {
      this.sawDeclaration = true;
      if (decl.version !== '1.0')
        this.issues.add('xmlDeclaration', this.position(), undefined, { value: decl.version });
    });
    p.on('doctype', () => this.stop('doctypeForbidden'));
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => this.closeElement());
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
    p.on('error', (error) => {
      if (this.closing && !this.sawRoot) this.stop('emptyFile');
      this.stop('notWellFormed', { detail: error.message, count: this.passageCount });
    });
  }

  position(): { line: number; column: number } {
    return { line: this.parser.line, column: this.parser.column + 1 };
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.closing = true;
    this.parser.close();
    if (!this.sawRoot) this.stop('emptyFile');
  }

  takeReady(): ImportedPassage[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  result(stopped: ImportIssue | undefined): FluxImportResult {
    return {
      complete: stopped === undefined,
      ...(stopped ? { stopped } : {}),
      parameters: this.parameters,
      generated: this.generated,
      passages: this.passageCount,
      digcompResults: this.digcompCount,
      certificateurs: this.certificateurs,
      issues: this.issues.kept,
      issueCounts: this.issues.counts,
    };
  }

  private stop(code: ImportIssueCode, params: ImportMessageParams = {}): never {
    throw new ImportStop(this.issues.make(code, this.position(), undefined, params));
  }

  private open(tag: SaxesTagNS): void {
    this.stack.push(tag.local);
    if (this.stack.length > MAX_DEPTH) this.stop('tooDeep', { limit: MAX_DEPTH });
    const path = this.stack.join('/');
    if (this.skipped) {
      if (tag.local === this.passageTag) this.skipped.passages++;
      return;
    }
    if (!this.sawRoot) this.openRoot(tag);
    this.flushContainerText(this.stack.slice(0, -1));
    const role = this.paths.roles.get(path);
    if (role === undefined || this.leaf !== undefined) {
      this.skip(path, {});
      return;
    }
    if (role.kind === 'leaf') {
      this.leaf = { field: role.field, text: '', nil: false, truncated: false, ...this.position() };
      this.readAttributes(tag, true);
      return;
    }
    this.readAttributes(tag, false);
    if (path === this.paths.certificateur) {
      this.certificateurs++;
      if (this.certificateurs !== this.wantedCertificateur) {
        this.skip(path, { otherCertificateur: this.certificateurs });
        return;
      }
    }
    const certification = this.certification;
    if (path === this.paths.certification) this.certification = { cells: {}, nonConforming: [], emitted: 0 };
    else if (path === this.passagesContainer && certification) {
      // Passages normally follow the certification's type and code; if not, hold them until those are read.
      if (!this.requiredCertificationFields.every((id) => id in certification.cells)) certification.held = [];
    } else if (path === this.paths.passage) {
      this.passage = {
        cells: {},
        nonConforming: [],
        results: [],
        droppedResults: 0,
        line: this.position().line,
      };
    } else if (path === this.paths.result && this.passage) {
      this.openResult = { cells: {}, nonConforming: [] };
    }
  }

  private openRoot(tag: SaxesTagNS): void {
    this.sawRoot = true;
    if (tag.local !== this.paths.root) this.stop('notAFlux', { value: tag.name });
    if (!this.sawDeclaration) this.issues.add('xmlDeclaration', this.position());
    const expected = this.dictionary.schema.namespace;
    if (tag.uri !== expected) {
      this.issues.add('foreignNamespace', this.position(), undefined, {
        value: tag.uri || '(aucun)',
        other: expected,
      });
    }
  }

  /** Reports attributes other than namespace declarations and xsi:nil (on a leaf). */
  private readAttributes(tag: SaxesTagNS, isLeaf: boolean): void {
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      if (isLeaf && attribute.uri === XSI_NAMESPACE && attribute.local === 'nil' && this.leaf) {
        const value = attribute.value.trim();
        if (value === 'true' || value === '1') this.leaf.nil = true;
        continue;
      }
      this.issues.add('unknownAttribute', this.position(), this.leaf?.field, {
        path: attribute.name,
        value: attribute.value,
      });
    }
  }

  /** The last elements of a path, enough to find it in the file: "…/passageCertification/titreGrade". */
  private shortPath(path: string): string {
    const parts = path.split('/');
    return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : path;
  }

  private skip(path: string, extra: { otherCertificateur?: number }): void {
    this.skipped = { depth: this.stack.length, path, ...this.position(), passages: 0, text: '', ...extra };
  }

  private text(text: string): void {
    if (this.skipped) {
      // Keep a short excerpt of an unknown element's content for the report, and the BCR of another certificateur.
      if (this.skipped.text.length < 80) this.skipped.text += text.trim() ? text : '';
      if (this.skipped.otherCertificateur !== undefined && this.stack.length === this.skipped.depth + 1) {
        const role = this.paths.roles.get(this.stack.join('/'));
        if (role?.kind === 'leaf' && role.field === this.paths.certificateurId) {
          this.skipped.bcr = (this.skipped.bcr ?? '') + text;
        }
      }
      return;
    }
    if (this.leaf) {
      if (this.leaf.truncated) return;
      const room = EXCEL_MAX_CELL_CHARS - this.leaf.text.length;
      if (text.length > room) {
        this.leaf.text += text.slice(0, room);
        this.leaf.truncated = true;
      } else this.leaf.text += text;
      return;
    }
    if (this.containerText.length < 80) this.containerText += text;
  }

  /** Reports text found directly in the container `path` (only elements belong there). */
  private flushContainerText(path: readonly string[]): void {
    const text = this.containerText.trim();
    this.containerText = '';
    if (text === '' || path.length === 0) return;
    this.issues.add('unexpectedText', this.position(), undefined, {
      path: this.shortPath(path.join('/')),
      value: text,
    });
  }

  private closeElement(): void {
    const path = this.stack.join('/');
    if (this.skipped) {
      if (this.stack.length === this.skipped.depth) this.endSkip(this.skipped);
      this.stack.pop();
      return;
    }
    if (this.leaf) {
      const leaf = this.leaf;
      this.leaf = undefined;
      this.placeLeaf(leaf);
      this.stack.pop();
      return;
    }
    this.flushContainerText(this.stack);
    if (path === this.paths.result && this.passage && this.openResult) {
      if (this.passage.results.length < MAX_RESULTS_PER_PASSAGE) this.passage.results.push(this.openResult);
      else this.passage.droppedResults++;
      this.openResult = undefined;
    } else if (path === this.paths.passage && this.passage) {
      this.endPassage(this.passage);
      this.passage = undefined;
    } else if (path === this.paths.certification && this.certification) {
      const held = this.certification.held ?? [];
      this.certification.held = undefined;
      for (const passage of held) this.emit(passage);
      this.certification = undefined;
    }
    this.stack.pop();
  }

  private endSkip(skipped: Skipped): void {
    this.skipped = undefined;
    if (skipped.otherCertificateur !== undefined) {
      this.issues.add('otherCertificateur', skipped, undefined, {
        count: skipped.otherCertificateur,
        value: skipped.bcr?.trim(),
        other: String(skipped.passages),
      });
      return;
    }
    this.issues.add('unknownElement', skipped, undefined, {
      path: this.shortPath(skipped.path),
      value: skipped.text.trim(),
    });
  }

  private endPassage(passage: OpenPassage): void {
    if (passage.droppedResults > 0) {
      this.issues.add('tooManyResults', { line: passage.line, column: 0 }, undefined, {
        limit: MAX_RESULTS_PER_PASSAGE,
      });
    }
    const certification = this.certification;
    if (certification?.held) {
      certification.held.push(passage);
      if (certification.held.length >= MAX_HELD_PASSAGES) {
        // Bounded memory wins: hand them over with what is known; a value read later is reported.
        const held = certification.held;
        certification.held = undefined;
        for (const p of held) this.emit(p);
      }
      return;
    }
    this.emit(passage);
  }

  private emit(passage: OpenPassage): void {
    const cells: Record<string, CellValue> = {};
    const nonConforming: string[] = [];
    if (this.certification) {
      Object.assign(cells, this.certification.cells);
      nonConforming.push(...this.certification.nonConforming);
      this.certification.emitted++;
    }
    Object.assign(cells, passage.cells);
    nonConforming.push(...passage.nonConforming);
    const row = FIRST_DATA_ROW + this.passageCount;
    const link = cells[this.linkField];
    if (passage.results.length > 0 && (link === undefined || link === '')) {
      this.issues.add('digcompWithoutPassageId', { line: passage.line, column: 0 });
    }
    const digcomp: ImportedRow[] = passage.results.map((result) => {
      const digcompRow = FIRST_DATA_ROW + this.digcompCount++;
      const linked: Record<string, CellValue> = link === undefined ? {} : { [this.linkField]: link };
      return { row: digcompRow, cells: { ...linked, ...result.cells }, nonConforming: result.nonConforming };
    });
    this.ready.push({ index: this.passageCount, row, line: passage.line, cells, nonConforming, digcomp });
    this.passageCount++;
  }

  /** Where a field's cell lands in the template, for messages. */
  private cellOf(field: string): { sheet: string; cell: string } {
    if (this.openResult) {
      const column = this.digcompColumns.get(field);
      return column
        ? {
            sheet: this.digcompSheet,
            cell: `${column}${FIRST_DATA_ROW + this.digcompCount + (this.passage?.results.length ?? 0)}`,
          }
        : { sheet: '', cell: '' };
    }
    const parameter = this.parameterCells.get(field);
    if (parameter) return { sheet: this.parametersSheet, cell: parameter };
    const column = this.passageColumns.get(field);
    if (!column) return { sheet: '', cell: '' };
    const pending = this.certification?.held?.length ?? 0;
    // Certification values go on every passage of the certification: point at its first row still to come.
    return { sheet: this.passagesSheet, cell: `${column}${FIRST_DATA_ROW + this.passageCount + pending}` };
  }

  private placeLeaf(leaf: {
    field: string;
    text: string;
    nil: boolean;
    truncated: boolean;
    line: number;
    column: number;
  }): void {
    const { field } = leaf;
    const def = this.dictionary.field(field);
    const at = { line: leaf.line, column: leaf.column };
    const where = this.cellOf(field);
    if (leaf.truncated) this.issues.add('valueTruncated', at, field, { limit: EXCEL_MAX_CELL_CHARS }, where);

    let text: string | undefined = leaf.text;
    if (leaf.nil) {
      if (text.trim() !== '') this.issues.add('nilWithValue', at, field, { value: text }, where);
      else {
        if (!def.nillable) this.issues.add('nilNotAllowed', at, field, {}, where);
        text = undefined;
      }
    } else if (text === '') {
      this.issues.add('emptyElement', at, field, {}, where);
      text = undefined;
    }

    // A derived value is recomputed by the check from the passage's other values: the template has no column for it.
    if (def.scope === 'derived') return;
    if (def.scope === 'generated') {
      if (text !== undefined && !(field in this.generated)) this.generated[field] = text;
      else if (text !== undefined) this.issues.add('duplicateValue', at, field, { value: text });
      return;
    }
    const target = this.targetOf(field);
    if (field in target.cells) {
      this.issues.add('duplicateValue', at, field, { value: text ?? '' }, where);
      return;
    }
    if (this.certification && this.paths.certificationFields.has(field) && this.certification.emitted > 0) {
      this.issues.add('lateCertificationValue', at, field, {
        value: text ?? '',
        count: this.certification.emitted,
      });
    }
    if (text === undefined) {
      // Remember the field was given (as nil or empty), so a second occurrence is still a duplicate.
      target.cells[field] = null;
      return;
    }
    const cell = templateCellFromXml(def, text);
    target.cells[field] = cell.value;
    if (!cell.conforming) {
      target.nonConforming.push(field);
      this.issues.add('keptAsText', at, field, { value: text }, where);
    }
  }

  private targetOf(field: string): OpenRow {
    if (this.openResult) return this.openResult;
    if (this.passage) return this.passage;
    if (this.certification && this.paths.certificationFields.has(field)) return this.certification;
    return { cells: this.parameters, nonConforming: [] };
  }
}
