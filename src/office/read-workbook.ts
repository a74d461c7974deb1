/// <reference types="office-js" />
import { gridToSourceSheet, mapHeaderColumns, withDuplicateColumns } from '../core/template/grid';
import { isBlank } from '../core/template/grid';
import {
  columnLetter,
  fieldIdInHeader,
  HEADER_ROW,
  historyColumnsInHeader,
  trackingColumnsInHeader,
  type TemplateLayout,
} from '../core/template/layout';
import type {
  CellValue,
  HistoryKey,
  HistoryRow,
  SourceSheet,
  TrackingKey,
  WorkbookData,
} from '../core/model/types';
import type { ExcelRun } from './excel-run';
import { readRowBlocks } from './read-blocks';
import { loadHeader } from './sheet-columns';
import { probeTemplateSheets } from './template-sheets';

/**
 * Reads a workbook filled from the template, in bounded blocks of rows.
 *
 * Office limits (PERF-NOTES, Microsoft "Resource limits"): 5 MB per request/response on the web,
 * 5 000 000 cells per read. Every read here is a rectangle of at most `maxBlockRows` rows, sized
 * from the bytes per row seen so far, and retried at half size if Excel still refuses the payload.
 */

export interface ReadOptions {
  readonly signal?: AbortSignal;
  /** Rows read so far and rows to read, after each block. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Most rows per read (default 5 000). */
  readonly maxBlockRows?: number;
  /** Target response size per read, under the 5 MB web limit with room for the envelope. */
  readonly payloadBudgetBytes?: number;
}

export class MissingSheetsError extends Error {
  constructor(readonly sheets: readonly string[]) {
    super(`Missing template sheets: ${sheets.join(', ')}`);
    this.name = 'MissingSheetsError';
  }
}

/** Rows of the parameters sheet we read (labels in A, values in B; the layout uses rows 2–6). */
const PARAMETER_ROWS = 30;

/** Excel error values come back from `values` as their text ("#N/A"); valueTypes would double the payload. */
const ERROR_TEXT =
  /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/;

function toCellValue(value: unknown): CellValue {
  if (typeof value === 'string') return ERROR_TEXT.test(value) ? { error: value } : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

interface SheetExtent {
  /** 1-based row of the header. */
  readonly headerRow: number;
  /** Header cells from column A. */
  readonly header: readonly CellValue[];
  /** 1-based last row that may hold data (bottom of the used range or of the table). */
  readonly lastRow: number;
  /** Name of the sheet whose round-trip columns are read (the passages sheet). */
  readonly trackingSheet?: string;
}

/** Reads the data rows of one sheet, block by block. */
async function readSheetRows(
  context: Excel.RequestContext,
  sheetName: string,
  extent: SheetExtent,
  options: ReadOptions,
  progress: { done: number; total: number },
): Promise<SourceSheet> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const headerValues = extent.header;
  const mapped = mapHeaderColumns(headerValues);
  // Round-trip columns (Statut CDC…) of the passages sheet: they decide what "Non envoyés" exports.
  const tracking = sheetName === extent.trackingSheet ? trackingColumnsInHeader(headerValues) : new Map();
  // Only the columns up to the rightmost template column: the user's extra columns are not read.
  const width = Math.max(1, ...[...mapped.values(), ...tracking.values()].map((i) => i + 1));
  const firstRow = extent.headerRow + 1;
  const values = await readRowBlocks(
    context,
    sheet,
    { row: firstRow - 1, column: 0, rows: Math.max(0, extent.lastRow - firstRow + 1), columns: width },
    {
      ...options,
      onRows: (count) => {
        progress.done += count;
        options.onProgress?.(progress.done, progress.total);
      },
    },
  );
  const rows = values.map((row) => row.map(toCellValue));
  const columnsOnly = headerValues.slice(0, width);
  // Duplicated headers are looked for in the whole header, beyond the columns read.
  const source = withDuplicateColumns(
    gridToSourceSheet(sheetName, columnsOnly, rows, firstRow),
    headerValues,
  );
  return tracking.size > 0 ? withTracking(source, tracking, rows, firstRow) : source;
}

/** Adds each row's round-trip cells and where those columns are. */
function withTracking(
  sheet: SourceSheet,
  tracking: ReadonlyMap<TrackingKey, number>,
  rows: readonly (readonly CellValue[])[],
  firstRow: number,
): SourceSheet {
  const letters: Partial<Record<TrackingKey, string>> = {};
  for (const [key, index] of tracking) letters[key] = columnLetter(index);
  return {
    ...sheet,
    trackingColumns: letters,
    rows: sheet.rows.map((row) => {
      const values = rows[row.row - firstRow] ?? [];
      const cells: Partial<Record<TrackingKey, CellValue>> = {};
      for (const [key, index] of tracking) if (!isBlank(values[index])) cells[key] = values[index];
      return { ...row, tracking: cells };
    }),
  };
}

