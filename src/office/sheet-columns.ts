/// <reference types="office-js" />
import { mapHeaderColumns } from '../core/template/grid';
import {
  columnLetter,
  HEADER_ROW,
  trackingColumnsInHeader,
  type TemplateLayout,
} from '../core/template/layout';
import type { CellValue, TrackingKey } from '../core/model/types';

/**
 * Where things are on a template data sheet, read in one round trip: the header row (the table's when the
 * sheet has our table, else row 1), the column of each dictionary field and of each round-trip column, and
 * the last row holding anything. The write paths (identifiers, statuses, imports) start from this.
 */

/** Header cells scanned on the header row: the template has about 50 columns, users add a few. */
export const HEADER_SCAN_COLUMNS = 256;

/** A header row read from column A (bounded: a whole row is 16 384 cells). */
export function headerRowRange(sheet: Excel.Worksheet, row: number): Excel.Range {
  return sheet.getRange(`A${row}:${columnLetter(HEADER_SCAN_COLUMNS - 1)}${row}`);
}

/** The header of a template sheet: its table's header row when it is ours, else row 1. */
export function loadHeader(sheet: Excel.Worksheet, table: Excel.Table | undefined): Excel.Range {
  return (table ? table.getHeaderRowRange() : headerRowRange(sheet, HEADER_ROW)).load('values');
}

export interface SheetColumns {
  readonly sheetName: string;
  /** 1-based row of the header. */
  readonly headerRow: number;
  readonly header: readonly CellValue[];
  /** Dictionary id → 0-based column. */
  readonly fields: ReadonlyMap<string, number>;
  readonly tracking: ReadonlyMap<TrackingKey, number>;
  /** 1-based last row with a value (the header row when the sheet is empty below it). */
  readonly lastRow: number;
  /** The template table on this sheet, when there is one. */
  readonly table?: { readonly name: string; readonly lastColumn: number };
}

export class SheetMissingError extends Error {
  constructor(readonly sheet: string) {
    super(`Sheet ${sheet} not found`);
    this.name = 'SheetMissingError';
  }
}

function toCellValue(value: unknown): CellValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/**
 * Three round trips: the sheet and its table, then the table's range and the used range, then the header. With a
 * table name the sheet is the table's, whatever the user called it (a renamed « Passages »).
 */
export async function locateColumns(
  context: Excel.RequestContext,
  sheetName: string,
  tableName: string | undefined,
): Promise<SheetColumns> {
  const named = context.workbook.worksheets.getItemOrNullObject(sheetName).load('name');
  const table = tableName
    ? context.workbook.tables.getItemOrNullObject(tableName).load('name,worksheet/name')
    : undefined;
  await context.sync();
  const ours = table !== undefined && !table.isNullObject;
  if (!ours && named.isNullObject) throw new SheetMissingError(sheetName);
  const sheet = ours ? context.workbook.worksheets.getItem(table.worksheet.name).load('name') : named;
  const tableRange = ours ? table.getRange().load('rowIndex,rowCount,columnIndex,columnCount') : undefined;
  const used = sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount');
  await context.sync();
  const headerRow = tableRange ? tableRange.rowIndex + 1 : HEADER_ROW;
  // The whole header row, so round-trip columns added right of the table are found too.
  const headerRange = headerRowRange(sheet, headerRow).load('values');
  await context.sync();
  const header = (headerRange.values[0] ?? []).map(toCellValue);
  const usedLast = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  return {
    sheetName: sheet.name,
    headerRow,
    header,
    fields: mapHeaderColumns(header),
    tracking: trackingColumnsInHeader(header),
    // A table's empty last row is not data: only cells with values count.
    lastRow: Math.max(usedLast, headerRow),
    ...(tableRange && ours
      ? { table: { name: table.name, lastColumn: tableRange.columnIndex + tableRange.columnCount - 1 } }
      : {}),
  };
}

/** 0-based index of the last header cell holding text. */
export function lastHeaderColumn(header: readonly CellValue[]): number {
  for (let i = header.length - 1; i >= 0; i--) {
    const v = header[i];
    if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) return i;
  }
  return -1;
}

/** Consecutive runs of sorted row numbers: [[2,3,4],[7]] — one write per run instead of one per cell. */
export function rowRuns<T extends { readonly row: number }>(items: readonly T[]): T[][] {
  const sorted = [...items].sort((a, b) => a.row - b.row);
  const runs: T[][] = [];
  for (const item of sorted) {
    const run = runs[runs.length - 1];
    if (run && item.row === run[run.length - 1].row + 1) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

/** Layout helper: the template's tracking column spec of a key. */
export function trackingSpec(layout: TemplateLayout, key: TrackingKey) {
  const spec = layout.passages.trackingColumns.find((c) => c.key === key);
  if (!spec) throw new Error(`No tracking column ${key}`);
  return spec;
}
