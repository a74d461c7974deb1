import ExcelJS from 'exceljs';
import { UnusableWorkbookError } from './unusable-workbook-error';
import { StreamingWorkbookReader } from './streaming-reader';
import { checkWorkbookFile } from './workbook-file-guard';
import { decodeCellEscapes } from './sheet-xml';
import { workbookFileMessage } from '../i18n/workbook-file-messages';
import { hyperlinkFormulaAddress, rowsWithLinkAddresses, SheetLinks, urlFieldIds } from './xlsx-links';
import { isBlank, mapHeaderColumns, rowsToSourceRows, withDuplicateColumns } from '../core/template/grid';
import {
  columnLetter,
  fieldIdInHeader,
  historyColumnsInHeader,
  SHEET_NAMES,
  trackingColumnsInHeader,
} from '../core/template/layout';
import { FORMULA_ERROR, FORMULA_NOT_CALCULATED } from '../core/check/normalize';
import type { Dictionary } from '../dictionary';
import type {
  CellValue,
  HistoryKey,
  HistoryRow,
  SourceRow,
  SourceSheet,
  TrackingKey,
  WorkbookData,
} from '../core/model/types';

/**
 * Reads a filled template (.xlsx) into WorkbookData with exceljs's streaming reader, so that a
 * 100 000-row file is read row by row without building the whole workbook in memory.
 */

export { UnusableWorkbookError };

type ExcelJsValue = ExcelJS.CellValue | { sharedString: number } | undefined;

/** exceljs cell value → CellValue: formulas give their cached result, rich text its plain text. */
export function toCellValue(value: ExcelJsValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return formulaResult((value as { result?: ExcelJsValue }).result);
  }
  if ('text' in value)
    return typeof value.text === 'string' ? value.text : toCellValue(value.text as ExcelJsValue);
  return null;
}

/** The cached result of a formula cell as a CellValue. */
function formulaResult(result: ExcelJsValue): CellValue {
  // A formula no spreadsheet ever calculated has no cached value: say so rather than read it as empty.
  if (result === undefined) return { error: FORMULA_NOT_CALCULATED };
  // The streaming reader parses every non-text cached result as a number, so #N/A or #REF! comes as NaN:
  // without this, a name computed by a failing lookup would be exported as the text "NaN".
  if (typeof result === 'number' && Number.isNaN(result)) return { error: FORMULA_ERROR };
  return toCellValue(result);
}

interface SheetAccumulator {
  readonly name: string;
  header?: CellValue[];
  headerRow?: number;
  columns?: Map<string, number>;
  readonly rows: SourceRow[];
  /** Parameters sheet: id found in column A → { address of the value in column B, value }. */
  readonly parameters: Map<string, { address: string; value: CellValue }>;
  /** Round-trip columns (Statut CDC…) found in the header, by exact text. */
  tracking?: Map<TrackingKey, number>;
  /** Hyperlinks and HYPERLINK formulas seen in the sheet (xlsx-links.ts). */
  readonly links: SheetLinks;
  /** History sheet: its columns once its header is seen, then its rows. */
  historyColumns?: Map<HistoryKey, number>;
  readonly historyRows: HistoryRow[];
}

/** The history sheet is found by name only: its header has no "(id)" to recognise it by. */
function acceptHistoryRow(sheet: SheetAccumulator, rowNumber: number, values: CellValue[]): void {
  if (!sheet.historyColumns) {
    const columns = historyColumnsInHeader(values);
    if (columns.has('idFlux')) sheet.historyColumns = columns;
    return;
  }
  if (values.every(isBlank)) return;
  const cells: Partial<Record<HistoryKey, CellValue>> = {};
  for (const [key, index] of sheet.historyColumns) if (!isBlank(values[index])) cells[key] = values[index];
  sheet.historyRows.push({ row: rowNumber, cells });
}

/**
 * A cell's value; for a formula, its cached result. exceljs's `cell.value` leaves out a cached result that
 * is falsy (0, "", FALSE) or NaN (how the streaming reader parses #N/A, #REF!…); `cell.result` keeps it.
 */
function cellValueOf(cell: ExcelJS.Cell): CellValue {
  const value = cell.value as ExcelJsValue;
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    return decodeEscapes(formulaResult(cell.result as ExcelJsValue));
  }
  return decodeEscapes(toCellValue(value));
}

/**
 * Excel stores characters that XML cannot carry (U+0001…) as `_xHHHH_`, and a literal `_x` as `_x005F_x`
 * (ECMA-376 ST_Xstring). The streaming reader leaves them encoded, so "Mar_x0001_tin" would be exported
 * as typed; decoded, the control character is reported like any other.
 */
function decodeEscapes(value: CellValue): CellValue {
  return typeof value === 'string' ? decodeCellEscapes(value) : value;
}

