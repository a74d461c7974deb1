import { validateXml } from '../../src/workers/node/validate-xml';
import { FakeExcel, type FakeExcelOptions, type FakeRequestContext } from '../../src/fake-excel';
import {
  deleteSheet,
  endCellEdit,
  protectSheet,
  renameSheet,
  startCellEdit,
} from '../../src/fake-excel/user';
import type { HostExcelRun } from '../../src/office/excel-run';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { AddinControllers, type AddinServices } from '../../src/controllers/addin-controller';
import { headlineOf } from '../../src/controllers/headline';
import { nextStep } from '../../src/controllers/next-step';
import { groupProblems } from '../../src/controllers/problem-groups';
import type { SaveResult } from '../../src/taskpane/save-file';
import { DICTIONARY } from '../support/dictionary';
import { passageColumn } from '../support/workbook';

/** 0-based index of a column letter (A → 0). */
const columnIndex = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

const NOW = new Date('2026-03-02T09:30:00Z');

function setUp(
  save: SaveResult = 'downloaded',
  options: { excel?: FakeExcelOptions; run?: (excel: FakeExcel) => HostExcelRun } = {},
) {
  const excel = new FakeExcel(options.excel);
  const saved: { fileName: string; xml: string }[] = [];
  const run = options.run?.(excel) ?? excel.excelRun;
  const services: AddinServices = {
    dictionary: DICTIONARY,
    workbook: createExcelWorkbookPort({ dictionary: DICTIONARY, run, notes: true }),
    validateXml,
    saveXml: async (fileName, content) => {
      saved.push({ fileName, xml: await content.text() });
      return save;
    },
    now: () => NOW,
  };
  return { excel, controller: new AddinControllers(services), saved };
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

  it('on a workbook without the template, goes back to the first step instead of a dead end', async () => {
    const { controller } = setUp();
    await controller.checks.check();
    const state = controller.runner.getState();
    expect(state.welcome).toBe(true);
    expect(nextStep(state).kind).toBe('createTemplate');
    expect(state.notice).toMatchObject({
      intent: 'info',
      text: expect.stringContaining('« Créer le modèle »'),
    });
    expect(state.notice?.offerAddMissing).toBeFalsy();
  });

  it('says which sheet a template lost and offers « Compléter le modèle »', async () => {
    const { excel, controller } = setUp();
    await controller.template.create();
    deleteSheet(excel.model, 'Passages');
    await controller.checks.check();
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'warning', offerAddMissing: true });
    expect(controller.runner.getState().notice?.text).toMatch(/Passages.*« Compléter le modèle »/);
  });

  it('reports an existing template instead of overwriting it', async () => {
    const { controller } = setUp();
    await controller.template.create();
    await controller.template.create();
    expect(controller.runner.getState().notice?.text).toMatch(/déjà toutes les feuilles/);
  });
});

