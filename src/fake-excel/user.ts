import { parseRect } from './a1';
import {
  DEFAULT_PROTECTION_OPTIONS,
  type CellFormat,
  type FakeValue,
  type ProtectionOptions,
  type WorkbookModel,
} from './model';

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

/** Double-click on the sheet tab and a new name: the sheet keeps its tables, formats and notes. */
export function renameSheet(model: WorkbookModel, from: string, to: string): void {
  if (model.sheet(to)) throw new Error(`A sheet named ${to} exists`);
  model.requireSheet(from).name = to;
  if (model.selection?.sheet.toLowerCase() === from.toLowerCase())
    model.selection = { sheet: to, address: model.selection.address };
}

/**
 * Right click on the sheet tab → Supprimer: the sheet goes, and its tables with it (a table lives on one sheet:
 * Excel.Table.worksheet, ExcelApi 1.2).
 */
export function deleteSheet(model: WorkbookModel, sheetName: string): void {
  const sheet = model.requireSheet(sheetName);
  model.sheets.splice(model.sheets.indexOf(sheet), 1);
  for (let i = model.tables.length - 1; i >= 0; i--)
    if (model.tables[i].sheet === sheet) model.tables.splice(i, 1);
  if (model.activeSheet === sheet) model.activeSheet = model.sheets[0];
  if (model.selection?.sheet.toLowerCase() === sheetName.toLowerCase()) model.selection = undefined;
}

/** Révision › Protéger la feuille (options as ticked in Excel's dialog; by default only selecting cells). */
export function protectSheet(
  model: WorkbookModel,
  sheetName: string,
  options: Partial<ProtectionOptions> = {},
): void {
  model.requireSheet(sheetName).protection = {
    protected: true,
    options: { ...DEFAULT_PROTECTION_OPTIONS, ...options },
  };
}

export function unprotectSheet(model: WorkbookModel, sheetName: string): void {
  model.requireSheet(sheetName).protection = { protected: false, options: DEFAULT_PROTECTION_OPTIONS };
}

/** Double-click in a cell and type without pressing Entrée: Excel is in Edit mode. */
export function startCellEdit(model: WorkbookModel): void {
  model.startCellEdit();
}

/** Entrée or Échap: Edit mode ends, and batches waiting for it run (delayForCellEdit). */
export function endCellEdit(model: WorkbookModel): void {
  model.endCellEdit();
}

/** A click (or a drag) in the grid: `address` may be whole columns ("A:D"). */
export function selectRange(model: WorkbookModel, sheetName: string, address: string): void {
  const sheet = model.requireSheet(sheetName);
  model.activeSheet = sheet;
  model.selection = { sheet: sheet.name, address };
}