function rowValues(row: ExcelJS.Row, links?: SheetLinks): CellValue[] {
  const out: CellValue[] = [];
  row.eachCell((cell, column) => {
    out[column - 1] = cellValueOf(cell);
    const formula = (cell.value as { formula?: unknown } | null)?.formula;
    const address = typeof formula === 'string' ? hyperlinkFormulaAddress(formula) : undefined;
    if (address !== undefined) links?.formulas.set(cell.address, address);
  });
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

function acceptRow(sheet: SheetAccumulator, rowNumber: number, values: CellValue[]): void {
  const first = values[0];
  if (typeof first === 'string') {
    const id = fieldIdInHeader(first);
    if (id && !sheet.parameters.has(id))
      sheet.parameters.set(id, { address: `B${rowNumber}`, value: values[1] ?? null });
  }
  if (sheet.name === SHEET_NAMES.history) acceptHistoryRow(sheet, rowNumber, values);
  if (!sheet.columns) {
    // The header is the first row that names dictionary fields in several columns.
    const columns = mapHeaderColumns(values);
    if (columns.size >= 2) {
      sheet.columns = columns;
      sheet.header = values;
      sheet.headerRow = rowNumber;
      const tracking = trackingColumnsInHeader(values);
      if (tracking.size > 0) sheet.tracking = tracking;
    }
    return;
  }
  if (values.every(isBlank)) return;
  const [row] = rowsToSourceRows(sheet.columns, [values], rowNumber);
  if (row === undefined) return;
  sheet.rows.push(sheet.tracking ? withTracking(row, sheet.tracking, values) : row);
}

function withTracking(
  row: SourceRow,
  tracking: ReadonlyMap<TrackingKey, number>,
  values: readonly CellValue[],
): SourceRow {
  const cells: Partial<Record<TrackingKey, CellValue>> = {};
  for (const [key, index] of tracking) if (!isBlank(values[index])) cells[key] = values[index];
  return { ...row, tracking: cells };
}

function toSourceSheet(
  sheet: SheetAccumulator | undefined,
  fallbackName: string,
  linkTargets: ReadonlyMap<string, ReadonlyMap<string, string>>,
  linkFields: readonly string[],
): SourceSheet {
  if (!sheet?.columns) return { name: sheet?.name ?? fallbackName, columns: {}, rows: [] };
  const rows = rowsWithLinkAddresses(
    sheet.rows,
    sheet.columns,
    sheet.links,
    linkTargets.get(sheet.links.part ?? ''),
    linkFields,
  );
  return withDuplicateColumns(sourceSheetOf({ ...sheet, rows }, sheet.columns), sheet.header ?? []);
}

function sourceSheetOf(sheet: SheetAccumulator, columns: ReadonlyMap<string, number>): SourceSheet {
  const letters: Record<string, string> = {};
  for (const [id, index] of columns) letters[id] = columnLetter(index);
  if (!sheet.tracking) return { name: sheet.name, columns: letters, rows: sheet.rows };
  const tracking: Partial<Record<TrackingKey, string>> = {};
  for (const [key, index] of sheet.tracking) tracking[key] = columnLetter(index);
  return { name: sheet.name, columns: letters, rows: sheet.rows, trackingColumns: tracking };
}

/** Picks the sheet by its template name, else the first sheet whose content looks like it. */
function pick(
  sheets: readonly SheetAccumulator[],
  name: string,
  looksRight: (s: SheetAccumulator) => boolean,
): SheetAccumulator | undefined {
  return sheets.find((s) => s.name === name) ?? sheets.find(looksRight);
}

interface StreamEvent {
  readonly eventType: string;
  readonly value: unknown;
}

/** The external addresses of a sheet's hyperlink relationships (exceljs's HyperlinkReader, in emit mode). */
function readHyperlinkTargets(reader: unknown): Promise<Map<string, string>> {
  const hyperlinks = reader as NodeJS.EventEmitter & { read(): Promise<void> };
  const targets = new Map<string, string>();
  return new Promise((resolve, reject) => {
    hyperlinks.on('hyperlink', (link: { rId: string; target: string }) => targets.set(link.rId, link.target));
    hyperlinks.once('error', reject);
    hyperlinks.once('finished', () => resolve(targets));
    void hyperlinks.read();
  });
}

export interface ReadProgress {
  (rowsRead: number): void;
}

/**
 * Reads a filled template. The dictionary says which fields hold a web address, whose links give their address
 * rather than their shown text (xlsx-links.ts); columns are found by the field numbers in their headers.
 */
export async function readTemplateWorkbook(
  path: string,
  dictionary: Dictionary,
  onProgress?: ReadProgress,
): Promise<WorkbookData> {
  const { directory } = await checkWorkbookFile(path);
  const entries = directory.entries.map((e) => e.name);
  // exceljs's single streaming pass may end early without a word (streaming-reader.ts): the read is checked
  // against the zip's directory and done again; a workbook is never used with a part missing.
  let missed: string[] = [];
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const read = await readSheets(path, onProgress);
    missed = read.reader.missedParts(entries);
    if (missed.length === 0)
      return workbookData(path, read.sheets, read.date1904, read.linkTargets, dictionary);
  }
  throw new UnusableWorkbookError(
    workbookFileMessage('incompleteRead', { file: path, detail: missed.join(', ') }),
  );
}

