import {
  buildTemplateLayout,
  columnIndex,
  columnLetter,
  type TemplateLayout,
} from '../../src/core/template/layout';
import { FakeExcel, type WorkbookModel } from '../../src/fake-excel';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { addNote, cellSnapshot, formatCells, renameSheet, typeCell } from '../../src/fake-excel/user';
import { createTemplate } from '../../src/office/create-template';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { DICTIONARY } from '../support/dictionary';
import { templateSpecOfLayout } from '../../src/core/template/template-spec';

const layout = buildTemplateLayout(DICTIONARY);
const NOW = new Date('2026-03-02T09:30:00Z');

/** The first add-in templates: no round-trip columns, no Historique, the schema version alone. */
const FIRST_LAYOUT: TemplateLayout = {
  ...layout,
  templateVersion: 1,
  passages: { ...layout.passages, trackingColumns: [] },
};

async function olderTemplate(excel: FakeExcel): Promise<void> {
  await createTemplate(excel.excelRun, templateSpecOfLayout(FIRST_LAYOUT, DICTIONARY), { notes: true });
  const model = excel.model;
  model.sheets.splice(model.sheets.indexOf(model.requireSheet('Historique')), 1);
  typeCell(model, 'Paramètres', 'A6', 'Version du schéma CDC');
  typeCell(model, 'Paramètres', 'B6', '1.1.2');
  fillParameters(model);
  fillPassages(model, 3, (i, v) => i === 2 && (v['8.1'] = 'Lefèvre'), NOW);
}

function setUp() {
  const excel = new FakeExcel();
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
  return { excel, port, model: excel.model };
}

/** Every value of every sheet, by sheet name and A1-like "row:col" key. */
function allValues(model: WorkbookModel): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const sheet of model.sheets) {
    const cells: Record<string, unknown> = {};
    const used = sheet.usedRect();
    if (used)
      for (let r = used.top; r <= used.bottom; r++)
        for (let c = used.left; c <= used.right; c++) {
          const v = sheet.value(r, c);
          if (v !== undefined) cells[`${r}:${c}`] = v;
        }
    out[sheet.name] = cells;
  }
  return out;
}

describe('template version', () => {
  it('a new template records its version and needs no upgrade', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    expect(model.requireSheet('Paramètres').value(5, 1)).toBe('modèle 2 – XSD 1.1.2');
    const inspection = await port.inspectTemplate();
    expect(inspection).toMatchObject({ template: true, hasData: false, plan: { status: 'current' } });
    expect(await port.upgradeTemplate()).toEqual({ status: 'current' });
  });

  it('a workbook without the template is told apart from an older template', async () => {
    const { port } = setUp();
    expect(await port.inspectTemplate()).toEqual({ template: false });
    expect(await port.upgradeTemplate()).toEqual({ status: 'noTemplate' });
  });
});