describe('Exporter', () => {
  it('produces nothing while errors remain, and lists them', async () => {
    const { excel, controller, saved } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 1 && (v['5.10'] = 'hier'));
    await controller.exports.exportXml();
    expect(saved).toEqual([]);
    expect(controller.runner.getState().issues.length).toBeGreaterThan(0);
    expect(controller.runner.getState().notice).toMatchObject({
      intent: 'error',
      text: expect.stringMatching(/Export impossible : 1 erreur/),
    });
  });

  it('validates and saves a file named after the certificateur and the Paris time', async () => {
    const { excel, controller, saved } = setUp();
    await filledTemplate(controller, excel);
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(saved[0].fileName).toBe('cdc-E564ACB0-20260302-103000.xml');
    expect(saved[0].xml).toContain('<cpf:idTechnique>PASSAGE-000003</cpf:idTechnique>');
    expect(controller.runner.getState().notice?.text).toMatch(/3 passage\(s\), 1 certification\(s\)/);
  });

  it('hands the XML to the pane for copying where downloads are blocked (Mac)', async () => {
    const { excel, controller } = setUp('copy');
    await filledTemplate(controller, excel);
    await controller.exports.exportXml();
    expect(controller.runner.getState().filesToSave?.files[0].text).toContain('<cpf:flux');
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

describe('Excel’s Edit mode (the user is still typing in a cell)', () => {
  /** A host that ignores Excel.RunOptions (delayForCellEdit unsupported): the batch fails at once. */
  const ignoringOptions = (excel: FakeExcel): HostExcelRun =>
    ((first: unknown, second?: unknown) =>
      excel.run(
        (second ?? first) as (context: FakeRequestContext) => Promise<unknown>,
      )) as unknown as HostExcelRun;

  it('says to finish the entry, never « Une erreur inattendue », when Excel refuses the batch', async () => {
    const { excel, controller } = setUp('downloaded', { run: ignoringOptions });
    await filledTemplate(controller, excel);
    startCellEdit(excel.model);
    await controller.checks.check();
    expect(controller.runner.getState().notice).toEqual({
      intent: 'warning',
      text: 'Terminez la saisie en cours dans la cellule (Entrée ou Échap), puis recommencez.',
    });
  });

  it('waits for the entry to end, says so, then checks', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel);
    startCellEdit(excel.model);
    // The pane says so once Excel has been silent for a while: waited for, however slow the machine.
    const saysSo = new Promise<void>((resolve) =>
      controller.runner.subscribe((state) => {
        if (state.busy && /terminez la saisie/i.test(state.busy.label)) resolve();
      }),
    );
    const check = controller.checks.check();
    await saysSo;
    expect(controller.runner.getState().busy).toBeDefined();
    expect(controller.runner.getState().check).toBeUndefined();
    endCellEdit(excel.model);
    await check;
    const state = controller.runner.getState();
    expect(state.notice).toBeUndefined();
    expect(state.check?.summary.passages).toBe(3);
  });
});

describe('protected sheets and read-only workbooks', () => {
  it('lists the problems and says Passages is protected, changing no cell', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['8.1'] = ''));
    protectSheet(excel.model, 'Passages');
    const before = JSON.stringify(excel.model.requireSheet('Passages').conditionalFormats);
    await controller.checks.check();
    const state = controller.runner.getState();
    expect(state.issues.map((i) => i.cell)).toEqual(['Z3']);
    expect(state.check?.summary.errors).toBe(1);
    expect(state.notice).toEqual({
      intent: 'warning',
      text: 'La feuille Passages est protégée : les problèmes sont listés ici mais ne peuvent pas être surlignés.',
    });
    expect(JSON.stringify(excel.model.requireSheet('Passages').conditionalFormats)).toBe(before);
  });

  it('lists the problems when Excel refuses every write, and says why they are not highlighted', async () => {
    const { excel, controller } = setUp('downloaded', { excel: { readOnly: 'AccessDenied' } });
    await excel.run(async () => undefined);
    // The template was made before the workbook was opened read-only.
    excel.model.readOnly = undefined;
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['8.1'] = ''));
    excel.model.readOnly = { writes: 'AccessDenied' };
    await controller.checks.check();
    const state = controller.runner.getState();
    expect(state.issues.map((i) => i.cell)).toEqual(['Z3']);
    expect(state.notice?.intent).toBe('warning');
    expect(state.notice?.text).toMatch(
      /^Les problèmes sont listés ici, mais Excel a refusé de les surligner/,
    );
  });

  it('says a read-only workbook will not keep the highlights when Excel accepts the writes', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['8.1'] = ''));
    excel.model.readOnly = { writes: 'succeed' };
    await controller.checks.check();
    const state = controller.runner.getState();
    expect(state.issues).toHaveLength(1);
    expect(excel.model.displayedFill('Passages', 2, 25)).toBe('#FFC7CE');
    expect(state.notice).toMatchObject({ intent: 'info', text: expect.stringMatching(/lecture seule/) });
  });

  it('Exporter with Passages protected: the file is saved, and the pane says the statuses were not written', async () => {
    const { excel, controller, saved } = setUp();
    await filledTemplate(controller, excel);
    protectSheet(excel.model, 'Passages');
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    const notice = controller.runner.getState().notice;
    expect(notice?.intent).toBe('warning');
    expect(notice?.text).toContain(saved[0].fileName);
    expect(notice?.text).toMatch(/n’ont pas pu être marqués « Exporté — à déposer »/);
  });

  it('Exporter refused for errors on a protected sheet still lists them', async () => {
    const { excel, controller, saved } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 1 && (v['5.10'] = 'hier'));
    protectSheet(excel.model, 'Passages');
    await controller.exports.exportXml();
    expect(saved).toEqual([]);
    const state = controller.runner.getState();
    expect(state.issues.length).toBeGreaterThan(0);
    expect(state.notice?.text).toMatch(/^Export impossible : 1 erreur.*La feuille Passages est protégée/);
  });
});

