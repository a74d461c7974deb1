import ExcelJS from 'exceljs';
import { StreamingWorkbookReader } from '../src/xlsx/streaming-reader';
import { buildTemplateLayout, DATE_FORMAT } from '../src/core/template/layout';
import type { CellValue } from '../src/core/model/types';
import { BENCH_PARAMETERS, generateRows, withVariant, type RowsVariant } from './generate';
import { DICTIONARY } from '../test/support/dictionary';

/**
 * Writes a filled template of `count` passages with exceljs's streaming writer (as Excel stores it), or a variant
 * with repeats. `tracking`: with the round-trip columns in the passages header and the history sheet, as the
 * template has them (what the raw tracking copy needs); without, the workbook of the earlier bench figures.
 */
export async function writeBenchWorkbook(
  path: string,
  count: number,
  variant: RowsVariant = 'distinct',
  options: { readonly tracking?: boolean } = {},
): Promise<void> {
  const layout = buildTemplateLayout(DICTIONARY);
  const rows = withVariant(generateRows(count), variant);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const parameters = workbook.addWorksheet(layout.parameters.name);
  for (const p of layout.parameters.cells) {
    const row = parameters.getRow(Number(p.cell.slice(1)));
    row.getCell(1).value = p.label;
    row.getCell(2).value = BENCH_PARAMETERS[p.field as keyof typeof BENCH_PARAMETERS];
    row.commit();
  }
  await parameters.commit();
  const sheets = [
    { spec: layout.passages, data: rows.passages },
    { spec: layout.digcomp, data: rows.digcomp },
  ];
  for (const { spec, data } of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    const trackingHeaders =
      options.tracking && spec === layout.passages
        ? layout.passages.trackingColumns.map((c) => c.header)
        : [];
    sheet.addRow([...spec.columns.map((c) => c.header), ...trackingHeaders]).commit();
    const dateColumns = new Set(
      spec.columns.filter((c) => c.numberFormat === DATE_FORMAT).map((c) => c.field),
    );
    for (const cells of data) {
      const row = sheet.addRow(
        spec.columns.map((c) => {
          const value: CellValue = cells[c.field];
          // Dates are stored as Excel stores them: a serial with a date format.
          if (typeof value === 'number' && dateColumns.has(c.field)) {
            return new Date(Math.round((value - 25569) * 86_400_000));
          }
          return (value ?? null) as ExcelJS.CellValue;
        }),
      );
      spec.columns.forEach((c, i) => {
        if (dateColumns.has(c.field)) row.getCell(i + 1).numFmt = DATE_FORMAT;
      });
      row.commit();
    }
    await sheet.commit();
  }
  if (options.tracking) {
    const history = workbook.addWorksheet(layout.history.name);
    history.addRow(layout.history.columns.map((c) => c.header)).commit();
    await history.commit();
  }
  await workbook.commit();
}

/** Reads every row of every sheet with exceljs's streaming reader and nothing else: the floor for the CLI. */
export async function readWithExcelJsOnly(path: string): Promise<number> {
  const reader = new StreamingWorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      if (row.values) rows++;
    }
  }
  return rows;
}
