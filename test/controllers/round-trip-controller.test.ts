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

const NOW = new Date('2026-03-02T09:30:00Z');

function setUp(core?: CoreRunner) {
  const excel = new FakeExcel();
  const saved: { fileName: string; xml: string }[] = [];
  const services: AddinServices = {
    dictionary: DICTIONARY,
    workbook: createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true }),
    validateXml,
    saveXml: async (fileName, xml) => {
      saved.push({ fileName, xml });
      return 'downloaded';
    },
    saveFiles: async (files) => {
      saved.push(...files);
      return 'downloaded';
    },
    now: () => NOW,
    core,
  };
  return { excel, saved, controller: new AddinControllers(services) };
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

describe('export → accusé → re-export of the rejected rows', () => {
  it('marks exported rows Envoyé, applies the accusé after confirmation, then exports only the rejected', async () => {
    const { excel, controller, saved } = setUp();
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 4, undefined, NOW);
    await controller.exports.exportXml();
    expect(saved).toHaveLength(1);
    const sent = ids(saved[0].xml);
    const idFlux = /<cpf:idFlux>([^<]+)</.exec(saved[0].xml)?.[1] as string;
    expect(excel.model.requireSheet('Historique').value(1, 0)).toBe(idFlux);

    await controller.roundTrip.importReceipt(
      'accuse.xml',
      new TextEncoder().encode(accuse(sent.slice(1), [sent[0]], idFlux)),
    );
    expect(controller.runner.getState().receipt?.application.counts).toMatchObject({
      accepted: 3,
      rejected: 1,
    });
    expect(controller.runner.getState().confirm?.text).toMatch(/Écrire le statut de 4 lignes/);
    await controller.runner.confirm();
    expect(controller.runner.getState().notice?.intent).toBe('success');

    controller.exports.setSettings({ mode: 'rejected' });
    await controller.exports.exportXml();
    expect(saved).toHaveLength(2);
    expect(ids(saved[1].xml)).toEqual([sent[0]]);
  });

  it('splits an export into files of at most N passages', async () => {
    const { excel, controller, saved } = setUp();
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 5, undefined, NOW);
    controller.exports.setSettings({ mode: 'all', maxPassagesPerFile: 2 });
    await controller.exports.exportXml();
    expect(saved.map((f) => ids(f.xml).length)).toEqual([2, 2, 1]);
  });
});

describe('identifiers', () => {
  it('asks how many cells will be written, then fills only the blank ones', async () => {
    const { excel, controller } = setUp();
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 3, (i, v) => i !== 2 && (v['5.1'] = ''), NOW);
    await controller.roundTrip.generateIds();
    expect(controller.runner.getState().confirm?.text).toMatch(/^2 lignes sans identifiant/);
    await controller.runner.confirm();
    await controller.checks.check();
    expect(controller.runner.getState().issues.filter((i) => i.field === '5.1')).toEqual([]);
  });
});

describe('a confirmed write waiting for the end of a cell entry', () => {
  it('still happens after « Annuler », and the pane says it was written rather than cancelled', async () => {
    const { excel, controller } = setUp();
    await controller.template.create();
    fillParameters(excel.model);
    fillPassages(excel.model, 3, (i, v) => i === 2 && (v['5.1'] = ''), NOW);
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
