import { validateXml } from '../../src/core/xsd/validate-xml';
import { FakeExcel } from '../../src/fake-excel';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { AddinControllers, type AddinServices } from '../../src/controllers/addin-controller';
import type { SaveResult } from '../../src/taskpane/save-file';
import { DICTIONARY } from '../support/dictionary';
import { passageColumn } from '../support/workbook';

/** 0-based index of a column letter (A → 0). */
const columnIndex = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

const NOW = new Date('2026-03-02T09:30:00Z');

function setUp(save: SaveResult = 'downloaded') {
  const excel = new FakeExcel();
  const saved: { fileName: string; xml: string }[] = [];
  let paneShown = 0;
  const services: AddinServices = {
    dictionary: DICTIONARY,
    workbook: createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true }),
    validateXml,
    saveXml: async (fileName, xml) => {
      saved.push({ fileName, xml });
      return save;
    },
    showPane: async () => void paneShown++,
    now: () => NOW,
  };
  return { excel, controller: new AddinControllers(services), saved, paneShown: () => paneShown };
}

async function filledTemplate(
  controller: AddinControllers,
  excel: FakeExcel,
  change?: Parameters<typeof fillPassages>[2],
) {
  await controller.template.create();
  fillParameters(excel.model);
  fillPassages(excel.model, 3, change, NOW);
}

describe('Vérifier', () => {
  it('reads, checks and highlights, then shows the summary', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['8.1'] = ''));
    await controller.checks.check();
    const state = controller.runner.getState();
    expect(state.busy).toBeUndefined();
    expect(state.check?.summary).toMatchObject({ passages: 3, errors: 1 });
    expect(state.issues.map((i) => i.cell)).toEqual(['Z3']);
    expect(excel.model.displayedFill('Passages', 2, 25)).toBe('#FFC7CE');
  });

  it('highlights every row of a group sharing one idTechnique, each entry naming the other rows', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel);
    fillPassages(excel.model, 6, (i, v) => i <= 5 && (v['5.1'] = 'MEME'), NOW);
    await controller.checks.check();
    const issues = controller.runner.getState().issues.filter((i) => i.code === 'duplicateIdTechnique');
    const column = passageColumn('5.1');
    expect(issues.map((i) => i.cell)).toEqual([2, 3, 4, 5, 6].map((row) => `${column}${row}`));
    expect(issues[2].text).toContain('aussi utilisé aux lignes 2, 3, 5 et 6.');
    const index = columnIndex(column);
    for (const row of [2, 3, 4, 5, 6])
      expect(excel.model.displayedFill('Passages', row - 1, index)).toBe('#FFC7CE');
    expect(excel.model.displayedFill('Passages', 6, index)).not.toBe('#FFC7CE');
  });

  it('says which sheets are missing and offers to add them', async () => {
    const { controller } = setUp();
    await controller.checks.check();
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'warning', offerAddMissing: true });
    expect(controller.runner.getState().notice?.text).toContain('Paramètres');
  });

  it('reports an existing template instead of overwriting it', async () => {
    const { controller } = setUp();
    await controller.template.create();
    await controller.template.create();
    expect(controller.runner.getState().notice?.text).toMatch(/déjà toutes les feuilles/);
  });
});

describe('Exporter XML', () => {
  it('produces nothing and opens the pane while errors remain', async () => {
    const { excel, controller, saved, paneShown } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 1 && (v['5.10'] = 'hier'));
    await controller.exports.exportXml();
    expect(saved).toEqual([]);
    expect(paneShown()).toBe(1);
    expect(controller.runner.getState().notice).toMatchObject({
      intent: 'error',
      text: expect.stringMatching(/Export impossible : 1 erreur/),
    });
  });

  it('validates and saves a file named after the certificateur and the Paris time', async () => {
    const { excel, controller, saved, paneShown } = setUp();
    await filledTemplate(controller, excel);
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(saved[0].fileName).toBe('cdc-E564ACB0-20260302-103000.xml');
    expect(saved[0].xml).toContain('<cpf:idTechnique>PASSAGE-000003</cpf:idTechnique>');
    expect(controller.runner.getState().notice?.text).toMatch(/3 passage\(s\), 1 certification\(s\)/);
    expect(paneShown()).toBe(0);
  });

  it('hands the XML to the pane for copying where downloads are blocked (Mac)', async () => {
    const { excel, controller, paneShown } = setUp('copy');
    await filledTemplate(controller, excel);
    await controller.exports.exportXml();
    expect(controller.runner.getState().xmlToCopy?.xml).toContain('<cpf:flux');
    expect(paneShown()).toBe(1);
  });
});

describe('Annuler', () => {
  it('stops a long read and says so', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel);
    fillPassages(excel.model, 12_000, undefined, NOW);
    const unsubscribe = controller.runner.subscribe((state) => {
      if (state.busy?.done !== undefined && state.busy.done >= 5000) controller.runner.cancel();
    });
    await controller.checks.check();
    unsubscribe();
    expect(controller.runner.getState().notice?.text).toBe('Opération annulée.');
    expect(controller.runner.getState().check).toBeUndefined();
  });
});

describe('first run', () => {
  it('greets a workbook without the template with the three steps', async () => {
    const { controller } = setUp();
    await controller.template.start();
    expect(controller.runner.getState().welcome).toBe(true);
    expect(controller.runner.getState().check).toBeUndefined();
  });

  it('goes straight to the check summary in a workbook with data', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel);
    await controller.template.start();
    expect(controller.runner.getState().welcome).toBeFalsy();
    expect(controller.runner.getState().check?.summary.passages).toBe(3);
  });

  it('offers to upgrade an older template, then upgrades it', async () => {
    const { excel, controller } = setUp();
    await controller.template.create();
    excel.model.sheets.splice(excel.model.sheets.indexOf(excel.model.requireSheet('Historique')), 1);
    await controller.template.start();
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'warning', offerUpgrade: true });
    await controller.template.upgrade();
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'success' });
    expect(controller.runner.getState().notice?.text).toMatch(/Historique/);
  });
});