describe('a renamed « Passages » sheet (found by its table)', () => {
  it('is checked and highlighted where it is; « Créer le modèle » and the first run offer nothing to recreate', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['8.1'] = ''));
    renameSheet(excel.model, 'Passages', 'Passages 2025');
    await controller.checks.check();
    let state = controller.runner.getState();
    expect(state.notice).toBeUndefined();
    expect(state.check?.summary.passages).toBe(3);
    expect(state.issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(['Passages 2025!Z3']);
    expect(excel.model.displayedFill('Passages 2025', 2, 25)).toBe('#FFC7CE');

    await controller.template.create();
    state = controller.runner.getState();
    expect(state.notice?.offerAddMissing).toBeFalsy();
    expect(state.notice?.text).toMatch(/Passages 2025/);
    expect(excel.model.sheet('Passages')).toBeUndefined();

    await controller.template.start();
    state = controller.runner.getState();
    expect(state.notice?.offerAddMissing).toBeFalsy();
    expect(state.notice?.offerUpgrade).toBeFalsy();
    expect(state.check?.summary.passages).toBe(3);
    expect(excel.model.sheets.map((s) => s.name)).not.toContain('Passages');
  });

  it('receives generated identifiers and export statuses', async () => {
    const { excel, controller, saved } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['5.1'] = ''));
    renameSheet(excel.model, 'Passages', 'Passages 2025');
    await controller.roundTrip.generateIds();
    await controller.runner.confirm();
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'success' });
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'success' });
    const sheet = excel.model.requireSheet('Passages 2025');
    const header = Array.from({ length: 60 }, (_, c) => sheet.value(0, c));
    const status = header.indexOf('Statut CDC');
    expect(status).toBeGreaterThan(0);
    expect([1, 2, 3].map((r) => sheet.value(r, status))).toEqual(Array(3).fill('Exporté — à déposer'));
  });

  it('keeps the list the way the user thinks: Paramètres first, then its rows titled with the holder', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['8.9'] = 'X'));
    excel.model.requireSheet('Paramètres').setValue(1, 1, '');
    renameSheet(excel.model, 'Passages', 'Passages 2025');
    await controller.checks.check();
    const check = controller.runner.getState().check!;
    expect([...new Set(check.issues.map((i) => i.sheet))]).toEqual(['Paramètres', 'Passages 2025']);
    const sections = groupProblems(check.issues, check.holders, check.sheets);
    expect(sections.map((s) => [s.sheet, s.role])).toEqual([
      ['Paramètres', 'parameters'],
      ['Passages 2025', 'passages'],
    ]);
    const [group] = sections[1].groups;
    expect([group.row, group.passageRow, group.holder]).toEqual([3, 3, expect.stringMatching(/\S/)]);
  });

  it('« Saisir les passages » goes to the renamed sheet', async () => {
    const { excel, controller } = setUp();
    await controller.template.create();
    fillParameters(excel.model);
    renameSheet(excel.model, 'Passages', 'Passages 2025');
    const reopened = new AddinControllers(controller.runner.services);
    await reopened.template.start();
    expect(nextStep(reopened.runner.getState())).toEqual({
      kind: 'enterPassages',
      target: { sheet: 'Passages 2025', range: 'A2' },
    });
    await reopened.template.enterPassages();
    expect(reopened.runner.getState().notice).toBeUndefined();
    expect(excel.model.selection).toEqual({ sheet: 'Passages 2025', address: "'Passages 2025'!A2" });
  });
});

