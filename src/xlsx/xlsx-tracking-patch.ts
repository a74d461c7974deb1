import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Dictionary } from '../dictionary';
import { isBlank, mapHeaderColumns } from '../core/template/grid';
import {
  columnLetter,
  DATE_TIME_FORMAT,
  historyColumnsInHeader,
  SHEET_NAMES,
  trackingColumnsInHeader,
  type TemplateLayout,
} from '../core/template/layout';
import { buildTemplateSpec } from '../core/template/template-spec';
import { FORMULA_ERROR, FORMULA_NOT_CALCULATED, normalizeCell } from '../core/check/normalize';
import { CDC_STATUS_LABELS } from '../core/tracking/status';
import { EXPORT_MODE_LABELS, excelDateOfHorodatage } from '../core/tracking/history';
import type { HistoryResult, TrackingChanges, TrackingUpdate } from '../core/tracking/types';
import type { CellValue, HistoryKey, TrackingKey } from '../core/model/types';
import { trackingCopyText } from '../i18n/tracking-messages';
import { entryDataStart, readZipDirectory, type ZipDirectory, type ZipEntry } from './zip-directory';
import { ZipTooLargeError, ZipWriter } from './zip-writer';
import { TrackingWriteError } from './tracking-write-error';
import {
  attribute,
  columnIndex,
  decodeCellEscapes,
  decodeXml,
  entryString,
  entryText,
  escapeAttribute,
  escapeCellText,
  OddSheetError,
  parseRow,
  readSharedStrings,
  rowNumberOf,
  sheetPieces,
  stringItemText,
  type CellXml,
  type RowXml,
  type SheetPiece,
} from './sheet-xml';

/**
 * The tracking copy without a workbook model (issue 17): every zip entry of the user's workbook is copied raw,
 * its compressed bytes as they are (other sheets, styles, notes, the VBA project of an .xlsm stay byte for byte),
 * and only the parts that change are rewritten: the passages sheet, streamed (inflate → patch each updated row →
 * deflate, so memory stays at a few chunks whatever the number of rows), the history sheet, and styles.xml when a
 * date cell needs a date format that no style has yet. Same semantics as applyTrackingChanges (xlsx-tracking.ts):
 * the passages sheet found by its header, every updated row checked to still carry its idTechnique before anything
 * is written, the same values, the same number formats.
 *
 * It returns `{ fallback }` instead, having written nothing, for the rare workbooks it does not patch, which the
 * exceljs path (applyTrackingChanges) then writes:
 * - a round-trip column missing from the passages header (a workbook older than the column), or no history
 *   sheet, or a history column missing, when history is to be written (columns and sheets are then added);
 * - a passages sheet not found by our header scan, sheets whose elements carry a namespace prefix, anything but
 *   `<row>`/`<c>` elements in the sheet data, rows or cells out of order (ECMA-376 requires ascending order);
 * - a cell to write inside a merged range or an array/data-table formula, or holding the master of a shared
 *   formula (rewriting it would break the cells that share it);
 * - no styles part or no cellXfs; an encrypted entry;
 * - a text to write that contains an XML entity spelled out (`&amp;`…): exceljs's streaming reader would decode
 *   it a second time in an inline string (utils.xmlDecode), so such a text goes through the shared strings of
 *   the exceljs path.
 * Text is written as inline strings (never a formula, whatever it starts with), escaped as ST_Xstring.
 */

export interface FastPathRefusal {
  /** Why the raw copy was not used (for developers and tests; the user sees the same result either way). */
  readonly fallback: string;
}

export interface PatchedCopySummary {
  readonly rowsUpdated: number;
  readonly historyRowsAdded: number;
}

const HEADER_SCAN_ROWS = 20;
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKSHEET_RELATIONSHIP = /\/relationships\/worksheet$/;
const SPELLED_ENTITY = /&(lt|gt|amp|apos|quot);/;
/** Output buffered before it is handed to deflate. */
const OUT_CHUNK = 256 * 1024;

const refuse = (fallback: string): FastPathRefusal => ({ fallback });

type CellWrite =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly value: number }
  | { readonly kind: 'empty' };

class Package {
  private constructor(
    readonly file: string,
    readonly directory: ZipDirectory,
    readonly handle: fs.FileHandle,
    private readonly byName: Map<string, ZipEntry>,
  ) {}

  static async open(file: string): Promise<Package> {
    const directory = await readZipDirectory(file);
    const handle = await fs.open(file, 'r');
    return new Package(file, directory, handle, new Map(directory.entries.map((e) => [e.name, e])));
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  async text(entry: ZipEntry): Promise<string> {
    return entryString(this.file, entry, await entryDataStart(this.handle, entry));
  }

  async *chunks(entry: ZipEntry): AsyncGenerator<string> {
    yield* entryText(this.file, entry, await entryDataStart(this.handle, entry));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

function relsOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), target));
}

