import ExcelJS from 'exceljs';
import type { Dictionary } from '../dictionary';
import type { CellValue } from '../core/model/types';
import { buildTemplateSpec, type SheetSpec, type TemplateSpec } from '../core/template/template-spec';
import type { LayoutColumn } from '../core/template/layout';
import { renderSheet, worksheetOptions } from './render-template';

/**
 * A new template workbook with exceljs, for the CLI and for people without the add-in: the template spec
 * rendered by render-template.ts, optionally filled (tests, examples and benchmarks fill it this way).
 */

/** A value to put in a cell: the core's (examples, imports) or exceljs's own (formulas, links, in tests). */
export type XlsxCellValue = CellValue | ExcelJS.CellValue;

/** Values to put in a new template, by dictionary id (see TemplateContent in src/core/template/examples.ts). */
export interface XlsxTemplateContent {
  readonly parameters?: Readonly<Record<string, XlsxCellValue>>;
  readonly passages?: readonly Readonly<Record<string, XlsxCellValue>>[];
  readonly digcomp?: readonly Readonly<Record<string, XlsxCellValue>>[];
}

/** exceljs value of a cell: errors keep their Excel error, never become text. */
export function toExcelValue(value: XlsxCellValue): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && 'error' in value) {
    return { error: value.error } as ExcelJS.CellErrorValue;
  }
  return value as ExcelJS.CellValue;
}

/** A data row in the order of the sheet's columns (the round-trip columns stay empty). */
export function tableRow(
  sheet: SheetSpec,
  columns: readonly LayoutColumn[],
  values: Readonly<Record<string, XlsxCellValue>>,
): ExcelJS.CellValue[] {
  return sheet.columns.map((c) => {
    const field = columns.find((l) => l.column === c.column)?.field;
    return field === undefined ? null : toExcelValue(values[field] ?? null);
  });
}

/** Writes every sheet of the spec into `workbook`, with `content` in the parameters and the tables. */
export function renderTemplate(
  workbook: ExcelJS.Workbook,
  spec: TemplateSpec,
  content: XlsxTemplateContent = {},
): void {
  const { layout } = spec;
  for (const sheetSpec of spec.sheets) {
    const sheet = workbook.addWorksheet(sheetSpec.name, worksheetOptions(sheetSpec));
    const part =
      sheetSpec.name === layout.passages.name
        ? { columns: layout.passages.columns, rows: content.passages }
        : sheetSpec.name === layout.digcomp.name
          ? { columns: layout.digcomp.columns, rows: content.digcomp }
          : undefined;
    renderSheet(sheet, sheetSpec, {
      table: true,
      rows: part?.rows?.map((r) => tableRow(sheetSpec, part.columns, r)),
    });
    if (sheetSpec.name === layout.parameters.name) {
      for (const p of layout.parameters.cells) {
        const value = content.parameters?.[p.field];
        if (value !== undefined) sheet.getCell(p.cell).value = toExcelValue(value);
      }
    }
  }
}

/** A new template workbook (parameters, passages, DIGCOMP, history, hidden lists). */
export function createTemplateWorkbook(
  dictionary: Dictionary,
  content: XlsxTemplateContent = {},
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Accrochage CDC pour Excel';
  workbook.created = new Date(0);
  renderTemplate(workbook, buildTemplateSpec(dictionary), content);
  return workbook;
}