describe('the path from an empty workbook to a file, one primary action at a time', () => {
  it('create the template → fill the parameters (their cells selected) → type the passages → check → export', async () => {
    const { excel, controller, saved } = setUp();
    const step = () => nextStep(controller.runner.getState());
    await controller.template.start();
    expect(step().kind).toBe('createTemplate');

    await controller.template.create();
    expect(step()).toEqual({ kind: 'fillParameters', target: { sheet: 'Paramètres', range: 'B2:B4' } });
    await controller.template.fillParameters();
    expect(excel.model.selection).toEqual({ sheet: 'Paramètres', address: 'Paramètres!B2:B4' });
    expect(step()).toMatchObject({ kind: 'enterPassages', target: { sheet: 'Passages', range: 'A2' } });

    fillParameters(excel.model);
    await controller.template.enterPassages();
    expect(excel.model.selection).toEqual({ sheet: 'Passages', address: 'Passages!A2' });
    expect(step().kind).toBe('check');

    fillPassages(excel.model, 3, (i, v) => i === 1 && (v['8.7'] = 'juillet'), NOW);
    await controller.checks.check();
    expect(step()).toEqual({ kind: 'check', errors: 1 });
    expect(headlineOf(controller.runner.getState().check!)).toMatchObject({
      verdict: 'blocked',
      blocking: 1,
    });

    fillPassages(excel.model, 3, undefined, NOW);
    await controller.checks.check();
    expect(step().kind).toBe('export');
    expect(headlineOf(controller.runner.getState().check!).verdict).toBe('ready');

    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(step().kind).toBe('deposit');
  });

  it('a template opened without passages goes to its empty parameters, as found in the workbook', async () => {
    const { excel, controller } = setUp();
    await controller.template.create();
    excel.model.requireSheet('Paramètres').setValue(1, 1, 'AB123CDE');
    const reopened = new AddinControllers(controller.runner.services);
    await reopened.template.start();
    expect(nextStep(reopened.runner.getState())).toEqual({
      kind: 'fillParameters',
      target: { sheet: 'Paramètres', range: 'B3:B4' },
    });
  });

  it('an action of the pane ends by showing its result (the focus goes there)', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel);
    const before = controller.runner.getState().resultVersion ?? 0;
    await controller.checks.check();
    expect(controller.runner.getState().resultVersion).toBe(before + 1);
  });
});

describe('the verdict is about the workbook, never about the last export', () => {
  it('after exporting the rows not sent yet, the totals are still the whole workbook’s', async () => {
    const { excel, controller, saved } = setUp();
    await filledTemplate(controller, excel);
    await controller.exports.exportXml();
    fillPassages(excel.model, 5, undefined, NOW);
    controller.exports.setSettings({ mode: 'notSent' });
    await controller.exports.exportXml();
    expect(saved).toHaveLength(2);
    expect(saved[1].xml.match(/<cpf:passageCertification>/g)).toHaveLength(2);
    // The export's own check covered its 2 rows; the pane shows the workbook's 5.
    expect(controller.runner.getState().check?.summary.passages).toBe(5);
  });
});

describe('Générer les identifiants', () => {
  it('checks again once the identifiers are written, so the verdict stays true', async () => {
    const { excel, controller } = setUp();
    await filledTemplate(controller, excel, (i, v) => i === 2 && (v['5.1'] = ''));
    await controller.checks.check();
    expect(controller.runner.getState().issues[0].fix).toEqual({ kind: 'command', command: 'generateIds' });
    await controller.roundTrip.generateIds();
    await controller.runner.confirm();
    expect(controller.runner.getState().check?.summary.errors).toBe(0);
    expect(controller.runner.getState().notice?.text).toMatch(/1 identifiant technique écrit/);
  });
});
