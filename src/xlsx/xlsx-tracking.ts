import ExcelJS from 'exceljs';
import type { Dictionary } from '../dictionary';
import { mapHeaderColumns } from '../core/template/grid';
import {
  columnLetter,
  historyColumnsInHeader,
  SHEET_NAMES,
  trackingColumnsInHeader,
  type TemplateLayout,
} from '../core/template/layout';
import { normalizeCell } from '../core/check/normalize';
import { CDC_STATUS_LABELS } from '../core/tracking/status';
import { EXPORT_MODE_LABELS, excelDateOfHorodatage } from '../core/tracking/history';
import type { HistoryResult, TrackingChanges } from '../core/tracking/types';
import type { CellValue, HistoryKey, TrackingKey } from '../core/model/types';
import { toCellValue } from './xlsx-reader';
import { buildTemplateSpec, headerCell, historyHeaderCell } from '../core/template/template-spec';
import { renderCell, renderColumn } from './render-template';
import { restoreMacroParts } from './macro-parts';
import { TrackingWriteError } from './tracking-write-error';
import { writePatchedTrackingCopy } from './xlsx-tracking-patch';
import { trackingCopyText } from '../i18n/tracking-messages';

/**
 * Writes the round trip (statuses, history of sends) into a copy of the user's workbook. Two ways, same result:
 * - the raw copy (xlsx-tracking-patch.ts), for a workbook made from our template: every zip entry copied as it
 *   is and only the passages sheet (streamed), the history sheet and, when needed, styles.xml rewritten; flat
 *   memory and a few seconds at 100 000 rows, so it has no row cap;
 * - the exceljs path (applyTrackingChanges below): the whole workbook loaded and saved back, so the user's
 *   other sheets, cells, formats and notes stay. It adds the round-trip columns and the history sheet when an
 *   older workbook lacks them, and writes the odd layouts the raw copy leaves to it (listed in
 *   xlsx-tracking-patch.ts). It costs about 40 kB of memory per row: the CLI caps it (TRACKING_COPY_MAX_ROWS).
 * Every row is checked to still carry the idTechnique it was read with before anything is written: a workbook
 * changed in between is left alone.
 */

export { TrackingWriteError };

export interface TrackingWriteSummary {
  readonly rowsUpdated: number;
  readonly historyRowsAdded: number;
  /** Headers of the round-trip columns that had to be added. */
  readonly columnsAdded: readonly string[];
  readonly historySheetAdded: boolean;
  /** How the copy was written: 'raw' (patched raw copy) or 'exceljs' (whole workbook model). */
  readonly writer: 'raw' | 'exceljs';
  /** Why the raw copy was not used, when it was not. */
  readonly fallbackReason?: string;
}

export interface TrackingCopyOptions {
  /** Tests and the bench: force the exceljs path. */
  readonly exceljsOnly?: boolean;
}

/**
 * Reads `input`, applies the changes and writes the workbook to `output`, a new file the caller then gives its
 * name (the CLI's output policy: a temporary file, verified, renamed). The macros of an .xlsm are kept.
 */
export async function writeTrackingCopy(
  input: string,
  output: string,
  changes: TrackingChanges,
  dictionary: Dictionary,
  options: TrackingCopyOptions = {},
): Promise<TrackingWriteSummary> {
  let fallbackReason = 'exceljs path asked for';
  if (!options.exceljsOnly) {
    const patched = await writePatchedTrackingCopy(input, output, changes, dictionary);
    if (!('fallback' in patched))
      return { ...patched, columnsAdded: [], historySheetAdded: false, writer: 'raw' };
    fallbackReason = patched.fallback;
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  const summary = applyTrackingChanges(workbook, changes, dictionary);
  await workbook.xlsx.writeFile(output);
  await restoreMacroParts(input, output);
  return { ...summary, writer: 'exceljs', fallbackReason };
}

const HEADER_SCAN_ROWS = 20;

function rowTexts(sheet: ExcelJS.Worksheet, rowNumber: number): CellValue[] {
  const values = sheet.getRow(rowNumber).values as ExcelJS.CellValue[];
  const out: CellValue[] = [];
  for (let i = 1; i < values.length; i++) out.push(toCellValue(values[i]));
  return out;
}

function lastFilled(values: readonly CellValue[]): number {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) return i;
  }
  return -1;
}

function findPassagesSheet(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; headerRow: number } {
  const candidates = [
    workbook.getWorksheet(SHEET_NAMES.passages),
    ...workbook.worksheets.filter((s) => s.name !== SHEET_NAMES.passages),
  ].filter((s): s is ExcelJS.Worksheet => s !== undefined);
  for (const sheet of candidates) {
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, sheet.rowCount); r++) {
      const columns = mapHeaderColumns(rowTexts(sheet, r));
      // The same rule as the readers: the first row naming several fields, with 5.1 for a passages sheet.
      if (columns.size >= 2) {
        if (columns.has('5.1') && columns.has('5.4')) return { sheet, headerRow: r };
        break;
      }
    }
  }
  throw new TrackingWriteError(trackingCopyText.noPassagesSheet(SHEET_NAMES.passages));
}

