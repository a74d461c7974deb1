import { parseRect } from './a1';
import type { CellFormat, FakeValue, WorkbookModel } from './model';

/**
 * What a user does in the Excel grid, applied straight to the fake's model (no sync, not counted):
 * typing rows under a table extends it, as Excel's "AutoExpansion" does.
 */

/** Types `rows` starting at 1-based `firstRow`, column A; blank strings clear a cell. */
export function typeRows(
  model: WorkbookModel,
  sheetName: string,
  firstRow: number,
  rows: readonly (readonly FakeValue[])[],
): void {
  const sheet = model.requireSheet(sheetName);
  rows.forEach((values, r) => values.forEach((value, c) => sheet.setValue(firstRow - 1 + r, c, value)));
  const lastRow = firstRow - 1 + rows.length - 1;
  for (const table of model.tables) {
    if (table.sheet !== sheet) continue;
    if (firstRow - 1 <= table.rect.bottom + 1 && lastRow > table.rect.bottom)
      table.rect = { ...table.rect, bottom: lastRow };
  }
}

/** Types one value into an A1 cell. */
export function typeCell(model: WorkbookModel, sheetName: string, address: string, value: FakeValue): void {
  const rect = parseRect(address);
  model.requireSheet(sheetName).setValue(rect.top, rect.left, value);
}

/** Applies a format from the Home ribbon to a cell or range. */
export function formatCells(
  model: WorkbookModel,
  sheetName: string,
  address: string,
  patch: Partial<CellFormat>,
): void {
  model.requireSheet(sheetName).patchFormat(parseRect(address), patch);
}

/** Right click → New note. */
export function addNote(model: WorkbookModel, sheetName: string, address: string, text: string): void {
  model.requireSheet(sheetName).notes.set(address.toUpperCase(), text);
}

/** Everything a user could see in a cell apart from conditional formats: value, own format, note. */
export function cellSnapshot(model: WorkbookModel, sheetName: string, address: string): unknown {
  const sheet = model.requireSheet(sheetName);
  const rect = parseRect(address);
  return {
    value: sheet.value(rect.top, rect.left),
    format: sheet.format(rect.top, rect.left),
    note: sheet.notes.get(address.toUpperCase()),
  };
}
