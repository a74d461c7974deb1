import { FakeExcel, ErrorCode } from '../../src/fake-excel';
import { typeCell } from '../../src/fake-excel/user';

/** The fake must behave like Office.js where our code could get it wrong. */

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

describe('proxy semantics', () => {
  it('refuses to read a property before load and sync', async () => {
    const excel = new FakeExcel();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Feuil1').getRange('A1');
      expect(() => range.values).toThrow(expect.objectContaining({ code: ErrorCode.propertyNotLoaded }));
      range.load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ code: ErrorCode.propertyNotLoaded }));
      await context.sync();
      expect(range.values).toEqual([['']]);
    });
  });

  it('applies writes only at sync and counts each sync', async () => {
    const excel = new FakeExcel();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange('B2').values = [['x']];
      expect(excel.model.requireSheet('Feuil1').value(1, 1)).toBeUndefined();
      await context.sync();
    });
    expect(excel.model.requireSheet('Feuil1').value(1, 1)).toBe('x');
    expect(excel.stats.syncs).toBe(1);
  });

  it('reports a missing sheet at sync, like ItemNotFound', async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Absente').getRange('A1').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: ErrorCode.itemNotFound });
  });

  it('tells null objects apart', async () => {
    const excel = new FakeExcel();
    await excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Absente').load('name');
      const present = context.workbook.worksheets.getItemOrNullObject('feuil1').load('name');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe('Feuil1');
    });
  });
});

describe('what Excel rejects', () => {
  it('rejects values whose dimensions differ from the range', async () => {
    const excel = new FakeExcel();
    const error = await excel
      .run(async (context) => {
        context.workbook.worksheets.getItem('Feuil1').getRange('A1:B2').values = [['a', 'b']];
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe(ErrorCode.invalidArgument);
  });

  it('rejects a read of more than 5 000 000 cells', async () => {
    const excel = new FakeExcel({ platform: 'desktop' });
    const error = await excel
      .run(async (context) => {
        context.workbook.worksheets.getItem('Feuil1').getRange('A1:E1000001').load('values');
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe(ErrorCode.cellCountLimitExceeded);
  });

  it('rejects a response over 5 MB on the web but not on the desktop', async () => {
    for (const platform of ['web', 'desktop'] as const) {
      const excel = new FakeExcel({ platform });
      const sheet = excel.model.requireSheet('Feuil1');
      for (let r = 0; r < 60_000; r++) sheet.setValue(r, 0, 'x'.repeat(100));
      const outcome = await excel
        .run(async (context) => {
          context.workbook.worksheets.getItem('Feuil1').getRange('A1:A60000').load('values');
          await context.sync();
          return 'ok';
        })
        .catch((e: unknown) => codeOf(e));
      expect(outcome).toBe(platform === 'web' ? ErrorCode.responsePayloadSizeLimitExceeded : 'ok');
    }
  });

  it('rejects getRanges addresses longer than 8 192 characters', async () => {
    const excel = new FakeExcel();
    const address = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join(',');
    const error = await excel
      .run(async (context) => {
        context.workbook.worksheets.getItem('Feuil1').getRanges(address).load('address');
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe(ErrorCode.invalidArgument);
  });

  it('rejects a duplicate sheet name, an invalid one, and notes before ExcelApi 1.18', async () => {
    const excel = new FakeExcel({ apiVersion: '1.17' });
    const attempt = (batch: Parameters<FakeExcel['run']>[0]) =>
      excel.run(batch).catch((e: unknown) => codeOf(e));
    expect(await attempt(async (c) => void c.workbook.worksheets.add('FEUIL1'))).toBe(
      ErrorCode.itemAlreadyExists,
    );
    expect(await attempt(async (c) => void c.workbook.worksheets.add('a/b'))).toBe(ErrorCode.invalidArgument);
    expect(await attempt(async (c) => c.workbook.worksheets.getItem('Feuil1').notes.add('A1', 'x'))).toBe(
      ErrorCode.apiNotFound,
    );
  });

  it('rejects data-validation prompts longer than Excel allows', async () => {
    const excel = new FakeExcel();
    const error = await excel
      .run(async (context) => {
        context.workbook.worksheets.getItem('Feuil1').getRange('A1').dataValidation.prompt = {
          showPrompt: true,
          title: 'x'.repeat(33),
          message: 'ok',
        };
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe(ErrorCode.invalidArgument);
  });
});

describe('workbook model', () => {
  it('knows the used range and the date system', async () => {
    const excel = new FakeExcel({ date1904: true });
    typeCell(excel.model, 'Feuil1', 'C5', 'x');
    typeCell(excel.model, 'Feuil1', 'B9', 2);
    await excel.run(async (context) => {
      const used = context.workbook.worksheets
        .getItem('Feuil1')
        .getUsedRangeOrNullObject(true)
        .load('address');
      const date = context.workbook.functions.date(1904, 1, 1).load('value');
      await context.sync();
      expect(used.address).toBe('Feuil1!B5:C9');
      expect(date.value).toBe(0);
    });
  });
});

describe('conditional formats the user sees', () => {
  // Excel evaluates a custom rule's formula relative to the top-left cell of the range it applies to.
  it('evaluates the blank-cell test of the template (=LEN(TRIM(B2))=0), relative to the range', async () => {
    const excel = new FakeExcel();
    await excel.excelRun(async (context) => {
      const cf = context.workbook.worksheets
        .getItem('Feuil1')
        .getRange('B2:B3')
        .conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=LEN(TRIM(B2))=0';
      cf.custom.format.fill.color = '#FFE699';
      await context.sync();
    });
    typeCell(excel.model, 'Feuil1', 'B3', '  ');
    expect(excel.model.displayedFill('Feuil1', 1, 1)).toBe('#FFE699');
    expect(excel.model.displayedFill('Feuil1', 2, 1)).toBe('#FFE699');
    typeCell(excel.model, 'Feuil1', 'B2', 'AB123CDE');
    expect(excel.model.displayedFill('Feuil1', 1, 1)).toBeNull();
    expect(excel.model.displayedFill('Feuil1', 2, 1)).toBe('#FFE699');
  });
});
