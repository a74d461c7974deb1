import { buildTemplateLayout, columnIndex } from '../../src/core/template/layout';
import { FakeExcel } from '../../src/fake-excel';
import { addNote, typeCell } from '../../src/fake-excel/user';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { DICTIONARY } from '../support/dictionary';

const layout = buildTemplateLayout(DICTIONARY);

function setUp(apiVersion = '1.18') {
  const excel = new FakeExcel({ apiVersion });
  const port = createExcelWorkbookPort({
    dictionary: DICTIONARY,
    run: excel.excelRun,
    notes: excel.isSetSupported('ExcelApi', '1.18'),
  });
  return { excel, port, model: excel.model };
}

describe('new template', () => {
  it('creates the template sheets, the Listes sheet hidden, in one round trip after the existence check', async () => {
    const { excel, port, model } = setUp();
    const outcome = await port.createTemplate();
    expect(outcome).toEqual({
      status: 'created',
      created: ['Paramètres', 'Passages', 'DIGCOMP', 'Historique', 'Listes'],
    });
    expect(model.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['Feuil1', 'Visible'],
      ['Paramètres', 'Visible'],
      ['Passages', 'Visible'],
      ['DIGCOMP', 'Visible'],
      ['Historique', 'Visible'],
      ['Listes', 'Hidden'],
    ]);
    expect(excel.stats.syncs).toBe(2);
    expect(model.activeSheet?.name).toBe('Paramètres');
  });

  it('puts one table per data sheet with the layout headers, frozen', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    const table = model.table('TablePassages');
    expect(table?.sheet.name).toBe('Passages');
    const sheet = model.requireSheet('Passages');
    const headers = layout.passages.columns.map((c) => sheet.value(0, columnIndex(c.column)));
    expect(headers).toEqual(layout.passages.columns.map((c) => c.header));
    expect(sheet.frozen.rows).toBe(1);
    expect(model.table('TableDIGCOMP')?.sheet.name).toBe('DIGCOMP');
  });

  it('formats code columns as text and date columns as dates, down to the last row', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    const sheet = model.requireSheet('Passages');
    for (const column of layout.passages.columns) {
      const col = columnIndex(column.column);
      expect(sheet.format(1, col).numberFormat).toBe(column.numberFormat);
      expect(sheet.format(1_048_575, col).numberFormat).toBe(column.numberFormat);
    }
    const param = model.requireSheet('Paramètres');
    expect(param.format(1, 1).numberFormat).toBe('@');
    expect(param.value(5, 1)).toBe(`modèle ${layout.templateVersion} – XSD ${layout.schemaVersion}`);
  });

  it('offers drop-down lists from the French labels on the hidden sheet', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    const sheet = model.requireSheet('Passages');
    const lists = model.requireSheet('Listes');
    for (const column of layout.passages.columns.filter((c) => c.list)) {
      const dv = sheet.dataValidationAt(5, columnIndex(column.column));
      const source = String((dv?.rule.list as { source: string }).source);
      const match = /\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)$/.exec(source);
      expect(match).not.toBeNull();
      const col = columnIndex(match?.[1] ?? 'A');
      const labels = Array.from({ length: Number(match?.[2]) - 1 }, (_, i) => lists.value(i + 1, col));
      expect(labels).toEqual(column.list?.map((v) => v.label));
      expect(dv?.errorAlert?.style).toBe(column.strictList ? 'Stop' : 'Information');
    }
  });

  it('writes header help as notes with ExcelApi 1.18', async () => {
    const { port, model } = setUp('1.18');
    await port.createTemplate();
    const sheet = model.requireSheet('Passages');
    expect(sheet.notes.get('A1')).toBe(layout.passages.columns[0].note);
    expect(model.requireSheet('Paramètres').notes.get('A2')).toBe(layout.parameters.cells[0].note);
  });

  it('puts each note on its own sheet while another sheet is active (issue 15: notes through Range)', async () => {
    const { port, model } = setUp('1.18');
    // The user is on Feuil1: bare addresses would not say which sheet a note is for (fake: refused).
    expect(model.activeSheet?.name).toBe('Feuil1');
    await port.createTemplate();
    const noted = Object.fromEntries(model.sheets.map((s) => [s.name, [...s.notes.keys()].sort()]));
    expect(noted['Feuil1']).toEqual([]);
    const passageColumns = [...layout.passages.columns, ...layout.passages.trackingColumns];
    expect(noted['Passages']).toEqual(passageColumns.map((c) => `${c.column}1`).sort());
    expect(noted['Paramètres']).toEqual(layout.parameters.cells.map((c) => c.labelCell).sort());
    expect(noted['DIGCOMP']).toHaveLength(layout.digcomp.columns.length);
  });

  it('falls back to input messages before ExcelApi 1.18, within Excel limits', async () => {
    const { port, model } = setUp('1.9');
    await port.createTemplate();
    const sheet = model.requireSheet('Passages');
    expect(sheet.notes.size).toBe(0);
    for (const column of layout.passages.columns) {
      const prompt = sheet.dataValidationAt(10, columnIndex(column.column))?.prompt;
      expect(prompt?.showPrompt).toBe(true);
      expect(prompt?.message.length).toBeLessThanOrEqual(255);
      expect(prompt?.message.slice(0, 20)).toBe(column.note.slice(0, 20));
    }
  });

  it('adds rules for empty mandatory cells and simple maximum lengths', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    const formulas = model.requireSheet('Passages').conditionalFormats.map((cf) => cf.formula);
    expect(formulas).toContain('=AND(COUNTA($A2:$AQ2)>0,LEN(TRIM(A2))=0)');
    expect(formulas).toContain('=LEN(TRIM(A2))>255');
  });

  it('shows the template’s live rules while typing, as the CLI template does (codes too short, bloc 9 rows)', async () => {
    const { port, model } = setUp();
    await port.createTemplate();
    const formulas = model.requireSheet('Passages').conditionalFormats.map((cf) => cf.formula);
    const at = (id: string) => layout.passages.columns.find((c) => c.field === id)?.column ?? '';
    // A code of fixed length typed too short (the add-in used to check maximum lengths only).
    expect(formulas).toContain(`=AND(LEN(${at('8.13')}2)>0,LEN(TRIM(${at('8.13')}2))<>3)`);
    // An empty "Nom de naissance" is flagged only on rows that use no bloc 9 field.
    const dossier = ['9.1', '9.2', '9.3'].map((id) => `LEN(TRIM($${at(id)}2))>0`).join(',');
    expect(formulas).toContain(`=AND(COUNTA($A2:$AQ2)>0,NOT(OR(${dossier})),LEN(TRIM(${at('8.1')}2))=0)`);
  });
});

