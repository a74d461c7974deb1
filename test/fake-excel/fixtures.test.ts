import { checkWorkbook } from '../../src/core/check/check';
import { FakeExcel } from '../../src/fake-excel';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { DICTIONARY } from '../support/dictionary';

/** The sample the adapter tests and the e2e page type in must be what the checker accepts. */
describe('sample workbook', () => {
  it('is valid for the checker once read through the adapter', async () => {
    const excel = new FakeExcel();
    const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
    await port.createTemplate();
    fillParameters(excel.model);
    fillPassages(excel.model, 25);
    const result = checkWorkbook(await port.readWorkbookData(), {
      dictionary: DICTIONARY,
      today: new Date(),
    });
    // No warning either: the e2e test expects "Aucun problème trouvé." after its fixes.
    expect(result.issues).toEqual([]);
    expect(result.summary).toMatchObject({ passages: 25, certifications: 1, errors: 0 });
  });
});
