/// <reference types="office-js" />
import type { ImportedContent } from '../core/import';
import { TEXT_FORMAT, type LayoutColumn, type TemplateLayout } from '../core/template/layout';
import type { CellValue } from '../core/model/types';
import type { ExcelRun } from './excel-run';
import { locateColumns } from './sheet-columns';
import { excelSerialOf } from '../core/model/excel-serial';
import { setNumberFormat } from './render-template';

/**
 * Copies imported content (a CDC XML file, or another spreadsheet through a mapping) into the template:
 * passages and DIGCOMP rows go **after the last row holding anything**, so no existing row is ever
 * overwritten; parameters fill only blank cells (a different value already there is kept and reported).
 * Each column gets the template's number format before its values, so codes stay text (leading zeros, and
 * no text starting with "=" read as a formula) and dates are real dates.
 */

export interface ContentWriteSummary {
  /** First Excel row written on the passages sheet (undefined when no passage). */
  readonly firstRow?: number;
  readonly passages: number;
  readonly digcomp: number;
  readonly parametersWritten: readonly string[];
  /** Parameters left as they were because the cell already held another value. */
  readonly parametersKept: readonly string[];
}

/** Rows written per request: 2 000 rows × 45 columns stays far under 5 MB. */
const BLOCK_ROWS = 2_000;

function cellOut(value: CellValue, date1904: boolean): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return excelSerialOf(value, date1904);
  if (typeof value === 'object') return value.error;
  return value;
}

/**
 * The number formats to set before writing `values` into a column formatted `columnFormat`: text goes into cells
 * formatted as text. `Range.values` takes a string starting with "=", "+" or "-" for a formula (typings l.38744)
 * and parses dates, numbers, booleans and percentages with en-US rules whatever the user's locale (office-js
 * #1559): "01/02/2024" would silently become 2 January. A text that reaches a number or date column (a value the
 * import could not convert) stays exactly what the user had, and the check reports it. That the "@" format set
 * first keeps `values` as typed is what Excel does when one types; for Office.js it is « à confirmer ».
 */
export function textSafeFormats(values: readonly (readonly unknown[])[], columnFormat: string): string[][] {
  if (columnFormat === TEXT_FORMAT || !values.some((row) => row.some((v) => typeof v === 'string')))
    return [[columnFormat]];
  return values.map((row) => row.map((v) => (typeof v === 'string' ? TEXT_FORMAT : columnFormat)));
}

async function appendRows(
  context: Excel.RequestContext,
  sheetName: string,
  table: string,
  columns: readonly LayoutColumn[],
  rows: readonly Readonly<Record<string, CellValue>>[],
  date1904: boolean,
): Promise<number | undefined> {
  if (rows.length === 0) return undefined;
  const located = await locateColumns(context, sheetName, table);
  const sheet = context.workbook.worksheets.getItem(located.sheetName);
  const firstRow = located.lastRow + 1;
  for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
    const block = rows.slice(start, start + BLOCK_ROWS);
    for (const column of columns) {
      const index = located.fields.get(column.field);
      if (index === undefined || !block.some((r) => r[column.field] !== undefined)) continue;
      const range = sheet.getRangeByIndexes(firstRow - 1 + start, index, block.length, 1);
      const values = block.map((r) => [cellOut(r[column.field], date1904)]);
      range.numberFormat = textSafeFormats(values, column.numberFormat);
      range.values = values;
    }
    await context.sync();
  }
  return firstRow;
}

export async function appendTemplateContent(
  run: ExcelRun,
  layout: TemplateLayout,
  content: ImportedContent,
  options: { readonly date1904: boolean },
): Promise<ContentWriteSummary> {
  return run(async (context) => {
    const parametersWritten: string[] = [];
    const parametersKept: string[] = [];
    const paramSheet = context.workbook.worksheets.getItem(layout.parameters.name);
    const cells = layout.parameters.cells
      .filter((c) => content.parameters[c.field] !== undefined && content.parameters[c.field] !== null)
      .map((c) => ({ spec: c, range: paramSheet.getRange(c.cell).load('values') }));
    await context.sync();
    for (const { spec, range } of cells) {
      const current = range.values[0][0] as CellValue;
      const wanted = cellOut(content.parameters[spec.field], options.date1904);
      if (current === '' || current === null) {
        setNumberFormat(range, TEXT_FORMAT);
        range.values = [[wanted]];
        parametersWritten.push(spec.field);
      } else if (String(current).trim() !== String(wanted).trim()) parametersKept.push(spec.field);
    }
    await context.sync();
    const firstRow = await appendRows(
      context,
      layout.passages.name,
      layout.passages.table,
      layout.passages.columns,
      content.passages,
      options.date1904,
    );
    await appendRows(
      context,
      layout.digcomp.name,
      layout.digcomp.table,
      layout.digcomp.columns,
      content.digcomp,
      options.date1904,
    );
    return {
      ...(firstRow !== undefined ? { firstRow } : {}),
      passages: content.passages.length,
      digcomp: content.digcomp.length,
      parametersWritten,
      parametersKept,
    };
  });
}
