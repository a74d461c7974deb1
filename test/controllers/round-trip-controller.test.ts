import { validateXml } from '../../src/workers/node/validate-xml';
import { FakeExcel } from '../../src/fake-excel';
import { endCellEdit, startCellEdit } from '../../src/fake-excel/user';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { AddinControllers, type AddinServices } from '../../src/controllers/addin-controller';
import { inProcessCoreRunner, type CoreRunner } from '../../src/workers/core-runner';
import { DICTIONARY } from '../support/dictionary';
import { passageColumn } from '../support/workbook';
import { columnIndex } from '../../src/core/template/layout';
import { nextStep } from '../../src/controllers/next-step';
import { COPY_MAX_BYTES, exportSettingsOf } from '../../src/controllers/export-controller';
import { headlineOf } from '../../src/controllers/headline';
import type { CheckResult } from '../../src/core/check/check';

const NOW = new Date('2026-03-02T09:30:00Z');

function setUp(core?: CoreRunner, extra: Partial<AddinServices> = {}) {
  const excel = new FakeExcel();
  const saved: { fileName: string; xml: string }[] = [];
  const services: AddinServices = {
    dictionary: DICTIONARY,
    workbook: createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true }),
    validateXml,
    saveXml: async (fileName, content) => {
      saved.push({ fileName, xml: await content.text() });
      return 'downloaded';
    },
    now: () => NOW,
    core,
    ...extra,
  };
  return { excel, saved, services, controller: new AddinControllers(services) };
}

/** A pane on the template with its parameters and `rows` passages (`edit` changes a row's values). */
async function filledWorkbook(rows: number, edit?: Parameters<typeof fillPassages>[2]) {
  const pane = setUp();
  await pane.controller.template.create();
  fillParameters(pane.excel.model);
  fillPassages(pane.excel.model, rows, edit, NOW);
  return pane;
}

const ids = (xml: string) => [...xml.matchAll(/<cpf:idTechnique>([^<]+)</g)].map((m) => m[1]);

