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
  return { name, columns: letters, rows: rowsToSourceRows(columns, rows, firstRow) };
}