/** Worksheets in workbook order, name → part, from workbook.xml and its relationships. */
function worksheetParts(workbookXml: string, relsXml: string): { name: string; part: string }[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const type = attribute(m[0], 'Type') ?? '';
    const id = attribute(m[0], 'Id');
    const target = attribute(m[0], 'Target');
    if (id && target && WORKSHEET_RELATIONSHIP.test(type) && attribute(m[0], 'TargetMode') !== 'External')
      targets.set(id, resolveTarget(WORKBOOK_PART, decodeXml(target)));
  }
  const out: { name: string; part: string }[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(m[0], 'name');
    const part = targets.get(attribute(m[0], 'r:id') ?? '');
    if (name !== undefined && part !== undefined) out.push({ name: decodeXml(name), part });
  }
  return out;
}

/** Built-in number formats that are dates (ECMA-376 18.8.30), as exceljs's reader counts them. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** exceljs's isDateFmt: a format with date or time letters outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The cell formats of styles.xml (cellXfs and numFmts), with formats added as needed. */
class Styles {
  private readonly numFmts = new Map<number, string>();
  private readonly xfs: string[];
  private readonly added = new Map<string, number>();
  private readonly newFormats: { id: number; code: string }[] = [];
  private readonly newXfs: string[] = [];

  private constructor(private readonly xml: string) {
    for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
      const id = Number(attribute(m[0], 'numFmtId'));
      const code = attribute(m[0], 'formatCode');
      if (Number.isInteger(id) && code !== undefined) this.numFmts.set(id, decodeXml(code));
    }
    const block = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml);
    this.xfs = block
      ? [...block[1].matchAll(/<xf\b[^>]*\/>|<xf\b[^>]*>[\s\S]*?<\/xf>/g)].map((m) => m[0])
      : [];
  }

  static parse(xml: string): Styles | undefined {
    const styles = new Styles(xml);
    return styles.xfs.length > 0 ? styles : undefined;
  }

  private formatId(style: number): number {
    const xf = this.xfs[style] ?? this.newXfs[style - this.xfs.length];
    return xf === undefined ? 0 : Number(attribute(xf.slice(0, xf.indexOf('>') + 1), 'numFmtId') ?? 0);
  }

  private formatCode(style: number): string | undefined {
    const id = this.formatId(style);
    return this.numFmts.get(id) ?? this.newFormats.find((f) => f.id === id)?.code;
  }

  /** True when the style formats numbers as dates (how the reader decides a number is a date). */
  isDate(style: number | undefined): boolean {
    if (style === undefined) return false;
    const id = this.formatId(style);
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    const code = this.formatCode(style);
    return code !== undefined && isDateFormat(code);
  }

  /** A style like `base` with the number format `code`: `base` itself when it has it, else one added once. */
  withFormat(base: number | undefined, code: string): number {
    const from = base !== undefined && base < this.xfs.length + this.newXfs.length ? base : 0;
    if (this.formatCode(from) === code) return from;
    const key = `${from}\u0000${code}`;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    let id =
      [...this.numFmts].find(([, c]) => c === code)?.[0] ?? this.newFormats.find((f) => f.code === code)?.id;
    if (id === undefined) {
      id = Math.max(163, ...this.numFmts.keys(), ...this.newFormats.map((f) => f.id)) + 1;
      this.newFormats.push({ id, code });
    }
    const xf =
      this.xfs[from] ??
      this.newXfs[from - this.xfs.length] ??
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const tagEnd = xf.indexOf('>');
    const selfClosing = xf[tagEnd - 1] === '/';
    let tag = xf.slice(0, selfClosing ? tagEnd - 1 : tagEnd);
    tag = setAttribute(tag, 'numFmtId', String(id));
    tag = setAttribute(tag, 'applyNumberFormat', '1');
    this.newXfs.push(`${tag}${selfClosing ? '/>' : xf.slice(tagEnd)}`);
    const style = this.xfs.length + this.newXfs.length - 1;
    this.added.set(key, style);
    return style;
  }

  get changed(): boolean {
    return this.newXfs.length > 0;
  }

  toXml(): string {
    let xml = this.xml;
    if (this.newFormats.length > 0) {
      const added = this.newFormats
        .map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeAttribute(f.code)}"/>`)
        .join('');
      const count = this.numFmts.size + this.newFormats.length;
      if (/<numFmts\b[^>]*\/>/.test(xml))
        xml = xml.replace(/<numFmts\b[^>]*\/>/, `<numFmts count="${count}">${added}</numFmts>`);
      else if (xml.includes('</numFmts>'))
        xml = xml
          .replace(/<numFmts\b[^>]*>/, (tag) => setAttribute(tag.slice(0, -1), 'count', String(count)) + '>')
          .replace('</numFmts>', `${added}</numFmts>`);
      else
        xml = xml.replace(
          /<styleSheet\b[^>]*>/,
          (tag) => `${tag}<numFmts count="${count}">${added}</numFmts>`,
        );
    }
    const count = this.xfs.length + this.newXfs.length;
    return xml
      .replace(/<cellXfs\b[^>]*>/, (tag) => setAttribute(tag.slice(0, -1), 'count', String(count)) + '>')
      .replace('</cellXfs>', `${this.newXfs.join('')}</cellXfs>`);
  }
}

