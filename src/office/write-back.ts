/// <reference types="office-js" />
import type { Dictionary } from '../dictionary';
import type { IdAssignment } from '../core/check/identifiers';
import {
  columnIndex,
  columnLetter,
  historyColumnsInHeader,
  TEXT_FORMAT,
  type TemplateLayout,
} from '../core/template/layout';
import { normalizeCell } from '../core/check/normalize';
import { CDC_STATUS_LABELS } from '../core/tracking/status';
import { EXPORT_MODE_LABELS, excelDateOfHorodatage } from '../core/tracking/history';
import type { HistoryResult, TrackingChanges, TrackingValues } from '../core/tracking/types';
import type { CellValue, HistoryKey, TrackingKey } from '../core/model/types';
import { sheetSpec, type TemplateSpec } from '../core/template/template-spec';
import { renderSheet, setNumberFormat } from './render-template';
import type { ExcelRun } from './excel-run';
import { dataSheetName } from './template-sheets';
import { excelSerialOf } from '../core/model/excel-serial';
import { lastHeaderColumn, locateColumns, rowRuns, trackingSpec, type SheetColumns } from './sheet-columns';

/**
 * The add-in's writes into the user's cells after an explicit command: identifiers for blank 5.1 cells,
 * the CDC status of each row, the history of sends. Each one first re-reads what it is about to rely on
 * (blank cells, each row's idTechnique) and writes nothing when the workbook changed since it was read, so
 * an interrupted or refused operation leaves the workbook as it was. Writes are grouped into runs of
 * consecutive rows and sent in requests under the 5 MB limit of Excel on the web.
 *
 * Text we write (CDC messages, file names) is put in cells formatted as text ("@") first: Excel would
 * otherwise take a message starting with "=", "+", "-" or "@" for a formula.
 */

export class WorkbookChangedError extends Error {
  constructor(
    readonly row: number,
    readonly sheet: string,
  ) {
    super(`Row ${row} of ${sheet} changed since it was read`);
    this.name = 'WorkbookChangedError';
  }
}

/** Request size we allow ourselves before syncing (Excel on the web refuses more than 5 MB). */
const REQUEST_BUDGET_BYTES = 3_000_000;
/** Rows of one column read at a time when re-checking identifiers. */
const VERIFY_BLOCK_ROWS = 20_000;

/** Queues writes and syncs whenever the pending request would approach the payload limit. */
class WriteBatch {
  private pending = 0;
  constructor(private readonly context: Excel.RequestContext) {}

  async add(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > REQUEST_BUDGET_BYTES) await this.flush();
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    this.pending = 0;
    await this.context.sync();
  }
}

function columnRange(sheet: Excel.Worksheet, column: number, firstRow: number, rows: number): Excel.Range {
  return sheet.getRangeByIndexes(firstRow - 1, column, rows, 1);
}

/**
 * One column's values for a run of consecutive rows, cut into slices that each fit the request budget once
 * serialized: a single column can exceed Excel on the web's 5 MB on its own (100 000 fingerprints of 64
 * characters, measured by `npm run bench` in Chromium: a 6.2 MB request refused). A value larger than the budget
 * goes alone in its slice.
 */
function slicesUnderBudget(
  values: readonly (readonly CellValue[])[],
): { offset: number; values: CellValue[][]; bytes: number }[] {
  const slices: { offset: number; values: CellValue[][]; bytes: number }[] = [];
  let current: { offset: number; values: CellValue[][]; bytes: number } | undefined;
  values.forEach((row, i) => {
    const bytes = JSON.stringify(row).length + 1;
    if (!current || (current.values.length > 0 && current.bytes + bytes > REQUEST_BUDGET_BYTES)) {
      current = { offset: i, values: [], bytes: 0 };
      slices.push(current);
    }
    current.values.push([...row]);
    current.bytes += bytes;
  });
  return slices;
}

/** The 5.1 values of rows first..last, read in bounded blocks. */
async function readIdColumn(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  column: number,
  first: number,
  last: number,
): Promise<Map<number, CellValue>> {
  const values = new Map<number, CellValue>();
  for (let start = first; start <= last; start += VERIFY_BLOCK_ROWS) {
    const count = Math.min(VERIFY_BLOCK_ROWS, last - start + 1);
    const block = columnRange(sheet, column, start, count).load('values');
    await context.sync();
    block.values.forEach((row, i) => values.set(start + i, row[0] as CellValue));
  }
  return values;
}

function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export interface IdWriteSummary {
  readonly written: number;
}

