import type { Rect } from './a1';
import { ErrorCode, FakeOfficeError } from './errors';
import type { SheetModel, WorkbookModel } from './model';

/**
 * Writes Excel refuses on a protected sheet or in a workbook opened read-only.
 *
 * Sources: Worksheet.protection, WorksheetProtectionOptions and Range.format.protection.locked (ExcelApi 1.2,
 * typings l.38119+, l.38281+, l.42968); the typings document `AccessDenied` for protection-related operations
 * (l.33597, l.38220) and office-js #1501 shows its shape. No source gives the error of a range write on a
 * protected sheet, nor says which API writes each option permits, nor what writes do in a read-only workbook:
 * the fake takes the stricter choice (AccessDenied; options read with Excel's user-interface meaning; conditional
 * formats, validations, notes and tables refused even when « Format de cellule » is allowed) and
 * docs/recette-excel.md lists each one « à confirmer ».
 */

export type WriteKind =
  /** Cell values: refused on locked cells of a protected sheet. */
  | 'values'
  /** Number formats, fills, fonts, borders, wrapping: allowed by "allowFormatCells". */
  | 'format'
  | 'columnWidth'
  | 'rowHeight'
  /** Conditional formats, data validation, notes, tables, frozen panes. */
  | 'object'
  /** Sheets added, hidden or shown; settings: only a read-only workbook refuses them (structure protection is not modelled). */
  | 'workbook';

function accessDenied(why: string): FakeOfficeError {
  return new FakeOfficeError(ErrorCode.accessDenied, `You cannot perform the requested operation. (${why})`);
}

function anyLocked(sheet: SheetModel, rects: readonly Rect[]): boolean {
  for (const rect of rects)
    for (let r = rect.top; r <= rect.bottom; r++)
      for (let c = rect.left; c <= rect.right; c++) if (sheet.format(r, c).locked) return true;
  return false;
}

export function checkWritable(
  model: WorkbookModel,
  sheet: SheetModel | undefined,
  kind: WriteKind,
  rects: readonly Rect[] = [],
): void {
  if (model.readOnly?.writes === 'AccessDenied') throw accessDenied('read-only workbook');
  if (!sheet || !sheet.protection.protected || kind === 'workbook') return;
  const options = sheet.protection.options;
  const allowed =
    kind === 'values'
      ? !anyLocked(sheet, rects)
      : kind === 'format'
        ? options.allowFormatCells
        : kind === 'columnWidth'
          ? options.allowFormatColumns
          : kind === 'rowHeight'
            ? options.allowFormatRows
            : false;
  if (!allowed) throw accessDenied(`sheet ${sheet.name} is protected`);
}
