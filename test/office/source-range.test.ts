import { FakeExcel, WEB_PAYLOAD_LIMIT_BYTES } from '../../src/fake-excel';
import { selectRange } from '../../src/fake-excel/user';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { DICTIONARY } from '../support/dictionary';

/** « Reprendre un autre tableau »: reading the user's selection (src/office/source-range.ts). */

function sourceSheet(rows: number, columns: number, cell: (r: number, c: number) => string) {
  const excel = new FakeExcel({ platform: 'web' });
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
  const sheet = excel.model.addSheet('Source');
  for (let c = 0; c < columns; c++) sheet.setValue(0, c, `Colonne ${c + 1}`);
  for (let r = 1; r <= rows; r++) for (let c = 0; c < columns; c++) sheet.setValue(r, c, cell(r, c));
  return { excel, port };
}

describe('reading the selected table', () => {
  it('reads a selection of whole columns as its used part, in a few requests', async () => {
    const { excel, port } = sourceSheet(8, 4, (r, c) => `v${r}-${c}`);
    selectRange(excel.model, 'Source', 'A:D');
    excel.stats.reset();
    const read = await port.readSelectedTable();
    expect(read).toMatchObject({ sheet: 'Source', address: 'Source!A1:D9', headerRow: 1, firstColumn: 0 });
    expect(read.rows).toHaveLength(8);
    expect(read.rows[7]).toEqual(['v8-0', 'v8-1', 'v8-2', 'v8-3']);
    expect(excel.stats.syncs).toBeLessThanOrEqual(4);
  });

  it('reads a wide table of long texts under the 5 MB of Excel on the web, in smaller blocks', async () => {
    const text = 'Une observation assez longue sur le dossier du candidat, ligne ';
    const { excel, port } = sourceSheet(3000, 40, (r, c) => `${text}${r}/${c}`);
    selectRange(excel.model, 'Source', 'A1:AN3001');
    excel.stats.reset();
    const read = await port.readSelectedTable();
    expect(read.rows).toHaveLength(3000);
    expect(read.rows[2999][39]).toBe(`${text}3000/39`);
    expect(excel.stats.maxResponseBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
  });
});
