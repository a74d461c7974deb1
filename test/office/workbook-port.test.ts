import { FakeExcel } from '../../src/fake-excel';
import { endCellEdit, startCellEdit } from '../../src/fake-excel/user';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { DICTIONARY } from '../support/dictionary';

/** What every call of the port shares: how it reaches Excel (Excel.run and its options). */

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

async function filledTemplate() {
  const excel = new FakeExcel();
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
  await port.createTemplate();
  fillParameters(excel.model);
  fillPassages(excel.model, 3);
  return { excel, port };
}

describe('while the user is typing in a cell (Excel’s Edit mode)', () => {
  it('waits for the entry to end instead of failing, for reads and writes alike (delayForCellEdit)', async () => {
    const { excel, port } = await filledTemplate();
    startCellEdit(excel.model);
    const settled: string[] = [];
    const read = port.readWorkbookData().then((data) => settled.push(`read ${data.passages.rows.length}`));
    const write = port
      .highlightIssues([])
      .then(() => settled.push('highlight'))
      .catch((e: unknown) => settled.push(`failed ${(e as { code?: string }).code}`));
    await tick();
    expect(settled).toEqual([]);
    endCellEdit(excel.model);
    await Promise.all([read, write]);
    expect(settled.sort()).toEqual(['highlight', 'read 3']);
  });
});