describe('upgrading an older template in place', () => {
  it('adds the round-trip columns to the table, the Historique sheet and the version', async () => {
    const { excel, port, model } = setUp();
    await olderTemplate(excel);
    const inspection = await port.inspectTemplate();
    expect(inspection).toMatchObject({ template: true, hasData: true, plan: { status: 'upgrade' } });

    const outcome = await port.upgradeTemplate();
    expect(outcome.status).toBe('upgraded');
    const table = model.table('TablePassages');
    const sheet = model.requireSheet('Passages');
    const headers = [];
    for (let c = table!.rect.left; c <= table!.rect.right; c++) headers.push(sheet.value(0, c));
    expect(headers).toEqual([
      ...layout.passages.columns.map((c) => c.header),
      ...layout.passages.trackingColumns.map((c) => c.header),
    ]);
    expect(table!.rect.bottom).toBe(3);
    const statusDate = layout.passages.trackingColumns.find((c) => c.key === 'statusDate')!;
    expect(sheet.format(50, columnIndex(statusDate.column)).numberFormat).toBe(statusDate.numberFormat);
    expect(sheet.notes.get(`${statusDate.column}1`)).toBe(statusDate.note);
    expect(model.sheet('Historique')?.value(0, 0)).toBe('idFlux');
    expect(model.requireSheet('Paramètres').value(5, 1)).toBe('modèle 2 – XSD 1.1.2');
    expect(await port.upgradeTemplate()).toEqual({ status: 'current' });
  });

  it('keeps every value, row, user format and note, and the data reads the same', async () => {
    const { excel, port, model } = setUp();
    await olderTemplate(excel);
    formatCells(model, 'Passages', 'Z3', { fillColor: '#DDEBF7', bold: true });
    addNote(model, 'Passages', 'Z3', 'Nom à confirmer');
    const before = allValues(model);
    // The version row is the template's own, rewritten by the upgrade.
    delete before['Paramètres']['5:0'];
    delete before['Paramètres']['5:1'];
    const look = cellSnapshot(model, 'Passages', 'Z3');
    const data = await port.readWorkbookData();

    await port.upgradeTemplate();

    const after = allValues(model);
    for (const [name, cells] of Object.entries(before))
      expect(after[name]).toEqual(expect.objectContaining(cells));
    expect(cellSnapshot(model, 'Passages', 'Z3')).toEqual(look);
    const reread = await port.readWorkbookData();
    const dictionaryCells = (rows: typeof data.passages.rows) =>
      rows.map((r) => ({ row: r.row, cells: r.cells }));
    expect(dictionaryCells(reread.passages.rows)).toEqual(dictionaryCells(data.passages.rows));
    expect(reread.parameters).toEqual(data.parameters);
  });

  it('adds a missing dictionary column with its drop-down list', async () => {
    const { excel, port, model } = setUp();
    const without = layout.passages.columns
      .filter((c) => c.field !== '5.8')
      .map((c, i) => ({ ...c, column: columnLetter(i) }));
    await createTemplate(
      excel.excelRun,
      templateSpecOfLayout(
        { ...layout, passages: { ...layout.passages, columns: without, trackingColumns: [] } },
        DICTIONARY,
      ),
      { notes: true },
    );
    await port.upgradeTemplate();
    const sheet = model.requireSheet('Passages');
    const table = model.table('TablePassages')!;
    const headers = [];
    for (let c = 0; c <= table.rect.right; c++) headers.push(sheet.value(0, c));
    const at = headers.indexOf(layout.passages.columns.find((c) => c.field === '5.8')!.header);
    expect(at).toBe(without.length);
    const dv = sheet.dataValidationAt(5, at);
    expect(String((dv?.rule.list as { source: string }).source)).toMatch(/^='Listes'!\$[A-Z]+\$2:/);
  });

  it('refuses, changing nothing, when the columns after the table hold data', async () => {
    const { excel, port, model } = setUp();
    await olderTemplate(excel);
    const first = layout.passages.trackingColumns[0].column;
    typeCell(model, 'Passages', `${first}40`, 'mes calculs');
    const before = allValues(model);
    const sheets = model.sheets.map((s) => s.name);
    const outcome = await port.upgradeTemplate();
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && outcome.reasons.join(' ')).toMatch(
      new RegExp(`la colonne ${first} contient déjà des données`),
    );
    expect(allValues(model)).toEqual(before);
    expect(model.sheets.map((s) => s.name)).toEqual(sheets);
  });

  it('refuses a template made by a newer version', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    typeCell(model, 'Paramètres', 'B6', 'modèle 9 – XSD 1.1.2');
    const outcome = await port.upgradeTemplate();
    expect(outcome.status === 'refused' && outcome.reasons[0]).toMatch(/version plus récente/);
  });

  it('refuses a table converted to a range with two columns for one field', async () => {
    const { excel, port, model } = setUp();
    await olderTemplate(excel);
    model.tables.splice(0, model.tables.length);
    typeCell(model, 'Passages', `${columnLetter(layout.passages.columns.length + 2)}1`, 'Nom (8.1)');
    const outcome = await port.upgradeTemplate();
    expect(outcome.status === 'refused' && outcome.reasons[0]).toMatch(/deux colonnes pour la donnée 8\.1/);
  });
});

describe('a renamed « Passages » sheet', () => {
  it('is upgraded where it is: its table gets the new columns, no second Passages sheet', async () => {
    const { excel, port, model } = setUp();
    await olderTemplate(excel);
    renameSheet(model, 'Passages', 'Passages 2025');
    const inspection = await port.inspectTemplate();
    expect(inspection).toMatchObject({ template: true, plan: { status: 'upgrade' } });
    const outcome = await port.upgradeTemplate();
    expect(outcome.status).toBe('upgraded');
    expect(model.sheet('Passages')).toBeUndefined();
    const sheet = model.requireSheet('Passages 2025');
    const headers = Array.from({ length: 60 }, (_, c) => sheet.value(0, c));
    expect(headers).toContain('Statut CDC');
    expect(await port.inspectTemplate()).toMatchObject({ plan: { status: 'current' } });
  });
});