function setAttribute(tag: string, name: string, value: string): string {
  const existing = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (existing.test(tag)) return tag.replace(existing, `$1"${value}"`);
  return `${tag} ${name}="${value}"`;
}

function removeAttribute(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

interface SheetContext {
  readonly styles: Styles;
  readonly date1904: boolean;
  /** Column (0-based) → style of the column (`<col style>`). */
  readonly columnStyles: Map<number, number>;
}

function columnStylesOf(prefix: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of prefix.matchAll(/<col\b[^>]*>/g)) {
    const min = Number(attribute(m[0], 'min'));
    const max = Number(attribute(m[0], 'max'));
    const style = attribute(m[0], 'style');
    if (style === undefined || !Number.isInteger(min) || !Number.isInteger(max)) continue;
    for (let c = min; c <= Math.min(max, 16384); c++) out.set(c - 1, Number(style));
  }
  return out;
}

const styleOf = (cell: CellXml | undefined): number | undefined => {
  const s = cell === undefined ? undefined : attribute(cell.tag, 's');
  return s === undefined ? undefined : Number(s);
};

/** The style a cell written in `row` gets: its own, else the row's (customFormat), else its column's (as exceljs). */
function baseStyle(
  row: RowXml | undefined,
  column: number,
  cell: CellXml | undefined,
  ctx: SheetContext,
): number | undefined {
  const own = styleOf(cell);
  if (own !== undefined) return own;
  if (row) {
    const custom = attribute(row.tag, 'customFormat');
    const s = attribute(row.tag, 's');
    if ((custom === '1' || custom === 'true') && s !== undefined) return Number(s);
  }
  return ctx.columnStyles.get(column);
}

function cellXml(ref: string, write: CellWrite, style: number | undefined): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  switch (write.kind) {
    case 'empty':
      return `<c r="${ref}"${s}/>`;
    case 'number':
    case 'date':
      return `<c r="${ref}"${s}><v>${String(write.value)}</v></c>`;
    case 'text': {
      const preserve = /^\s|\s$|[\n\t]/.test(write.text) ? ' xml:space="preserve"' : '';
      return `<c r="${ref}"${s} t="inlineStr"><is><t${preserve}>${escapeCellText(write.text)}</t></is></c>`;
    }
  }
}

/** Rewrites one row with `writes` (column → value) put in column order; other cells pass through. */
function patchRow(
  rowXml: string,
  number: number,
  writes: ReadonlyMap<number, CellWrite>,
  ctx: SheetContext,
): string {
  const row = parseRow(rowXml, number);
  // spans is an optional hint (18.3.1.73) that written cells may fall outside of: dropped from patched rows.
  let tag = removeAttribute(row.tag, 'spans');
  if (tag.endsWith('/>')) tag = `${tag.slice(0, -2)}>`;
  // A row without r follows the one before (18.3.1.73); a patched row says its number, as Excel writes it.
  if (attribute(tag, 'r') === undefined) tag = `<row r="${number}"${tag.slice(4)}`;
  const parts: string[] = [tag];
  const addRefs = row.cells.some((c) => !c.hasRef);
  const columns = [...writes.keys()].sort((a, b) => a - b);
  let w = 0;
  const emitWrite = (column: number, existing: CellXml | undefined) => {
    const write = writes.get(column) as CellWrite;
    let style = baseStyle(row, column, existing, ctx);
    if (write.kind === 'date') style = ctx.styles.withFormat(style, DATE_TIME_FORMAT);
    parts.push(cellXml(`${columnLetter(column)}${number}`, write, style));
  };
  for (const cell of row.cells) {
    while (w < columns.length && columns[w] < cell.column) emitWrite(columns[w++], undefined);
    if (w < columns.length && columns[w] === cell.column) {
      emitWrite(columns[w++], cell);
      continue;
    }
    const xml = rowXml.slice(cell.start, cell.end);
    // A cell without r takes its column from the one before: once cells are inserted, every cell says where it is.
    parts.push(addRefs && !cell.hasRef ? `<c r="${columnLetter(cell.column)}${number}"${xml.slice(2)}` : xml);
  }
  while (w < columns.length) emitWrite(columns[w++], undefined);
  parts.push('</row>');
  return parts.join('');
}

/** A cell's value as the reader sees it (xlsx-reader.ts): shared and inline strings, numbers, dates, results. */
function cellValue(
  cell: CellXml | undefined,
  strings: ReadonlyMap<number, string>,
  ctx: SheetContext,
): CellValue {
  if (cell === undefined) return null;
  const type = attribute(cell.tag, 't');
  const text = (s: string): string => decodeCellEscapes(s);
  if (type === 'inlineStr') return text(stringItemText(cell.inner));
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(cell.inner)?.[1];
  const formula = /<f[\s>/]/.test(cell.inner);
  if (v === undefined) return formula ? { error: FORMULA_NOT_CALCULATED } : null;
  switch (type) {
    case 's':
      return strings.has(Number(v)) ? text(strings.get(Number(v)) as string) : null;
    case 'str':
      return text(decodeXml(v));
    case 'b':
      return Number(v) !== 0;
    case 'e':
      return { error: formula ? FORMULA_ERROR : decodeXml(v) };
    default: {
      const n = Number.parseFloat(v);
      if (Number.isNaN(n)) return formula ? { error: FORMULA_ERROR } : null;
      if (!formula && ctx.styles.isDate(styleOf(cell)))
        return new Date(Math.round((n - 25569 + (ctx.date1904 ? 1462 : 0)) * 86_400_000));
      return n;
    }
  }
}