/** The history sheet, found by name and by its "idFlux" header (used to trace XSD reports to rows). */
function historyOf(name: string, values: readonly (readonly unknown[])[]): WorkbookData['history'] {
  const header = (values[0] ?? []).map(toCellValue);
  const columns = historyColumnsInHeader(header);
  if (!columns.has('idFlux')) return undefined;
  const rows: HistoryRow[] = [];
  values.slice(1).forEach((raw, i) => {
    const cells: Partial<Record<HistoryKey, CellValue>> = {};
    for (const [key, index] of columns) {
      const value = toCellValue(raw[index]);
      if (!isBlank(value)) cells[key] = value;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: i + 2, cells });
  });
  return { name, rows };
}

function emptySheet(name: string): SourceSheet {
  return { name, columns: {}, rows: [] };
}

export async function readWorkbookData(
  run: ExcelRun,
  layout: TemplateLayout,
  options: ReadOptions = {},
): Promise<WorkbookData> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    // The passages and DIGCOMP sheets are found by their table, whatever the user called them.
    const located = probeTemplateSheets(context, layout);
    // DATE(1904;1;1) is 0 in the 1904 date system and 1462 in the 1900 one; Office.js exposes no flag.
    const epochProbe = context.workbook.functions.date(1904, 1, 1).load('value');
    await context.sync();

    const names = located.names();
    const missing = [
      names.parameters ? undefined : layout.parameters.name,
      names.passages ? undefined : layout.passages.name,
    ].filter((n): n is string => n !== undefined);
    if (missing.length > 0 || !names.parameters || !names.passages) throw new MissingSheetsError(missing);
    const date1904 = epochProbe.value === 0;
    const passagesName = names.passages;

    // Second round trip: how far each sheet goes, and the parameter block.
    const params = sheets.getItem(names.parameters).getRange(`A1:B${PARAMETER_ROWS}`).load('values');
    // The history is small (one row per file sent): its used range is read whole.
    const historyRange = names.history
      ? sheets.getItem(names.history).getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex')
      : undefined;
    const extentProbes = [
      { name: names.passages, table: located.tables.passages },
      { name: names.digcomp, table: located.tables.digcomp },
    ].map(({ name, table }) => {
      if (!name) return undefined;
      const sheet = sheets.getItem(name);
      const ours = !table.isNullObject && table.worksheet.name === name;
      return {
        name,
        used: sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount'),
        table: ours ? table.getRange().load('rowIndex,rowCount,columnIndex') : undefined,
        // The header comes in this round trip too: the table's header row, else a bounded row 1.
        header: loadHeader(sheet, ours ? table : undefined),
      };
    });
    await context.sync();

    const extents = extentProbes.map((probe): (SheetExtent & { name: string }) | undefined => {
      if (!probe) return undefined;
      const table = probe.table;
      const headerRow = table ? table.rowIndex + 1 : HEADER_ROW;
      const usedLast = probe.used.isNullObject ? 0 : probe.used.rowIndex + probe.used.rowCount;
      const tableLast = table ? table.rowIndex + table.rowCount : 0;
      const leading: CellValue[] = Array.from({ length: table ? table.columnIndex : 0 }, () => null);
      return {
        name: probe.name,
        headerRow,
        header: [...leading, ...(probe.header.values[0] ?? []).map(toCellValue)],
        lastRow: Math.max(usedLast, tableLast, headerRow),
        trackingSheet: passagesName,
      };
    });

    const progress = {
      done: 0,
      total: extents.reduce((sum, e) => sum + (e ? e.lastRow - e.headerRow : 0), 0),
    };
    options.onProgress?.(0, progress.total);
    const passages = extents[0]
      ? await readSheetRows(context, extents[0].name, extents[0], options, progress)
      : emptySheet(passagesName);
    const digcomp = extents[1]
      ? await readSheetRows(context, extents[1].name, extents[1], options, progress)
      : emptySheet(layout.digcomp.name);

    // History rows are numbered from the sheet's row 1 only when its used range starts there.
    const history =
      historyRange &&
      !historyRange.isNullObject &&
      historyRange.rowIndex === 0 &&
      historyRange.columnIndex === 0
        ? historyOf(names.history ?? layout.history.name, historyRange.values)
        : undefined;
    return {
      date1904,
      parameters: readParameters(layout, params.values, names.parameters),
      passages,
      digcomp,
      ...(history ? { history } : {}),
    };
  });
}

/**
 * Parameter values by dictionary id. A row is recognised by the id in its label ("… (3.1)"), so a
 * user who inserted a row above still gets the right value; otherwise the layout's cell is used.
 */
function readParameters(
  layout: TemplateLayout,
  values: unknown[][],
  sheetName: string,
): WorkbookData['parameters'] {
  const byId = new Map<string, number>();
  values.forEach((row, index) => {
    const id = typeof row[0] === 'string' ? fieldIdInHeader(row[0]) : undefined;
    if (id !== undefined && !byId.has(id)) byId.set(id, index);
  });
  const cells: Record<string, { address: string; value: CellValue }> = {};
  for (const cell of layout.parameters.cells) {
    const fallback = Number(cell.cell.slice(1)) - 1;
    const index = byId.get(cell.field) ?? fallback;
    cells[cell.field] = { address: `B${index + 1}`, value: toCellValue(values[index]?.[1]) };
  }
  return { name: sheetName, cells };
}
