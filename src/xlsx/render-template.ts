import type ExcelJS from 'exceljs';
import type {
  CellSpec,
  ColumnSpec,
  LiveFormatSpec,
  ListValidationSpec,
  SheetSpec,
} from '../core/template/template-spec';
import { HEADER_ROW } from '../core/template/layout';

/**
 * Renders the template spec (src/core/template/template-spec.ts) with exceljs, for the CLI: the same sheets,
 * cells, styles, lists and live formats as the add-in renders with Office.js. Every decision is the spec's.
 */

/** exceljs supports range data validations but its typings omit them. */
type WorksheetWithValidations = ExcelJS.Worksheet & {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
};

/** "#F4B183" → "FFF4B183" (exceljs colours carry an alpha channel). */
const argb = (color: string) => `FF${color.replace('#', '').toUpperCase()}`;

export function renderCell(sheet: ExcelJS.Worksheet, spec: CellSpec): void {
  const cell = sheet.getCell(spec.address);
  if (spec.numberFormat !== undefined) cell.numFmt = spec.numberFormat;
  if (spec.value !== undefined) cell.value = spec.value;
  const style = spec.style;
  if (style?.bold || style?.italic || style?.size !== undefined || style?.color !== undefined) {
    cell.font = {
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.size !== undefined ? { size: style.size } : {}),
      ...(style.color !== undefined ? { color: { argb: argb(style.color) } } : {}),
    };
  }
  if (style?.fill !== undefined)
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style?.wrap) cell.alignment = { wrapText: true };
  if (style?.border !== undefined) {
    const line: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: argb(style.border) } };
    cell.border = { top: line, bottom: line, left: line, right: line };
  }
  if (spec.note) cell.note = spec.note.text;
}

export function renderColumn(sheet: ExcelJS.Worksheet, spec: ColumnSpec): void {
  const column = sheet.getColumn(spec.column);
  column.width = spec.width;
  // A column's format is the default of all its cells, the header's too: the header is text either way.
  if (spec.numberFormat !== undefined) column.numFmt = spec.numberFormat;
}

export function renderValidation(sheet: ExcelJS.Worksheet, spec: ListValidationSpec): void {
  (sheet as WorksheetWithValidations).dataValidations.add(spec.range, {
    type: 'list',
    allowBlank: true,
    formulae: [spec.source],
    showErrorMessage: true,
    errorStyle: spec.alert.style,
    errorTitle: spec.alert.title,
    error: spec.alert.message,
  });
}

export function renderLiveFormat(sheet: ExcelJS.Worksheet, spec: LiveFormatSpec): void {
  sheet.addConditionalFormatting({
    ref: spec.range,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [spec.formula],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(spec.fill) } } },
      },
    ],
  });
}

/** Options of a new worksheet: hidden or not, and its frozen header. */
export function worksheetOptions(spec: SheetSpec): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    state: spec.hidden ? 'hidden' : 'visible',
    views: spec.frozenRows > 0 ? [{ state: 'frozen', ySplit: spec.frozenRows }] : [],
  };
}

/**
 * A sheet of the spec into a new worksheet. `rows`: data rows to put in its table (values by column letter,
 * in column order); `table: false` for exceljs's streaming writer, which cannot write tables (the readers find
 * columns by header, so both files read alike).
 */
export function renderSheet(
  sheet: ExcelJS.Worksheet,
  spec: SheetSpec,
  options: { readonly table: boolean; readonly rows?: readonly (readonly ExcelJS.CellValue[])[] } = {
    table: true,
  },
): void {
  for (const column of spec.columns) renderColumn(sheet, column);
  if (spec.table && options.table) {
    const headerRow = new RegExp(`^[A-Z]+${HEADER_ROW}$`);
    const headers = spec.cells.filter((c) => headerRow.test(c.address) && c.value !== undefined);
    const width = spec.columns.length;
    const rows = options.rows ?? [];
    sheet.addTable({
      name: spec.table.name,
      ref: spec.table.range.split(':')[0],
      headerRow: true,
      style: { theme: spec.table.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
      columns: headers.map((c) => ({ name: c.value as string, filterButton: true })),
      // A table needs one row; an empty one is skipped by the readers.
      rows: rows.length > 0 ? rows.map((r) => [...r]) : [Array.from({ length: width }, () => null)],
    });
  }
  for (const cell of spec.cells) renderCell(sheet, cell);
  for (const { row, height } of spec.rowHeights) sheet.getRow(row).height = height;
  for (const validation of spec.validations) renderValidation(sheet, validation);
  for (const format of spec.liveFormats) renderLiveFormat(sheet, format);
}