describe('never overwriting a user sheet', () => {
  it('reports existing template sheets and changes nothing', async () => {
    const { excel, port, model } = setUp();
    model.addSheet('Passages');
    typeCell(model, 'Passages', 'A1', 'mes données');
    addNote(model, 'Passages', 'A1', 'ma note');
    const outcome = await port.createTemplate();
    expect(outcome).toEqual({
      status: 'exists',
      existing: ['Passages'],
      missing: ['Paramètres', 'DIGCOMP', 'Historique', 'Listes'],
    });
    expect(model.sheets.map((s) => s.name)).toEqual(['Feuil1', 'Passages']);
    expect(excel.stats.syncs).toBe(1);
  });

  it('adds only what is missing when asked, leaving the existing sheet as it was', async () => {
    const { port, model } = setUp();
    model.addSheet('Passages');
    typeCell(model, 'Passages', 'A1', 'mes données');
    const outcome = await port.createTemplate({ addMissing: true });
    expect(outcome).toEqual({
      status: 'created',
      created: ['Paramètres', 'DIGCOMP', 'Historique', 'Listes'],
    });
    const passages = model.requireSheet('Passages');
    expect(passages.value(0, 0)).toBe('mes données');
    expect(passages.conditionalFormats).toHaveLength(0);
    expect(model.table('TablePassages')).toBeUndefined();
  });
});