/** Fills blank 5.1 cells; refuses (writing nothing) when one of them is no longer blank. */
export async function writeMissingIds(
  run: ExcelRun,
  layout: TemplateLayout,
  assignments: readonly IdAssignment[],
): Promise<IdWriteSummary> {
  if (assignments.length === 0) return { written: 0 };
  return run(async (context) => {
    const sheetName = await dataSheetName(context, layout.passages.name, layout.passages.table);
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const column = columnIndex(assignments[0].column);
    const rows = assignments.map((a) => a.row);
    const current = await readIdColumn(context, sheet, column, Math.min(...rows), Math.max(...rows));
    for (const a of assignments) {
      if (!isBlank(current.get(a.row))) throw new WorkbookChangedError(a.row, sheetName);
    }
    const batch = new WriteBatch(context);
    for (const runOfRows of rowRuns(assignments)) {
      for (const slice of slicesUnderBudget(runOfRows.map((a) => [a.value]))) {
        const range = columnRange(sheet, column, runOfRows[0].row + slice.offset, slice.values.length);
        setNumberFormat(range, TEXT_FORMAT);
        range.values = slice.values;
        await batch.add(slice.bytes + 60);
      }
    }
    await batch.flush();
    return { written: assignments.length };
  });
}

export interface TrackingWriteSummary {
  readonly rowsUpdated: number;
  readonly historyRowsAdded: number;
  /** Headers of the round-trip columns that had to be added. */
  readonly columnsAdded: readonly string[];
  readonly historySheetAdded: boolean;
}

/** Adds the round-trip columns the sheet lacks, at the end of the passages table (or of the header). */
function addTrackingColumns(
  sheet: Excel.Worksheet,
  context: Excel.RequestContext,
  located: SheetColumns,
  layout: TemplateLayout,
): { columns: Map<TrackingKey, number>; added: string[] } {
  const columns = new Map(located.tracking);
  const added: string[] = [];
  const missing = layout.passages.trackingColumns.filter((c) => !columns.has(c.key));
  if (missing.length === 0) return { columns, added };
  const tableAtEnd = located.table && located.table.lastColumn >= lastHeaderColumn(located.header);
  let next = lastHeaderColumn(located.header) + 1;
  for (const spec of missing) {
    if (tableAtEnd && located.table) {
      // TableColumnCollection.add: the table grows and keeps its style, filters and rules.
      context.workbook.tables.getItem(located.table.name).columns.add(undefined, undefined, spec.header);
    } else {
      columnRange(sheet, next, located.headerRow, 1).values = [[spec.header]];
    }
    columns.set(spec.key, next);
    added.push(spec.header);
    next++;
  }
  return { columns, added };
}

function trackingCell(values: TrackingValues, key: TrackingKey, date1904: boolean): CellValue {
  switch (key) {
    case 'status':
      return CDC_STATUS_LABELS[values.status];
    case 'message':
      return values.message;
    case 'action':
      return values.action;
    case 'statusDate':
      return excelSerialOf(excelDateOfHorodatage(values.statusDate), date1904);
    case 'idFlux':
      // null leaves the cell as it is (an accusé does not change the file a row went in).
      return values.idFlux ?? null;
    case 'lastRejection':
      // Only an export of a rejected row writes it; otherwise the last refusal stays readable.
      return values.lastRejection ?? null;
    case 'fingerprint':
      return values.fingerprint ?? null;
  }
}

/** Writes statuses and history lines; checks every row still carries its idTechnique before writing. */
export async function writeTrackingChanges(
  run: ExcelRun,
  spec: TemplateSpec,
  changes: TrackingChanges,
  options: { readonly date1904: boolean; readonly notes: boolean; readonly dictionary: Dictionary },
): Promise<TrackingWriteSummary> {
  const { layout } = spec;
  return run(async (context) => {
    let columnsAdded: string[] = [];
    const batch = new WriteBatch(context);
    if (changes.updates.length > 0) {
      const located = await locateColumns(context, layout.passages.name, layout.passages.table);
      const sheet = context.workbook.worksheets.getItem(located.sheetName);
      const idColumn = located.fields.get('5.1');
      if (idColumn === undefined) throw new WorkbookChangedError(0, located.sheetName);
      const rows = changes.updates.map((u) => u.row);
      const ids = await readIdColumn(context, sheet, idColumn, Math.min(...rows), Math.max(...rows));
      const idField = options.dictionary.field('5.1');
      for (const update of changes.updates) {
        const normalized = normalizeCell(idField, ids.get(update.row), { date1904: options.date1904 });
        if (normalized.kind !== 'value' || normalized.value !== update.idTechnique)
          throw new WorkbookChangedError(update.row, located.sheetName);
      }
      const { columns, added } = addTrackingColumns(sheet, context, located, layout);
      columnsAdded = added;
      for (const runOfRows of rowRuns(changes.updates)) {
        for (const [key, column] of columns) {
          const values = runOfRows.map((u) => [trackingCell(u.values, key, options.date1904)]);
          for (const slice of slicesUnderBudget(values)) {
            const range = columnRange(sheet, column, runOfRows[0].row + slice.offset, slice.values.length);
            setNumberFormat(range, trackingSpec(layout, key).numberFormat);
            range.values = slice.values;
            await batch.add(slice.bytes + 60);
          }
        }
      }
    }
    const history = await writeHistory(context, spec, changes, options, batch);
    await batch.flush();
    return { rowsUpdated: changes.updates.length, columnsAdded, ...history };
  });
}