/** Shared-string indices that `cells` refer to. */
function sharedIndices(cells: Iterable<CellXml | undefined>, into: Set<number>): void {
  for (const cell of cells) {
    if (cell === undefined || attribute(cell.tag, 't') !== 's') continue;
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(cell.inner)?.[1];
    if (v !== undefined && /^\d+$/.test(v.trim())) into.add(Number(v));
  }
}

const cellAt = (row: RowXml, column: number) => row.cells.find((c) => c.column === column);

interface Range {
  readonly rows: readonly [number, number];
  readonly columns: readonly [number, number];
}

function rangeOf(ref: string): Range | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { rows: [Math.min(r1, r2), Math.max(r1, r2)], columns: [Math.min(c1, c2), Math.max(c1, c2)] };
}

/** What the survey of the passages sheet keeps of each updated row. */
interface SurveyedRow {
  readonly id: CellXml | undefined;
}

async function* rowsOf(
  pieces: AsyncIterable<SheetPiece>,
): AsyncGenerator<{ piece: SheetPiece; number?: number }> {
  let previous = 0;
  for await (const piece of pieces) {
    if (piece.kind !== 'row') {
      yield { piece };
      continue;
    }
    const explicit = rowNumberOf(piece.xml);
    const number = explicit ?? previous + 1;
    if (!Number.isSafeInteger(number) || number <= previous)
      throw new OddSheetError(`row ${number} out of order`);
    previous = number;
    yield { piece, number };
  }
}

/** The first rows of a sheet, up to HEADER_SCAN_ROWS, parsed. */
async function firstRows(pkg: Package, entry: ZipEntry): Promise<{ rows: RowXml[]; prefix: string }> {
  const rows: RowXml[] = [];
  let prefix = '';
  for await (const { piece, number } of rowsOf(sheetPieces(pkg.chunks(entry)))) {
    if (number === undefined) {
      if (rows.length === 0) prefix += piece.xml;
      continue;
    }
    if (number > HEADER_SCAN_ROWS) break;
    rows.push(parseRow(piece.xml, number));
  }
  return { rows, prefix };
}

async function sharedStrings(
  pkg: Package,
  sstPart: string | undefined,
  wanted: Set<number>,
): Promise<Map<number, string>> {
  const entry = sstPart === undefined ? undefined : pkg.entry(sstPart);
  if (entry === undefined || wanted.size === 0) return new Map();
  return readSharedStrings(pkg.chunks(entry), wanted);
}

function valuesOf(
  row: RowXml | undefined,
  strings: ReadonlyMap<number, string>,
  ctx: SheetContext,
): CellValue[] {
  const out: CellValue[] = [];
  if (!row) return out;
  for (const cell of row.cells) out[cell.column] = cellValue(cell, strings, ctx);
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

interface Located {
  readonly name: string;
  readonly entry: ZipEntry;
  readonly headerRow: number;
  readonly header: CellValue[];
  readonly columnStyles: Map<number, number>;
}

async function findPassagesSheet(
  pkg: Package,
  sheets: readonly { name: string; part: string }[],
  sstPart: string | undefined,
  ctx: Omit<SheetContext, 'columnStyles'>,
): Promise<Located | undefined> {
  const ordered = [
    ...sheets.filter((s) => s.name === SHEET_NAMES.passages),
    ...sheets.filter((s) => s.name !== SHEET_NAMES.passages),
  ];
  for (const sheet of ordered) {
    const entry = pkg.entry(sheet.part);
    if (!entry) continue;
    const { rows, prefix } = await firstRows(pkg, entry);
    const wanted = new Set<number>();
    for (const row of rows) sharedIndices(row.cells, wanted);
    const strings = await sharedStrings(pkg, sstPart, wanted);
    const context = { ...ctx, columnStyles: columnStylesOf(prefix) };
    for (const row of rows) {
      const header = valuesOf(row, strings, context);
      const columns = mapHeaderColumns(header);
      // The rule of the readers and of applyTrackingChanges: the first row naming several fields.
      if (columns.size >= 2) {
        if (columns.has('5.1') && columns.has('5.4'))
          return {
            name: sheet.name,
            entry,
            headerRow: row.number,
            header,
            columnStyles: context.columnStyles,
          };
        break;
      }
    }
  }
  return undefined;
}

interface Opened {
  readonly pkg: Package;
  readonly sheets: { name: string; part: string }[];
  readonly sstPart: string | undefined;
  readonly stylesEntry: ZipEntry;
  readonly styles: Styles;
  readonly date1904: boolean;
}

async function openWorkbook(pkg: Package): Promise<Opened | FastPathRefusal> {
  if (pkg.directory.entries.some((e) => (e.flags & 0x1) !== 0)) return refuse('encrypted entry');
  const workbookEntry = pkg.entry(WORKBOOK_PART);
  const relsEntry = pkg.entry(relsOf(WORKBOOK_PART));
  if (!workbookEntry || !relsEntry) return refuse('no xl/workbook.xml or its relationships');
  const workbookXml = await pkg.text(workbookEntry);
  const relsXml = await pkg.text(relsEntry);
  const sheets = worksheetParts(workbookXml, relsXml);
  let stylesPart: string | undefined;
  let sstPart: string | undefined;
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const type = attribute(m[0], 'Type') ?? '';
    const target = attribute(m[0], 'Target');
    if (target === undefined) continue;
    if (type.endsWith('/relationships/styles')) stylesPart = resolveTarget(WORKBOOK_PART, decodeXml(target));
    if (type.endsWith('/relationships/sharedStrings'))
      sstPart = resolveTarget(WORKBOOK_PART, decodeXml(target));
  }
  const stylesEntry = stylesPart === undefined ? undefined : pkg.entry(stylesPart);
  if (!stylesEntry) return refuse('no styles part');
  const styles = Styles.parse(await pkg.text(stylesEntry));
  if (!styles) return refuse('no cellXfs in the styles');
  const workbookPr = /<workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? '';
  const date1904 = ['1', 'true'].includes(attribute(workbookPr, 'date1904') ?? '');
  return { pkg, sheets, sstPart, stylesEntry, styles, date1904 };
}