function accuse(ok: readonly string[], ko: readonly string[], idFlux: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rapport><nomFichier>f.xml</nomFichier><idFlux>${idFlux}</idFlux><idTraitement>T1</idTraitement>
<PassagesKO>${ko.map((id) => `<passage><idTechnique>${id}</idTechnique><messageErreur>Aucun titulaire ne correspond aux critères obligatoires</messageErreur></passage>`).join('')}</PassagesKO>
<PassagesOK>${ok.map((id) => `<idTechnique>${id}</idTechnique>`).join('')}</PassagesOK></rapport>`;
}

describe('cancel', () => {
  it('a check cancelled while it runs leaves no highlight', async () => {
    let release: () => void = () => undefined;
    const inner = inProcessCoreRunner(validateXml, DICTIONARY);
    const slow: CoreRunner = {
      ...inner,
      check: (data, options, signal, progress) =>
        new Promise((resolve, reject) => {
          progress({ stage: 'checking' });
          release = () => inner.check(data, options, signal, progress).then(resolve, reject);
        }),
    };
    const { excel, controller } = setUp(slow);
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 3, (i, v) => i === 2 && (v['8.1'] = ''), NOW);
    const running = controller.checks.check();
    for (let i = 0; i < 500 && !controller.runner.getState().busy?.label.startsWith('Vérification'); i++)
      await new Promise((r) => setTimeout(r, 2));
    controller.runner.cancel();
    release();
    await running;
    expect(controller.runner.getState().notice?.text).toBe('Opération annulée.');
    const marks = excel.model
      .requireSheet('Passages')
      .conditionalFormats.filter((cf) => cf.formula.includes('accrochage-cdc'));
    expect(marks).toHaveLength(0);
    expect(excel.model.displayedFill('Passages', 2, 25)).toBeNull();
  });
});

describe('export → deposit → accusé → fix → re-export of the rejected rows (issue 13)', () => {
  const statusOf = (excel: FakeExcel, row: number) => {
    const sheet = excel.model.requireSheet('Passages');
    const header = Array.from({ length: 80 }, (_, c) => sheet.value(0, c));
    return {
      status: sheet.value(row - 1, header.indexOf('Statut CDC')),
      message: sheet.value(row - 1, header.indexOf('Message CDC')) ?? null,
      lastRejection: sheet.value(row - 1, header.indexOf('Dernier rejet')) ?? null,
    };
  };

  it('says only what is known at each step, shows rejections in place, and re-sends only the corrected rows', async () => {
    const { excel, controller, saved } = await filledWorkbook(4);
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    const sent = ids(saved[0].xml);
    const idFlux = /<cpf:idFlux>([^<]+)</.exec(saved[0].xml)?.[1] as string;
    expect(excel.model.requireSheet('Historique').value(1, 0)).toBe(idFlux);
    // Exported is not deposited: the pane says what to do next, and the next export takes the new rows only.
    expect(statusOf(excel, 2).status).toBe('Exporté — à déposer');
    expect(nextStep(controller.runner.getState()).kind).toBe('deposit');
    expect(controller.runner.getState().exportSettings?.mode).toBe('notSent');
    await controller.roundTrip.confirmDeposit();
    expect([2, 3, 4, 5].map((r) => statusOf(excel, r).status)).toEqual(Array(4).fill('Déposé'));
    expect(nextStep(controller.runner.getState()).kind).toBe('importReceipt');

    // The accusé: two rejected. The question counts the rows that change; then each rejection is marked and listed.
    await controller.roundTrip.importReceipt(
      'accuse.xml',
      new TextEncoder().encode(accuse(sent.slice(2), sent.slice(0, 2), idFlux)),
    );
    expect(controller.runner.getState().receipt?.application.counts).toMatchObject({
      accepted: 2,
      rejected: 2,
    });
    expect(controller.runner.getState().confirm?.text).toMatch(/Écrire le nouveau statut de 4 lignes/);
    await controller.runner.confirm();
    const state = controller.runner.getState();
    expect(headlineOf(state.check as CheckResult)).toMatchObject({ verdict: 'blocked', rejected: 2 });
    expect(nextStep(state).kind).toBe('fixRejected');
    const rejections = state.issues.filter((i) => i.code === 'rejectedByCdc');
    expect([...new Set(rejections.map((i) => i.row))]).toEqual([2, 3]);
    expect(state.issues.filter((i) => i.code === 'unchangedSinceRejection')).toHaveLength(2);
    const marks = excel.model
      .requireSheet('Passages')
      .conditionalFormats.filter((cf) => cf.formula.includes('accrochage-cdc:rejet-cdc'));
    expect(marks.length).toBeGreaterThan(0);

    // Re-exported without fixing: nothing sent, said, and offered only on confirmation.
    controller.exports.setSettings({ mode: 'rejected' });
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(controller.runner.getState().notice?.text).toMatch(
      /Rien n’a été exporté : les 2 passages rejetés n’ont pas changé/,
    );
    expect(controller.runner.getState().confirm?.confirmLabel).toBe('Les renvoyer quand même');
    controller.runner.dismissConfirm();

    // One row fixed: only that one goes out; the CDC's message stays readable in « Dernier rejet ».
    const sheet = excel.model.requireSheet('Passages');
    sheet.setValue(1, columnIndex(passageColumn('8.3')), 'Jeanne-Marie');
    await controller.exports.exportXml();
    expect(saved).toHaveLength(2);
    expect(ids(saved[1].xml)).toEqual([sent[0]]);
    expect(controller.runner.getState().notice?.text).toMatch(
      /1 ligne rejetée par la CDC a été laissée de côté/,
    );
    expect(statusOf(excel, 2)).toEqual({
      status: 'Exporté — à déposer',
      message: null,
      lastRejection: 'Aucun titulaire ne correspond aux critères obligatoires',
    });
    expect(statusOf(excel, 3).status).toBe('Rejeté');
  });

  it('an accusé of another send changes nothing and asks before applying it by idTechnique', async () => {
    const { excel, controller, saved } = await filledWorkbook(2);
    await controller.exports.exportXml();
    const sent = ids(saved[0].xml);
    await controller.roundTrip.importReceipt(
      'autre.xml',
      new TextEncoder().encode(accuse([], sent, 'flux-d-un-autre-classeur')),
    );
    const state = controller.runner.getState();
    expect(state.notice?.text).toMatch(
      /qui n’est pas dans la feuille Historique de ce classeur.*Rien n’a été modifié/,
    );
    expect(state.notice?.text).not.toMatch(/renvoyées/);
    expect(state.confirm?.confirmLabel).toBe('Appliquer quand même');
    expect(statusOf(excel, 2).status).toBe('Exporté — à déposer');
    await controller.runner.confirm();
    expect(controller.runner.getState().confirm?.text).toMatch(/Écrire le nouveau statut de 2 lignes/);
    await controller.runner.confirm();
    expect(statusOf(excel, 2).status).toBe('Rejeté');
  });

  it('an accusé about none of the passages asks nothing', async () => {
    const { excel, controller, saved } = await filledWorkbook(2);
    await controller.exports.exportXml();
    const idFlux = /<cpf:idFlux>([^<]+)</.exec(saved[0].xml)?.[1] as string;
    await controller.roundTrip.importReceipt(
      'a.xml',
      new TextEncoder().encode(accuse(['PERSONNE'], [], idFlux)),
    );
    const state = controller.runner.getState();
    expect(state.confirm).toBeUndefined();
    expect(state.notice?.text).toMatch(/^Cet accusé ne concerne aucun passage de ce classeur/);
    expect(excel.model.requireSheet('Historique').value(1, 5) ?? null).toBeNull();
  });

  it('a split export offers one button per file instead of firing several downloads', async () => {
    const { controller, saved } = await filledWorkbook(5);
    controller.exports.setSettings({ mode: 'all', maxPassagesPerFile: 2 });
    await controller.exports.exportXml();
    expect(saved).toHaveLength(0);
    const files = controller.runner.getState().filesToSave;
    expect(files?.how).toBe('download');
    for (const file of files?.files ?? []) await controller.exports.saveFile(file.fileName);
    expect(saved.map((f) => ids(f.xml).length)).toEqual([2, 2, 1]);
    expect(controller.runner.getState().filesToSave?.saved).toHaveLength(3);
  });

  it('on Mac, every part of a split export gets its own copy panel', async () => {
    const { excel, controller, saved } = setUp(undefined, { savesByCopy: true });
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 5, undefined, NOW);
    controller.exports.setSettings({ mode: 'all', maxPassagesPerFile: 2 });
    await controller.exports.exportXml();
    expect(saved).toHaveLength(0);
    const files = controller.runner.getState().filesToSave;
    expect(files?.how).toBe('copy');
    expect(files?.files.map((f) => ids(f.text ?? '').length)).toEqual([2, 2, 1]);
    expect(controller.runner.getState().notice?.text).toMatch(/3 fichiers/);
  });
});

describe('a file too large to copy by hand (Excel for Mac)', () => {
  it('is neither shown nor recorded; the pane gives a number of passages per file, which then works', async () => {
    // No XSD step (it is not what this test is about): 3 500 passages make a file over 5 MB.
    const { excel, controller } = setUp(inProcessCoreRunner(undefined, DICTIONARY), { savesByCopy: true });
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 3500, undefined, NOW);
    await controller.exports.exportXml();
    const refused = controller.runner.getState();
    expect(refused.filesToSave).toBeUndefined();
    expect(refused.exported).toBeUndefined();
    const advice = /Indiquez ([\d\s\u202f]+) dans « Passages par fichier »/.exec(refused.notice?.text ?? '');
    expect(refused.notice?.text).toMatch(
      /trop gros pour être copié à la main .*aucune ligne n’a été marquée/,
    );
    expect(excel.model.sheet('Historique')?.usedRect()?.bottom ?? 0).toBe(0);
    const perFile = Number(advice?.[1].replace(/\D/g, ''));
    expect(perFile).toBeGreaterThan(1000);

    controller.exports.setSettings({ mode: 'all', maxPassagesPerFile: perFile });
    await controller.exports.exportXml();
    const files = controller.runner.getState().filesToSave;
    expect(files?.how).toBe('copy');
    expect(files?.files.length).toBe(Math.ceil(3500 / perFile));
    for (const file of files?.files ?? []) {
      expect(file.content.size).toBeLessThanOrEqual(COPY_MAX_BYTES);
      expect(new TextEncoder().encode(file.text).byteLength).toBe(file.content.size);
    }
    expect(excel.model.sheet('Historique')?.usedRect()?.bottom).toBe(files?.files.length);
  });
});

describe('identifiers', () => {
  it('asks how many cells will be written, then fills only the blank ones', async () => {
    const { controller } = await filledWorkbook(3, (i, v) => i !== 2 && (v['5.1'] = ''));
    await controller.roundTrip.generateIds();
    expect(controller.runner.getState().confirm?.text).toMatch(/^2 lignes sans identifiant/);
    await controller.runner.confirm();
    await controller.checks.check();
    expect(controller.runner.getState().issues.filter((i) => i.field === '5.1')).toEqual([]);
  });
});

describe('a confirmed write waiting for the end of a cell entry', () => {
  it('still happens after « Annuler », and the pane says it was written rather than cancelled', async () => {
    const { excel, controller } = await filledWorkbook(3, (i, v) => i === 2 && (v['5.1'] = ''));
    await controller.roundTrip.generateIds();
    expect(controller.runner.getState().confirm).toBeDefined();
    startCellEdit(excel.model);
    const writing = controller.runner.confirm();
    await new Promise((r) => setTimeout(r, 20));
    controller.runner.cancel();
    endCellEdit(excel.model);
    await writing;
    expect(controller.runner.getState().notice).toMatchObject({ intent: 'success' });
    expect(controller.runner.getState().notice?.text).toMatch(/1 identifiant/);
    const idCell = excel.model.requireSheet('Passages').value(2, columnIndex(passageColumn('5.1')));
    expect(idCell).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a workbook reopened after an export: the next step follows its own statuses (issue 13, follow-up)', () => {
  /** Index of a header in the first row of a sheet of the fake. */
  const column = (excel: FakeExcel, sheetName: string, header: string): number => {
    const sheet = excel.model.requireSheet(sheetName);
    const index = Array.from({ length: 80 }, (_, c) => sheet.value(0, c)).indexOf(header);
    if (index < 0) throw new Error(`No column ${header} in ${sheetName}`);
    return index;
  };
  const statusAt = (excel: FakeExcel, row: number) =>
    excel.model.requireSheet('Passages').value(row - 1, column(excel, 'Passages', 'Statut CDC'));
  /** Rows as an earlier session (or version) left them: status, idFlux, and a history line per file. */
  const markRows = (excel: FakeExcel, rows: readonly number[], status: string, idFlux: string) => {
    const sheet = excel.model.requireSheet('Passages');
    for (const row of rows) {
      sheet.setValue(row - 1, column(excel, 'Passages', 'Statut CDC'), status);
      sheet.setValue(row - 1, column(excel, 'Passages', 'idFlux d’envoi'), idFlux);
    }
  };
  const addHistory = (excel: FakeExcel, line: number, idFlux: string, fileName: string, passages: number) => {
    const sheet = excel.model.requireSheet('Historique');
    sheet.setValue(line, column(excel, 'Historique', 'idFlux'), idFlux);
    sheet.setValue(line, column(excel, 'Historique', 'Fichier'), fileName);
    sheet.setValue(line, column(excel, 'Historique', 'Passages'), passages);
    sheet.setValue(line, column(excel, 'Historique', 'Mode'), 'tous');
  };
  /** Excel closed and reopened: a new pane (fresh controllers) on the same workbook. */
  const reopen = (services: AddinServices) => new AddinControllers(services);

  it('rows « Exporté — à déposer » from a closed session: deposit step naming the file, no second send', async () => {
    const { excel, saved, services, controller: first } = await filledWorkbook(4);
    await first.exports.exportXml();
    expect(saved).toHaveLength(1);
    const idFlux = /<cpf:idFlux>([^<]+)</.exec(saved[0].xml)?.[1] as string;

    // The next day: a new pane on the same workbook knows nothing of the export but what the cells say.
    const pane = reopen(services);
    // Opening the pane on a workbook with data checks it (TemplateController.start).
    await pane.template.start();
    const state = pane.runner.getState();
    expect(nextStep(state)).toEqual({
      kind: 'deposit',
      toDeposit: [{ idFlux, fileName: saved[0].fileName, rows: 4 }],
    });
    expect(exportSettingsOf(state).mode).toBe('notSent');
    // « Exporter » (secondary) sends no row twice: nothing is left to send.
    await pane.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(statusAt(excel, 2)).toBe('Exporté — à déposer');

    await pane.roundTrip.confirmDeposit();
    expect([2, 3, 4, 5].map((r) => statusAt(excel, r))).toEqual(Array(4).fill('Déposé'));
    expect(nextStep(pane.runner.getState()).kind).toBe('importReceipt');
    // And again once reopened: the accusé is what is awaited.
    const later = reopen(services);
    await later.template.start();
    expect(nextStep(later.runner.getState()).kind).toBe('importReceipt');
    expect(exportSettingsOf(later.runner.getState()).mode).toBe('notSent');
  });

  it('legacy « Envoyé » rows and a new export: two files named, only the ticked one becomes « Déposé »', async () => {
    const { excel, controller, saved } = await filledWorkbook(3);
    // Rows 2–3 sent by an earlier version (« Envoyé »), row 4 never sent.
    markRows(excel, [2, 3], 'Envoyé', 'FLUX-ANCIEN');
    addHistory(excel, 1, 'FLUX-ANCIEN', 'ancien-envoi.xml', 2);
    const pane = controller;
    // The workbook as an earlier version left it, opened in this pane.
    await pane.checks.check();
    let state = pane.runner.getState();
    expect(nextStep(state)).toEqual({
      kind: 'deposit',
      toDeposit: [{ idFlux: 'FLUX-ANCIEN', fileName: 'ancien-envoi.xml', rows: 2 }],
    });
    expect(exportSettingsOf(state).mode).toBe('notSent');

    // « Exporter » (secondary): only the row never sent goes out.
    await pane.exports.exportXml();
    expect(saved).toHaveLength(1);
    expect(ids(saved[0].xml)).toHaveLength(1);
    const newFlux = /<cpf:idFlux>([^<]+)</.exec(saved[0].xml)?.[1] as string;
    state = pane.runner.getState();
    expect(nextStep(state).toDeposit).toEqual([
      { idFlux: 'FLUX-ANCIEN', fileName: 'ancien-envoi.xml', rows: 2 },
      { idFlux: newFlux, fileName: saved[0].fileName, rows: 1 },
    ]);

    // The old file only: its rows, never those of the other send.
    await pane.roundTrip.confirmDeposit(['FLUX-ANCIEN']);
    expect([2, 3, 4].map((r) => statusAt(excel, r))).toEqual(['Déposé', 'Déposé', 'Exporté — à déposer']);
    expect(nextStep(pane.runner.getState()).toDeposit).toEqual([
      { idFlux: newFlux, fileName: saved[0].fileName, rows: 1 },
    ]);
  });

  it('rows « Déposé »: « Exporter » while rows were never sent, then the accusé once nothing else is left', async () => {
    const { excel, controller } = await filledWorkbook(3);
    markRows(excel, [2, 3], 'Déposé', 'FLUX-1');
    addHistory(excel, 1, 'FLUX-1', 'envoi-1.xml', 2);
    await controller.checks.check();
    expect(nextStep(controller.runner.getState()).kind).toBe('export');
    expect(exportSettingsOf(controller.runner.getState()).mode).toBe('notSent');
    markRows(excel, [4], 'Accepté', 'FLUX-0');
    await controller.checks.check();
    expect(nextStep(controller.runner.getState()).kind).toBe('importReceipt');
  });

  it('errors still come first, the file to deposit stays offered', async () => {
    const { excel, controller } = await filledWorkbook(3, (i, v) => i === 2 && (v['8.1'] = ''));
    markRows(excel, [2, 3], 'Exporté — à déposer', 'FLUX-1');
    addHistory(excel, 1, 'FLUX-1', 'envoi-1.xml', 2);
    await controller.checks.check();
    const step = nextStep(controller.runner.getState());
    expect(step.kind).toBe('check');
    expect(step.toDeposit).toEqual([{ idFlux: 'FLUX-1', fileName: 'envoi-1.xml', rows: 2 }]);
  });

  it('a workbook never sent exports all its rows by default', async () => {
    const { controller } = await filledWorkbook(2);
    await controller.checks.check();
    expect(exportSettingsOf(controller.runner.getState()).mode).toBe('all');
    expect(nextStep(controller.runner.getState()).kind).toBe('export');
  });
});
