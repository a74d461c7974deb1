/// <reference types="office-js" />
import type { SavedMapping } from '../core/mapping';
import type { CellValue } from '../core/model/types';
import type { ExcelRun } from './excel-run';
import { readRowBlocks } from './read-blocks';

/**
 * Reading another table of the workbook to copy it into the template ("Reprendre un autre tableau"), and
 * the mappings saved with the workbook. Only loads values: the source range is never written to.
 */

export interface SourceRange {
  readonly sheet: string;
  /** Address of what was read, e.g. "Inscrits!A1:F120". */
  readonly address: string;
  /** 1-based row of the header (first row of the range). */
  readonly headerRow: number;
  /** 0-based column of the range's first column. */
  readonly firstColumn: number;
  readonly header: readonly CellValue[];
  readonly rows: readonly (readonly CellValue[])[];
}

export class EmptySelectionError extends Error {
  constructor() {
    super('The selection holds no table');
    this.name = 'EmptySelectionError';
  }
}

function toCellValue(value: unknown): CellValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/**
 * The selected range with its header row; a single selected cell stands for its whole sheet (the used
 * range), which is what users mean when they click in a table and press the button. A selection is narrowed to
 * the part that holds values (`Range.getUsedRangeOrNullObject`, ExcelApi 1.4): whole columns are 1 048 576 rows,
 * whose values Office.js does not even return (docs "unbounded ranges"). Rows are read in adaptive blocks.
 */
export async function readSelectedTable(run: ExcelRun): Promise<SourceRange> {
  return run(async (context) => {
    const selected = context.workbook.getSelectedRange().load('rowCount,columnCount,worksheet/name');
    await context.sync();
    const sheet = context.workbook.worksheets.getItem(selected.worksheet.name);
    const area = (
      selected.rowCount * selected.columnCount === 1
        ? sheet.getUsedRangeOrNullObject(true)
        : selected.getUsedRangeOrNullObject(true)
    ).load('rowIndex,columnIndex,rowCount,columnCount,address');
    await context.sync();
    if (area.isNullObject || area.rowCount < 2) throw new EmptySelectionError();
    const values = await readRowBlocks(context, sheet, {
      row: area.rowIndex,
      column: area.columnIndex,
      rows: area.rowCount,
      columns: area.columnCount,
    });
    const rows = values.map((row) => row.map(toCellValue));
    return {
      sheet: selected.worksheet.name,
      address: area.address,
      headerRow: area.rowIndex + 1,
      firstColumn: area.columnIndex,
      header: rows[0],
      rows: rows.slice(1),
    };
  });
}

/** Key of the saved mappings in the workbook settings (saved inside the .xlsx, seen by the add-in only). */
export const MAPPINGS_SETTING = 'accrochage-cdc.correspondances';

export type SavedMappings = Readonly<Record<string, SavedMapping>>;

export async function readSavedMappings(run: ExcelRun): Promise<SavedMappings> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(MAPPINGS_SETTING).load('value');
    await context.sync();
    if (setting.isNullObject || typeof setting.value !== 'object' || setting.value === null) return {};
    return setting.value as SavedMappings;
  });
}

export async function saveMapping(run: ExcelRun, name: string, mapping: SavedMapping): Promise<void> {
  const current = await readSavedMappings(run);
  await run(async (context) => {
    context.workbook.settings.add(MAPPINGS_SETTING, { ...current, [name]: mapping });
    await context.sync();
  });
}