const isRefusal = (value: unknown): value is FastPathRefusal =>
  typeof value === 'object' && value !== null && 'fallback' in value;

/** The writes of the passages sheet: row → column → value, in the order applyTrackingChanges makes them. */
function passageWrites(
  updates: readonly TrackingUpdate[],
  columns: ReadonlyMap<TrackingKey, number>,
  date1904: boolean,
): Map<number, Map<number, CellWrite>> {
  const out = new Map<number, Map<number, CellWrite>>();
  const text = (value: string): CellWrite => ({ kind: 'text', text: value });
  for (const { row, values } of updates) {
    const cells = out.get(row) ?? new Map<number, CellWrite>();
    out.set(row, cells);
    const set = (key: TrackingKey, write: CellWrite) => cells.set(columns.get(key) as number, write);
    set('status', text(CDC_STATUS_LABELS[values.status]));
    set('message', values.message === '' ? { kind: 'empty' } : text(values.message));
    set('action', values.action === '' ? { kind: 'empty' } : text(values.action));
    set('statusDate', { kind: 'date', value: excelSerial(values.statusDate, date1904) });
    if (values.idFlux !== undefined) set('idFlux', text(values.idFlux));
    if (values.lastRejection !== undefined) set('lastRejection', text(values.lastRejection));
    if (values.fingerprint !== undefined) set('fingerprint', text(values.fingerprint));
  }
  return out;
}

/** The Excel serial of a horodatage, as exceljs stores a Date (utils.dateToExcel). */
function excelSerial(horodatage: string, date1904: boolean): number {
  return 25569 + excelDateOfHorodatage(horodatage).getTime() / 86_400_000 - (date1904 ? 1462 : 0);
}

function hasSpelledEntity(writes: Iterable<Map<number, CellWrite>>): boolean {
  for (const cells of writes)
    for (const write of cells.values())
      if (write.kind === 'text' && SPELLED_ENTITY.test(write.text)) return true;
  return false;
}

interface PassagesPlan {
  readonly located: Located;
  readonly writes: Map<number, Map<number, CellWrite>>;
  readonly ctx: SheetContext;
}

/**
 * Reads the passages sheet once, without keeping it: the cell holding each updated row's idTechnique, and
 * whatever would make a patch unsafe (merged ranges, array formulas, shared-formula masters in written cells).
 */
