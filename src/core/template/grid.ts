import { columnLetter, fieldIdInHeader } from './layout';
import type { CellValue, SourceRow, SourceSheet } from '../model/types';

/**
 * Turns a rectangular block of values read from a template sheet (by exceljs or Office.js)
 * into a SourceSheet. Columns are found by the dictionary id in their header, so moved
 * columns still work; unknown columns are ignored (they are the user's own).
 */

/** Dictionary id → 0-based column index, from the header row's values. */
export function mapHeaderColumns(header: readonly CellValue[]): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((value, index) => {
    if (typeof value !== 'string') return;
    const id = fieldIdInHeader(value);
    if (id !== undefined && !columns.has(id)) columns.set(id, index);
  });
  return columns;
}

/**
 * Dictionary ids named by the headers of several columns → the letters of all those columns, in order. Only the
 * first is read (mapHeaderColumns); the check reports the others as an error instead of ignoring them silently.
 */
export function duplicateHeaderColumns(header: readonly CellValue[]): Record<string, string[]> | undefined {
  const seen = new Map<string, string[]>();
  header.forEach((value, index) => {
    if (typeof value !== 'string') return;
    const id = fieldIdInHeader(value);
    if (id !== undefined) seen.set(id, [...(seen.get(id) ?? []), columnLetter(index)]);
  });
  const repeated = [...seen].filter(([, letters]) => letters.length > 1);
  return repeated.length > 0 ? Object.fromEntries(repeated) : undefined;
}

/** The sheet with the columns its header names more than once (see duplicateHeaderColumns). */
export function withDuplicateColumns(sheet: SourceSheet, header: readonly CellValue[]): SourceSheet {
  const duplicateColumns = duplicateHeaderColumns(header);
  return duplicateColumns ? { ...sheet, duplicateColumns } : sheet;
}

/** True when a cell holds nothing a user typed (empty string, spaces, null). */
export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Rows of values → SourceRows keyed by dictionary id. Fully blank rows are skipped.
 * `firstRow` is the Excel row number of `rows[0]`.
 */
export function rowsToSourceRows(
  columns: ReadonlyMap<string, number>,
  rows: readonly (readonly CellValue[])[],
  firstRow: number,
): SourceRow[] {
  const entries = [...columns.entries()];
  const out: SourceRow[] = [];
  rows.forEach((values, i) => {
    let hasData = false;
    const cells: Record<string, CellValue> = {};
    for (const [id, index] of entries) {
      const value = values[index];
      if (!isBlank(value)) {
        hasData = true;
        cells[id] = value;
      }
    }
    if (hasData) out.push({ row: firstRow + i, cells });
  });
  return out;
}

/** A whole sheet block (header first) → SourceSheet. */
export function gridToSourceSheet(
  name: string,
  header: readonly CellValue[],
  rows: readonly (readonly CellValue[])[],
  firstRow: number,
): SourceSheet {
  const columns = mapHeaderColumns(header);
  const letters: Record<string, string> = {};
  for (const [id, index] of columns) letters[id] = columnLetter(index);
  return withDuplicateColumns(
    { name, columns: letters, rows: rowsToSourceRows(columns, rows, firstRow) },
    header,
  );
}