/** Reads of one workbook before giving up on a streaming pass that keeps ending early. */
const READ_ATTEMPTS = 3;

interface SheetsRead {
  readonly reader: StreamingWorkbookReader;
  readonly sheets: SheetAccumulator[];
  readonly date1904: boolean;
  /** Part number → relationship id → address, from each sheet's relationships. */
  readonly linkTargets: Map<string, Map<string, string>>;
}

async function readSheets(path: string, onProgress?: ReadProgress): Promise<SheetsRead> {
  const reader = new StreamingWorkbookReader(path, {
    entries: 'ignore',
    sharedStrings: 'cache',
    // Hyperlinks are read as events: a link in the URL field gives its address (xlsx-links.ts).
    hyperlinks: 'emit',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets: SheetAccumulator[] = [];
  const linkTargets = new Map<string, Map<string, string>>();
  let rowsRead = 0;
  let date1904 = false;
  try {
    for await (const { eventType, value } of reader.parse() as unknown as AsyncIterable<StreamEvent>) {
      if (eventType === 'hyperlinks') {
        linkTargets.set(String((value as { id: unknown }).id), await readHyperlinkTargets(value));
        continue;
      }
      if (eventType !== 'worksheet') continue;
      const worksheet = value as ExcelJS.stream.xlsx.WorksheetReader & { name: string; part?: string };
      const links = new SheetLinks();
      links.part = worksheet.part;
      // exceljs sets the sheet name on its worksheet reader but does not declare it.
      const sheet: SheetAccumulator = {
        name: worksheet.name,
        rows: [],
        parameters: new Map(),
        historyRows: [],
        links,
      };
      sheets.push(sheet);
      for await (const events of worksheet.parse() as unknown as AsyncIterable<StreamEvent[]>) {
        for (const event of events) {
          if (event.eventType === 'row') {
            const row = event.value as ExcelJS.Row;
            acceptRow(sheet, row.number, rowValues(row, links));
            if (++rowsRead % 10000 === 0) onProgress?.(rowsRead);
          } else if (event.eventType === 'hyperlink') {
            const link = event.value as { ref?: string; rId?: string };
            if (link.ref && link.rId) links.relationships.set(link.ref, link.rId);
          }
        }
      }
    }
    const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
    date1904 = props?.model?.date1904 === true;
  } catch (error) {
    throw new UnusableWorkbookError(
      workbookFileMessage('unreadablePart', { file: path, detail: (error as Error).message }),
    );
  }
  return { reader, sheets, date1904, linkTargets };
}

function workbookData(
  path: string,
  sheets: readonly SheetAccumulator[],
  date1904: boolean,
  linkTargets: ReadonlyMap<string, ReadonlyMap<string, string>>,
  dictionary: Dictionary,
): WorkbookData {
  const linkFields = urlFieldIds(dictionary);
  const parametersSheet = pick(sheets, SHEET_NAMES.parameters, (s) => s.parameters.has('2.1'));
  const passagesSheet = pick(
    sheets,
    SHEET_NAMES.passages,
    (s) => s.columns?.has('5.1') === true && s.columns.has('5.4'),
  );
  const digcompSheet = pick(sheets, SHEET_NAMES.digcomp, (s) => s.columns?.has('6.2') === true);
  if (!passagesSheet?.columns) {
    throw new UnusableWorkbookError(
      `Le classeur ${path} ne contient pas de feuille « ${SHEET_NAMES.passages} » avec les en-têtes du modèle. ` +
        'Créez le modèle avec « accrochage template » et copiez-y vos données.',
    );
  }
  return {
    date1904,
    parameters: {
      name: parametersSheet?.name ?? SHEET_NAMES.parameters,
      cells: Object.fromEntries(parametersSheet?.parameters ?? []),
    },
    passages: toSourceSheet(passagesSheet, SHEET_NAMES.passages, linkTargets, linkFields),
    digcomp: toSourceSheet(digcompSheet, SHEET_NAMES.digcomp, linkTargets, linkFields),
    ...historyOf(sheets),
  };
}

function historyOf(sheets: readonly SheetAccumulator[]): Pick<WorkbookData, 'history'> {
  const sheet = sheets.find((s) => s.name === SHEET_NAMES.history && s.historyColumns);
  return sheet ? { history: { name: sheet.name, rows: sheet.historyRows } } : {};
}
