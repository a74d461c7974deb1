/// <reference types="office-js" />
import type { ExcelRun } from './excel-run';

/** Shows a problem's cell: activates its sheet (it may be another one) and selects the cell. */
export async function selectCell(run: ExcelRun, sheetName: string, cell: string): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}