async function surveyPassages(
  pkg: Package,
  located: Located,
  idColumn: number,
  writes: ReadonlyMap<number, ReadonlyMap<number, CellWrite>>,
  writtenColumns: readonly number[],
  ctx: SheetContext,
): Promise<Map<number, SurveyedRow> | FastPathRefusal> {
  const surveyed = new Map<number, SurveyedRow>();
  const ranges: Range[] = [];
  for await (const { piece, number } of rowsOf(sheetPieces(pkg.chunks(located.entry)))) {
    if (number === undefined) {
      for (const m of piece.xml.matchAll(/<mergeCell\b[^>]*>/g)) {
        const range = rangeOf(attribute(m[0], 'ref') ?? '');
        if (range) ranges.push(range);
      }
      continue;
    }
    if (piece.xml.includes('t="array"') || piece.xml.includes('t="dataTable"')) {
      for (const m of piece.xml.matchAll(/<f\b[^>]*>/g)) {
        const t = attribute(m[0], 't');
        const range = (t === 'array' || t === 'dataTable') && rangeOf(attribute(m[0], 'ref') ?? '');
        if (range) ranges.push(range);
      }
    }
    const cells = writes.get(number);
    if (!cells) continue;
    const row = parseRow(piece.xml, number);
    for (const [column, write] of cells) {
      const cell = cellAt(row, column);
      const formula = cell && /<f\b[^>]*>/.exec(cell.inner)?.[0];
      if (formula && attribute(formula, 't') === 'shared' && attribute(formula, 'ref') !== undefined)
        return refuse(`shared formula master in ${columnLetter(column)}${number}`);
      // The date styles the patch will need are added now, so styles.xml is settled before any entry is written.
      if (write.kind === 'date') ctx.styles.withFormat(baseStyle(row, column, cell, ctx), DATE_TIME_FORMAT);
    }
    surveyed.set(number, { id: cellAt(row, idColumn) });
  }
  const rows = [...writes.keys()].sort((a, b) => a - b);
  const [minColumn, maxColumn] = [Math.min(...writtenColumns), Math.max(...writtenColumns)];
  for (const range of ranges) {
    if (range.columns[1] < minColumn || range.columns[0] > maxColumn) continue;
    if (!writtenColumns.some((c) => c >= range.columns[0] && c <= range.columns[1])) continue;
    if (rows.some((r) => r >= range.rows[0] && r <= range.rows[1]))
      return refuse('a cell to write is in a merged range or an array formula');
  }
  return surveyed;
}

/** The patched passages sheet, as a stream of UTF-8 buffers. */
async function* patchedSheet(
  pkg: Package,
  entry: ZipEntry,
  writes: ReadonlyMap<number, ReadonlyMap<number, CellWrite>>,
  ctx: SheetContext,
): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for await (const { piece, number } of rowsOf(sheetPieces(pkg.chunks(entry)))) {
    const cells = number === undefined ? undefined : writes.get(number);
    const xml = cells ? patchRow(piece.xml, number as number, cells, ctx) : piece.xml;
    pending.push(xml);
    size += xml.length;
    if (size >= OUT_CHUNK) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield Buffer.from(pending.join(''), 'utf8');
}

interface HistoryPlan {
  readonly entry: ZipEntry;
  readonly xml: string;
  readonly added: number;
}

