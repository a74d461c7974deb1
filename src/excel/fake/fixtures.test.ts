import { checkWorkbook } from '../../core/check';
import { FakeExcel } from '.';
import { createExcelWorkbookPort } from '../workbook-port';
import { fillParameters, fillPassages } from './fixtures';

/** The sample the adapter tests and the e2e page type in must be what the checker accepts. */
describe('sample workbook', () => {
  it('is valid for the checker once read through the adapter', async () => {
    const excel = new FakeExcel();
    const port = createExcelWorkbookPort({ run: excel.excelRun, notes: true });
    await port.createTemplate();
    fillParameters(excel.model);
    fillPassages(excel.model, 5);
    const result = checkWorkbook(await port.readWorkbookData(), { today: new Date('2026-01-01T00:00:00Z') });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.summary).toMatchObject({ passages: 5, certifications: 1, errors: 0 });
  });
});
