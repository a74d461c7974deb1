import { buildTemplateLayout, FIRST_DATA_ROW } from '../../src/core/template/layout';
import { FakeExcel, WEB_PAYLOAD_LIMIT_BYTES } from '../../src/fake-excel';
import { fillParameters, fillPassages, recentIssueSerial } from '../support/fake-excel-fixtures';
import { typeCell, typeRows } from '../../src/fake-excel/user';
import { MissingSheetsError } from '../../src/office/read-workbook';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { DICTIONARY } from '../support/dictionary';

const layout = buildTemplateLayout(DICTIONARY);

async function templateWith(rows: number, options: { date1904?: boolean } = {}) {
  const excel = new FakeExcel({ platform: 'web', date1904: options.date1904 });
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
  await port.createTemplate();
  fillParameters(excel.model);
  if (rows > 0) fillPassages(excel.model, rows);
  excel.stats.reset();
  return { excel, port };
}

describe('reading the filled template', () => {
  it('returns parameters, passages keyed by dictionary id, and DIGCOMP rows', async () => {
    const { port, excel } = await templateWith(3);
    typeRows(excel.model, 'DIGCOMP', FIRST_DATA_ROW, [
      ['PASSAGE-000001', 4, '1 - Information et données', '1.1'],
    ]);
    const data = await port.readWorkbookData();
    expect(data.date1904).toBe(false);
    expect(data.parameters.cells['3.1']).toEqual({ address: 'B3', value: 'E564ACB0' });
    expect(data.passages.rows).toHaveLength(3);
    expect(data.passages.rows[0]).toMatchObject({
      row: 2,
      cells: { '5.1': 'PASSAGE-000001', '5.10': recentIssueSerial() },
    });
    expect(data.passages.columns['5.10']).toBe('M');
    expect(data.digcomp.rows).toEqual([
      {
        row: 2,
        cells: { '5.1': 'PASSAGE-000001', '6.2': 4, '6.3': '1 - Information et données', '6.4': '1.1' },
      },
    ]);
  });

  it('notes a field named by two header columns, for the check to report instead of reading only the first', async () => {
    const { port, excel } = await templateWith(1);
    const column = (id: string) => layout.passages.columns.find((c) => c.field === id)?.column;
    typeCell(excel.model, 'Passages', `${column('8.2')}1`, 'Nom (8.1)');
    const data = await port.readWorkbookData();
    expect(data.passages.duplicateColumns).toEqual({ '8.1': [column('8.1'), column('8.2')] });
  });

  it('reads the 1904 date system flag', async () => {
    const { port } = await templateWith(1, { date1904: true });
    expect((await port.readWorkbookData()).date1904).toBe(true);
  });

  it('turns Excel error values into CellError and skips blank rows', async () => {
    const { port, excel } = await templateWith(2);
    typeCell(excel.model, 'Passages', 'Z3', '#N/A');
    typeCell(excel.model, 'Passages', 'D6', 'PASSAGE-LOIN');
    const data = await port.readWorkbookData();
    expect(data.passages.rows.map((r) => r.row)).toEqual([2, 3, 6]);
    expect(data.passages.rows[1].cells['8.1']).toEqual({ error: '#N/A' });
  });

  it('finds parameters by the id in their label when a row was inserted above', async () => {
    const { port, excel } = await templateWith(0);
    const sheet = excel.model.requireSheet('Paramètres');
    // Simulate "insert row at 2": shift A2:B6 down by one.
    for (let r = 6; r >= 1; r--) for (let c = 0; c < 2; c++) sheet.setValue(r + 1, c, sheet.value(r, c));
    sheet.setValue(1, 0, 'Ma ligne');
    sheet.setValue(1, 1, '');
    const data = await port.readWorkbookData();
    expect(data.parameters.cells['2.1']).toEqual({ address: 'B3', value: 'AB123CDE' });
  });

  it('says which template sheets are missing', async () => {
    const excel = new FakeExcel();
    const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
    await expect(port.readWorkbookData()).rejects.toBeInstanceOf(MissingSheetsError);
  });

  it('stops between blocks when cancelled', async () => {
    const { port } = await templateWith(25_000);
    const controller = new AbortController();
    const seen: number[] = [];
    const reading = port.readWorkbookData({
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done >= 10_000) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 10_000]);
  });
});

describe('reading stays within Excel limits', () => {
  it.each([10_000, 100_000])(
    '%i rows: bounded reads, ≤ ceil(rows/5000)+5 syncs, every sync under 5 MB',
    async (rows) => {
      const { port, excel } = await templateWith(rows);
      const data = await port.readWorkbookData();
      expect(data.passages.rows).toHaveLength(rows);
      const { syncs, maxRequestBytes, maxResponseBytes, maxCellsPerRead } = excel.stats;
      // Reported in the pull request: measured, not guessed.
      console.log(
        `read ${rows} rows: ${syncs} syncs, max response ${(maxResponseBytes / 1e6).toFixed(2)} MB, max request ${maxRequestBytes} B, max cells/read ${maxCellsPerRead}`,
      );
      expect(syncs).toBeLessThanOrEqual(Math.ceil(rows / 5000) + 5);
      expect(maxResponseBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
      // The round-trip columns (Statut CDC…) are read with the fields: they decide what "Non envoyés" exports.
      const width = layout.passages.columns.length + layout.passages.trackingColumns.length;
      expect(maxCellsPerRead).toBeLessThanOrEqual(10_000 * width);
    },
  );

  it('shrinks blocks when rows are long, instead of exceeding 5 MB', async () => {
    const { port, excel } = await templateWith(0);
    fillPassages(excel.model, 6000, (_i, values) => {
      values['5.2'] = `https://preuves.example.fr/${'x'.repeat(220)}`;
      values['5.3'] = 'é'.repeat(255);
      values['5.17'] = 'v'.repeat(255);
    });
    const data = await port.readWorkbookData();
    expect(data.passages.rows).toHaveLength(6000);
    // The first 5 000-row block is refused by Excel on the web; the reader retries smaller blocks.
    expect(excel.stats.failedSyncs).toBe(1);
    expect(excel.stats.maxResponseBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
    expect(data.passages.rows[5999].cells['5.3']).toBe('é'.repeat(255));
  });
});