/** The history sheet with the sends appended and the accusés' results filled, like applyTrackingChanges. */
async function patchHistory(
  pkg: Package,
  opened: Opened,
  layout: TemplateLayout,
  changes: TrackingChanges,
): Promise<HistoryPlan | FastPathRefusal | undefined> {
  const history = changes.history ?? [];
  const results = changes.historyResults ?? [];
  if (history.length === 0 && results.length === 0) return undefined;
  const sheet = opened.sheets.find((s) => s.name === layout.history.name);
  const entry = sheet && pkg.entry(sheet.part);
  if (!entry) return refuse('no history sheet');
  const pieces: SheetPiece[] = [];
  const numbers: (number | undefined)[] = [];
  for await (const { piece, number } of rowsOf(sheetPieces([await pkg.text(entry)]))) {
    pieces.push(piece);
    numbers.push(number);
  }
  const rows = new Map<number, RowXml>();
  pieces.forEach((p, i) => {
    const n = numbers[i];
    if (n !== undefined) rows.set(n, parseRow(p.xml, n));
  });
  const prefix = pieces[0]?.kind === 'text' ? pieces[0].xml : '';
  const ctx: SheetContext = {
    styles: opened.styles,
    date1904: opened.date1904,
    columnStyles: columnStylesOf(prefix),
  };
  const wanted = new Set<number>();
  for (const row of rows.values()) sharedIndices(row.cells, wanted);
  const strings = await sharedStrings(pkg, opened.sstPart, wanted);
  const values = new Map<number, CellValue[]>([...rows].map(([n, row]) => [n, valuesOf(row, strings, ctx)]));
  const columns = historyColumnsInHeader(values.get(1) ?? []);
  if (layout.history.columns.some((c) => !columns.has(c.key))) return refuse('a history column is missing');

  const writes = new Map<number, Map<number, CellWrite>>();
  const set = (row: number, key: HistoryKey, write: CellWrite, value: CellValue) => {
    const column = columns.get(key) as number;
    const cells = writes.get(row) ?? new Map<number, CellWrite>();
    writes.set(row, cells);
    cells.set(column, write);
    const rowValues = values.get(row) ?? [];
    rowValues[column] = value;
    values.set(row, rowValues);
  };
  const lastRow = () =>
    Math.max(1, ...[...values].filter(([, v]) => v.some((x) => !isBlank(x))).map(([n]) => n));
  const text = (row: number, key: HistoryKey): string => {
    const value = values.get(row)?.[columns.get(key) as number];
    return typeof value === 'string'
      ? value.trim()
      : value === null || value === undefined
        ? ''
        : String(value);
  };
  const rowNumbers = () => [...values.keys()].filter((n) => n >= 2).sort((a, b) => b - a);
  const find = (result: HistoryResult): number | undefined => {
    if (result.idFlux !== undefined) {
      const found = rowNumbers().find((r) => text(r, 'idFlux') === result.idFlux);
      if (found !== undefined) return found;
    }
    if (result.fileName !== undefined)
      return rowNumbers().find((r) => text(r, 'fileName') === result.fileName);
    return undefined;
  };
  const textWrite = (value: string): CellWrite => ({ kind: 'text', text: value });
  let row = lastRow() + 1;
  let added = 0;
  for (const entryOfHistory of history) {
    set(row, 'idFlux', textWrite(entryOfHistory.idFlux), entryOfHistory.idFlux);
    const serial = excelSerial(entryOfHistory.dateTime, opened.date1904);
    set(row, 'dateTime', { kind: 'date', value: serial }, serial);
    set(row, 'fileName', textWrite(entryOfHistory.fileName), entryOfHistory.fileName);
    set(row, 'passages', { kind: 'number', value: entryOfHistory.passages }, entryOfHistory.passages);
    const mode = EXPORT_MODE_LABELS[entryOfHistory.mode];
    set(row, 'mode', textWrite(mode), mode);
    row++;
    added++;
  }
  for (const result of results) {
    const target = find(result);
    if (target !== undefined) {
      set(target, 'result', textWrite(result.result), result.result);
      continue;
    }
    if (result.idFlux !== undefined) set(row, 'idFlux', textWrite(result.idFlux), result.idFlux);
    if (result.fileName !== undefined) set(row, 'fileName', textWrite(result.fileName), result.fileName);
    set(row, 'result', textWrite(result.result), result.result);
    row++;
    added++;
  }
  if (hasSpelledEntity(writes.values())) return refuse('a text spells out an XML entity');
  for (const piece of pieces)
    if (piece.kind === 'text')
      for (const m of piece.xml.matchAll(/<mergeCell\b[^>]*>/g)) {
        const range = rangeOf(attribute(m[0], 'ref') ?? '');
        if (!range) continue;
        for (const [r, cells] of writes)
          for (const c of cells.keys())
            if (r >= range.rows[0] && r <= range.rows[1] && c >= range.columns[0] && c <= range.columns[1])
              return refuse('a history cell to write is in a merged range');
      }

  // Existing rows in order, patched where written; new rows where they fall.
  const out: string[] = [];
  const newRows = [...writes.keys()].filter((n) => !rows.has(n)).sort((a, b) => a - b);
  let next = 0;
  const emitNewRowsBefore = (limit: number) => {
    while (next < newRows.length && newRows[next] < limit) {
      const n = newRows[next++];
      out.push(patchRow(`<row r="${n}"></row>`, n, writes.get(n) as Map<number, CellWrite>, ctx));
    }
  };
  let maxColumn = 0;
  let maxRow = 1;
  for (const [n, r] of rows) {
    maxRow = Math.max(maxRow, n);
    for (const c of r.cells) maxColumn = Math.max(maxColumn, c.column);
  }
  for (const [n, cells] of writes) {
    maxRow = Math.max(maxRow, n);
    for (const c of cells.keys()) maxColumn = Math.max(maxColumn, c);
  }
  let inRows = false;
  pieces.forEach((piece, i) => {
    const n = numbers[i];
    if (n === undefined) {
      if (piece.xml.startsWith('</sheetData>')) emitNewRowsBefore(Infinity);
      let xml = piece.xml;
      if (!inRows)
        xml = xml.replace(/<dimension\b[^>]*>/, `<dimension ref="A1:${columnLetter(maxColumn)}${maxRow}"/>`);
      if (xml.endsWith('<sheetData>') || /<sheetData\b[^>]*>$/.test(xml)) inRows = true;
      if (xml.trim() !== '' || !inRows) out.push(xml);
      return;
    }
    emitNewRowsBefore(n);
    const cells = writes.get(n);
    out.push(cells ? patchRow(piece.xml, n, cells, ctx) : piece.xml);
  });
  return { entry, xml: out.join(''), added };
}

/**
 * Says whether the raw copy applies to `input` (the columns and sheets it needs are there), reading only the
 * workbook part, the styles, and the first rows of the sheets: the CLI decides from it whether a large workbook's
 * default copy is affordable (only the exceljs fallback is capped).
 */
export async function probeRawTrackingCopy(
  input: string,
  dictionary: Dictionary,
  options: { readonly history: boolean },
): Promise<true | FastPathRefusal> {
  const pkg = await Package.open(input);
  try {
    const opened = await openWorkbook(pkg);
    if (isRefusal(opened)) return opened;
    const { layout } = buildTemplateSpec(dictionary);
    const located = await findPassagesSheet(pkg, opened.sheets, opened.sstPart, opened);
    if (!located) return refuse('passages sheet not found');
    const tracking = trackingColumnsInHeader(located.header);
    if (layout.passages.trackingColumns.some((c) => !tracking.has(c.key)))
      return refuse('a round-trip column is missing');
    if (options.history) {
      const sheet = opened.sheets.find((s) => s.name === layout.history.name);
      const entry = sheet && pkg.entry(sheet.part);
      if (!entry) return refuse('no history sheet');
      const { rows, prefix } = await firstRows(pkg, entry);
      const wanted = new Set<number>();
      sharedIndices(rows.find((r) => r.number === 1)?.cells ?? [], wanted);
      const strings = await sharedStrings(pkg, opened.sstPart, wanted);
      const ctx = { ...opened, columnStyles: columnStylesOf(prefix) };
      const columns = historyColumnsInHeader(
        valuesOf(
          rows.find((r) => r.number === 1),
          strings,
          ctx,
        ),
      );
      if (layout.history.columns.some((c) => !columns.has(c.key)))
        return refuse('a history column is missing');
    }
    return true;
  } catch (error) {
    if (error instanceof OddSheetError) return refuse(error.message);
    throw error;
  } finally {
    await pkg.close();
  }
}