export function applyTrackingChanges(
  workbook: ExcelJS.Workbook,
  changes: TrackingChanges,
  dictionary: Dictionary,
): Omit<TrackingWriteSummary, 'writer'> {
  const { layout } = buildTemplateSpec(dictionary);
  const columnsAdded: string[] = [];
  let rowsUpdated = 0;
  if (changes.updates.length > 0) {
    const { sheet, headerRow } = findPassagesSheet(workbook);
    const header = rowTexts(sheet, headerRow);
    const idColumn = mapHeaderColumns(header).get('5.1') as number;
    const found = trackingColumnsInHeader(header);

    // Check every row first: nothing is written unless all of them still carry their idTechnique.
    const date1904 = (workbook.properties as { date1904?: boolean }).date1904 === true;
    const idField = dictionary.field('5.1');
    for (const update of changes.updates) {
      const value = toCellValue(sheet.getCell(update.row, idColumn + 1).value);
      const normalized = normalizeCell(idField, value, { date1904 });
      if (normalized.kind !== 'value' || normalized.value !== update.idTechnique) {
        throw new TrackingWriteError(trackingCopyText.rowChanged(update.row, sheet.name, update.idTechnique));
      }
    }

    let next = lastFilled(header) + 1;
    const columns = new Map<TrackingKey, number>(found);
    for (const spec of layout.passages.trackingColumns) {
      if (columns.has(spec.key)) continue;
      columns.set(spec.key, next);
      const letter = columnLetter(next);
      renderColumn(sheet, { column: letter, width: spec.width, numberFormat: spec.numberFormat });
      renderCell(sheet, headerCell(`${letter}${headerRow}`, spec, true));
      columnsAdded.push(spec.header);
      next++;
    }
    const cellOf = (row: number, key: TrackingKey) => sheet.getCell(row, (columns.get(key) as number) + 1);
    for (const { row, values } of changes.updates) {
      cellOf(row, 'status').value = CDC_STATUS_LABELS[values.status];
      cellOf(row, 'message').value = values.message === '' ? null : values.message;
      cellOf(row, 'action').value = values.action === '' ? null : values.action;
      const date = cellOf(row, 'statusDate');
      date.value = excelDateOfHorodatage(values.statusDate);
      date.numFmt =
        layout.passages.trackingColumns.find((c) => c.key === 'statusDate')?.numberFormat ??
        'dd/mm/yyyy hh:mm';
      if (values.idFlux !== undefined) cellOf(row, 'idFlux').value = values.idFlux;
      if (values.lastRejection !== undefined) cellOf(row, 'lastRejection').value = values.lastRejection;
      if (values.fingerprint !== undefined) cellOf(row, 'fingerprint').value = values.fingerprint;
      rowsUpdated++;
    }
  }

  const history = changes.history ?? [];
  const results = changes.historyResults ?? [];
  let historyRowsAdded = 0;
  let historySheetAdded = false;
  if (history.length > 0 || results.length > 0) {
    let sheet = workbook.getWorksheet(layout.history.name);
    if (!sheet) {
      sheet = workbook.addWorksheet(layout.history.name);
      historySheetAdded = true;
    }
    const columns = historyColumns(sheet, layout);
    const cellOf = (row: number, key: HistoryKey) =>
      (sheet as ExcelJS.Worksheet).getCell(row, (columns.get(key) as number) + 1);
    let row = lastDataRow(sheet) + 1;
    for (const entry of history) {
      cellOf(row, 'idFlux').value = entry.idFlux;
      const date = cellOf(row, 'dateTime');
      date.value = excelDateOfHorodatage(entry.dateTime);
      date.numFmt = 'dd/mm/yyyy hh:mm';
      cellOf(row, 'fileName').value = entry.fileName;
      cellOf(row, 'passages').value = entry.passages;
      cellOf(row, 'mode').value = EXPORT_MODE_LABELS[entry.mode];
      row++;
      historyRowsAdded++;
    }
    for (const result of results) {
      const target = findHistoryRow(sheet, columns, result);
      if (target !== undefined) {
        cellOf(target, 'result').value = result.result;
        continue;
      }
      // A file sent from elsewhere: recorded anyway, so the accusé is not lost from view.
      if (result.idFlux !== undefined) cellOf(row, 'idFlux').value = result.idFlux;
      if (result.fileName !== undefined) cellOf(row, 'fileName').value = result.fileName;
      cellOf(row, 'result').value = result.result;
      row++;
      historyRowsAdded++;
    }
  }
  return { rowsUpdated, historyRowsAdded, columnsAdded, historySheetAdded };
}

function historyColumns(sheet: ExcelJS.Worksheet, layout: TemplateLayout): Map<HistoryKey, number> {
  const header = rowTexts(sheet, 1);
  const columns = historyColumnsInHeader(header);
  let next = lastFilled(header) + 1;
  const missing = layout.history.columns.filter((c) => !columns.has(c.key));
  for (const c of missing) {
    columns.set(c.key, next);
    const letter = columnLetter(next++);
    renderColumn(sheet, { column: letter, width: c.width, numberFormat: c.numberFormat });
    renderCell(sheet, historyHeaderCell(`${letter}1`, c.header));
  }
  return columns;
}

function lastDataRow(sheet: ExcelJS.Worksheet): number {
  for (let r = sheet.rowCount; r >= 1; r--) if (lastFilled(rowTexts(sheet, r)) >= 0) return r;
  return 1;
}

function findHistoryRow(
  sheet: ExcelJS.Worksheet,
  columns: ReadonlyMap<HistoryKey, number>,
  result: HistoryResult,
): number | undefined {
  const text = (row: number, key: HistoryKey) => {
    const value = toCellValue(sheet.getCell(row, (columns.get(key) as number) + 1).value);
    return typeof value === 'string'
      ? value.trim()
      : value === null || value === undefined
        ? ''
        : String(value);
  };
  // By idFlux first (unique per file), else by file name (an XSD report has no idFlux); the latest send wins.
  if (result.idFlux !== undefined) {
    for (let r = sheet.rowCount; r >= 2; r--) if (text(r, 'idFlux') === result.idFlux) return r;
  }
  if (result.fileName !== undefined) {
    for (let r = sheet.rowCount; r >= 2; r--) if (text(r, 'fileName') === result.fileName) return r;
  }
  return undefined;
}