async function writeHistory(
  context: Excel.RequestContext,
  spec: TemplateSpec,
  changes: TrackingChanges,
  options: { readonly date1904: boolean; readonly notes: boolean },
  batch: WriteBatch,
): Promise<{ historyRowsAdded: number; historySheetAdded: boolean }> {
  const { layout } = spec;
  const { date1904 } = options;
  const entries = changes.history ?? [];
  const results = changes.historyResults ?? [];
  if (entries.length === 0 && results.length === 0) return { historyRowsAdded: 0, historySheetAdded: false };
  let sheet = context.workbook.worksheets.getItemOrNullObject(layout.history.name).load('name');
  await context.sync();
  const historySheetAdded = sheet.isNullObject;
  if (sheet.isNullObject) {
    sheet = context.workbook.worksheets.add(layout.history.name);
    renderSheet(sheet, sheetSpec(spec, layout.history.name), options);
  }
  const used = sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount,columnCount,columnIndex');
  await context.sync();
  const lastRow = used.isNullObject ? 1 : used.rowIndex + used.rowCount;
  const lastColumn = used.isNullObject ? 0 : used.columnIndex + used.columnCount - 1;
  const width = Math.max(lastColumn + 1, layout.history.columns.length);
  const grid = sheet.getRangeByIndexes(0, 0, Math.max(1, lastRow), width).load('values');
  await context.sync();
  const header = historySheetAdded
    ? layout.history.columns.map((c) => c.header)
    : (grid.values[0] ?? []).map((v) => v as CellValue);
  const columns = historyColumnsInHeader(header);
  let nextHeader = lastHeaderColumn(header) + 1;
  for (const spec of layout.history.columns) {
    if (columns.has(spec.key)) continue;
    columns.set(spec.key, nextHeader);
    sheet.getRangeByIndexes(0, nextHeader++, 1, 1).values = [[spec.header]];
  }
  const text = (row: number, key: HistoryKey): string => {
    const value = grid.values[row - 1]?.[columns.get(key) as number];
    return value === undefined || value === null ? '' : String(value).trim();
  };
  const write = async (row: number, key: HistoryKey, value: CellValue): Promise<void> => {
    const spec = layout.history.columns.find((c) => c.key === key);
    const cell = sheet.getRangeByIndexes(row - 1, columns.get(key) as number, 1, 1);
    if (spec) setNumberFormat(cell, spec.numberFormat);
    cell.values = [[value]];
    await batch.add(JSON.stringify(value).length + 80);
  };
  let row = historySheetAdded ? 2 : lastRow + 1;
  let added = 0;
  for (const entry of entries) {
    await write(row, 'idFlux', entry.idFlux);
    await write(row, 'dateTime', excelSerialOf(excelDateOfHorodatage(entry.dateTime), date1904));
    await write(row, 'fileName', entry.fileName);
    await write(row, 'passages', entry.passages);
    await write(row, 'mode', EXPORT_MODE_LABELS[entry.mode]);
    row++;
    added++;
  }
  for (const result of results) {
    const target = findHistoryRow(lastRow, text, result);
    if (target !== undefined) {
      await write(target, 'result', result.result);
      continue;
    }
    // A file sent from elsewhere: recorded anyway, so the accusé is not lost from view.
    if (result.idFlux !== undefined) await write(row, 'idFlux', result.idFlux);
    if (result.fileName !== undefined) await write(row, 'fileName', result.fileName);
    await write(row, 'result', result.result);
    row++;
    added++;
  }
  return { historyRowsAdded: added, historySheetAdded };
}

/** By idFlux first (unique per file), else by file name (an XSD report has no idFlux); the latest wins. */
function findHistoryRow(
  lastRow: number,
  text: (row: number, key: HistoryKey) => string,
  result: HistoryResult,
): number | undefined {
  if (result.idFlux !== undefined) {
    for (let r = lastRow; r >= 2; r--) if (text(r, 'idFlux') === result.idFlux) return r;
  }
  if (result.fileName !== undefined) {
    for (let r = lastRow; r >= 2; r--) if (text(r, 'fileName') === result.fileName) return r;
  }
  return undefined;
}

export { columnLetter };