/**
 * Writes the tracking copy of `input` to `output` by raw copy and patch (see above), or returns `{ fallback }`
 * having written nothing when the workbook is one the exceljs path must write. Throws
 * TrackingWriteError (nothing written) when an updated row no longer carries its idTechnique, or beyond 4 GiB.
 */
export async function writePatchedTrackingCopy(
  input: string,
  output: string,
  changes: TrackingChanges,
  dictionary: Dictionary,
): Promise<PatchedCopySummary | FastPathRefusal> {
  const pkg = await Package.open(input);
  try {
    return await patchedCopy(pkg, output, changes, dictionary);
  } catch (error) {
    if (error instanceof OddSheetError) return refuse(error.message);
    throw error;
  } finally {
    await pkg.close();
  }
}

async function patchedCopy(
  pkg: Package,
  output: string,
  changes: TrackingChanges,
  dictionary: Dictionary,
): Promise<PatchedCopySummary | FastPathRefusal> {
  const opened = await openWorkbook(pkg);
  if (isRefusal(opened)) return opened;
  const { layout } = buildTemplateSpec(dictionary);
  let passages: PassagesPlan | undefined;
  if (changes.updates.length > 0) {
    const located = await findPassagesSheet(pkg, opened.sheets, opened.sstPart, opened);
    if (!located) return refuse('passages sheet not found');
    const idColumn = mapHeaderColumns(located.header).get('5.1') as number;
    const tracking = trackingColumnsInHeader(located.header);
    if (layout.passages.trackingColumns.some((c) => !tracking.has(c.key)))
      return refuse('a round-trip column is missing');
    const writes = passageWrites(changes.updates, tracking, opened.date1904);
    if (hasSpelledEntity(writes.values())) return refuse('a text spells out an XML entity');
    const ctx: SheetContext = { ...opened, columnStyles: located.columnStyles };
    const surveyed = await surveyPassages(pkg, located, idColumn, writes, [...tracking.values()], ctx);
    if (isRefusal(surveyed)) return surveyed;
    // Every row is checked before anything is written, like applyTrackingChanges.
    const wanted = new Set<number>();
    sharedIndices(
      [...surveyed.values()].map((s) => s.id),
      wanted,
    );
    const strings = await sharedStrings(pkg, opened.sstPart, wanted);
    const idField = dictionary.field('5.1');
    for (const update of changes.updates) {
      const value = cellValue(surveyed.get(update.row)?.id, strings, ctx);
      const normalized = normalizeCell(idField, value, { date1904: opened.date1904 });
      if (normalized.kind !== 'value' || normalized.value !== update.idTechnique)
        throw new TrackingWriteError(
          trackingCopyText.rowChanged(update.row, located.name, update.idTechnique),
        );
    }
    passages = { located, writes, ctx };
  }
  const history = await patchHistory(pkg, opened, layout, changes);
  if (isRefusal(history)) return history;

  const writer = await ZipWriter.create(output);
  try {
    await writeEntries(pkg, writer, opened, passages, history);
    await writer.close();
  } catch (error) {
    await writer.abandon();
    if (error instanceof ZipTooLargeError) throw new TrackingWriteError(trackingCopyText.tooLarge);
    throw error;
  }
  return { rowsUpdated: changes.updates.length, historyRowsAdded: history?.added ?? 0 };
}

async function writeEntries(
  pkg: Package,
  writer: ZipWriter,
  opened: Opened,
  passages: PassagesPlan | undefined,
  history: HistoryPlan | undefined,
): Promise<void> {
  // Entries in the order of the source's directory; styles.xml is final by now (survey and history added to it).
  for (const entry of pkg.directory.entries) {
    const stamp = { modTime: entry.modTime, modDate: entry.modDate };
    if (passages && entry === passages.located.entry) {
      // zlib level 3: at 100 000 rows (84 MB of XML) 1.1 s of CPU less than level 6, for a file 5 % larger.
      await writer.addStreamed(entry.name, patchedSheet(pkg, entry, passages.writes, passages.ctx), {
        ...stamp,
        level: 3,
      });
    } else if (history && entry === history.entry) {
      await writer.addStreamed(entry.name, [Buffer.from(history.xml, 'utf8')], stamp);
    } else if (entry === opened.stylesEntry && opened.styles.changed) {
      await writer.addStreamed(entry.name, [Buffer.from(opened.styles.toXml(), 'utf8')], stamp);
    } else {
      await writer.copyRaw(pkg.handle, entry, await entryDataStart(pkg.handle, entry));
    }
  }
}
