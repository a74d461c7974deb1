import { columnLetter } from '../../src/core/template/layout';
import { TEMPLATE_COLORS } from '../../src/core/template/template-spec';
import type { Issue, Severity } from '../../src/core/model/types';
import { parseRect, FakeExcel, WEB_PAYLOAD_LIMIT_BYTES, type FakeExcelOptions } from '../../src/fake-excel';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { addNote, cellSnapshot, formatCells, protectSheet } from '../../src/fake-excel/user';
import { HIGHLIGHT_STYLE, isHighlightFormula } from '../../src/office/highlights';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { DICTIONARY } from '../support/dictionary';
import { passageColumn } from '../support/workbook';

function issue(cell: string, severity: Severity = 'error', sheet = 'Passages', text = 'Problème'): Issue {
  const row = parseRect(cell).top + 1;
  return {
    sheet,
    cell,
    row,
    field: '',
    tag: '',
    severity,
    code: 'required',
    location: cell,
    text,
    message: `Problème en ${cell}`,
  };
}

async function setUp(rows = 20, options: FakeExcelOptions = {}) {
  const excel = new FakeExcel({ platform: 'web', ...options });
  const notes = excel.isSetSupported('ExcelApi', '1.18');
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes });
  await port.createTemplate();
  fillParameters(excel.model);
  fillPassages(excel.model, rows);
  excel.stats.reset();
  return { excel, port, model: excel.model };
}

function displayed(excel: FakeExcel, sheet: string, cell: string): string | null {
  const rect = parseRect(cell);
  return excel.model.displayedFill(sheet, rect.top, rect.left);
}

function ourRules(excel: FakeExcel, sheet = 'Passages') {
  return excel.model.requireSheet(sheet).conditionalFormats.filter((cf) => isHighlightFormula(cf.formula));
}

describe('highlighting problems', () => {
  it('shows errors and warnings in two colours, the error winning on a shared cell', async () => {
    const { excel, port } = await setUp();
    await port.highlightIssues([
      issue('D3'),
      issue('M4', 'warning'),
      issue('D3', 'warning'),
      issue('B2', 'error', 'Paramètres'),
    ]);
    expect(displayed(excel, 'Passages', 'D3')).toBe(HIGHLIGHT_STYLE.error.fill);
    expect(displayed(excel, 'Passages', 'M4')).toBe(HIGHLIGHT_STYLE.warning.fill);
    expect(displayed(excel, 'Paramètres', 'B2')).toBe(HIGHLIGHT_STYLE.error.fill);
    expect(displayed(excel, 'Passages', 'D5')).toBeNull();
  });

  it('keeps the user’s own fill, font, border, value and note, and restores their look on clear', async () => {
    const { excel, port, model } = await setUp();
    formatCells(model, 'Passages', 'D3', {
      fillColor: '#00B050',
      fontColor: '#FF0000',
      bold: true,
      borders: { EdgeBottom: { style: 'Double', color: '#0000FF' } },
    });
    addNote(model, 'Passages', 'D3', 'Vérifié avec le service scolarité');
    const before = cellSnapshot(model, 'Passages', 'D3');
    const userRule = model.requireSheet('Passages').conditionalFormats.length;

    await port.highlightIssues([issue('D3')]);
    expect(displayed(excel, 'Passages', 'D3')).toBe(HIGHLIGHT_STYLE.error.fill);
    expect(cellSnapshot(model, 'Passages', 'D3')).toEqual(before);

    await port.clearHighlights();
    expect(cellSnapshot(model, 'Passages', 'D3')).toEqual(before);
    expect(displayed(excel, 'Passages', 'D3')).toBe('#00B050');
    expect(ourRules(excel)).toHaveLength(0);
    // The template's own rules are not ours to delete.
    expect(model.requireSheet('Passages').conditionalFormats).toHaveLength(userRule);
  });

  it('clears stale marks when re-checking after a fix', async () => {
    const { excel, port } = await setUp();
    await port.highlightIssues([issue('D3'), issue('E4', 'warning')]);
    await port.highlightIssues([issue('E4', 'warning')]);
    expect(displayed(excel, 'Passages', 'D3')).toBeNull();
    expect(displayed(excel, 'Passages', 'E4')).toBe(HIGHLIGHT_STYLE.warning.fill);
    await port.highlightIssues([]);
    expect(ourRules(excel)).toHaveLength(0);
  });

  it('marks 10 000 scattered cells in at most 20 syncs, every request under the limits', async () => {
    const { excel, port } = await setUp(5000);
    const issues: Issue[] = [];
    // Every other row in two columns, plus scattered warnings: no long vertical runs to merge.
    for (let i = 0; issues.length < 10_000; i++) {
      const row = 2 + (i % 2500) * 2;
      const col = columnLetter(Math.floor(i / 2500) * 3);
      issues.push(issue(`${col}${row}`, i % 5 === 0 ? 'warning' : 'error'));
    }
    const summary = await port.highlightIssues(issues);
    const { syncs, maxRequestBytes } = excel.stats;
    console.log(
      `highlight 10000 cells: ${syncs} syncs, ${summary.rules} rules, max request ${(maxRequestBytes / 1e3).toFixed(1)} kB`,
    );
    expect(summary.errors + summary.warnings).toBe(10_000);
    expect(syncs).toBeLessThanOrEqual(20);
    expect(maxRequestBytes).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
    for (const probe of issues.slice(0, 200)) {
      expect(displayed(excel, 'Passages', probe.cell)).toBe(HIGHLIGHT_STYLE[probe.severity].fill);
    }
    excel.stats.reset();
    await port.clearHighlights();
    expect(ourRules(excel)).toHaveLength(0);
    console.log(`clear: ${excel.stats.syncs} syncs`);
  });

  it('merges vertical runs of cells into one area', async () => {
    const { excel, port } = await setUp(2000);
    await port.highlightIssues(Array.from({ length: 2000 }, (_, i) => issue(`AB${i + 2}`)));
    const rules = ourRules(excel);
    expect(rules).toHaveLength(1);
    expect(rules[0].areas).toEqual([parseRect('AB2:AB2001')]);
  });
});

describe('regional settings (list separator « ; », office-js #1167, #1985)', () => {
  it('marks cells spread over several areas whichever separator Excel expects, probing it once', async () => {
    for (const listSeparator of [',', ';'] as const) {
      const { excel, port } = await setUp(20, { listSeparator });
      await port.highlightIssues([issue('D3'), issue('D7'), issue('F5', 'warning')]);
      expect([displayed(excel, 'Passages', 'D3'), displayed(excel, 'Passages', 'D7')]).toEqual([
        HIGHLIGHT_STYLE.error.fill,
        HIGHLIGHT_STYLE.error.fill,
      ]);
      expect(displayed(excel, 'Passages', 'F5')).toBe(HIGHLIGHT_STYLE.warning.fill);
      excel.stats.reset();
      await port.highlightIssues([issue('D3'), issue('D9')]);
      const second = excel.stats.syncs;
      excel.stats.reset();
      await port.highlightIssues([issue('D3'), issue('D9')]);
      // The separator is probed once per session: the same highlight costs the same the third time.
      expect(excel.stats.syncs).toBe(second);
    }
  });
});

describe('highlights that do not rely on colour alone (issue 16)', () => {
  /** WCAG 2 contrast ratio of two "#RRGGBB" colours. */
  function contrast(a: string, b: string): number {
    const luminance = (hex: string) => {
      const [r, g, bl] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  it('draws a border of at least 3:1 against white, continuous for errors and dashed for warnings', async () => {
    const { excel, port } = await setUp();
    await port.highlightIssues([issue('D3'), issue('M4', 'warning')]);
    const look = (cell: string) => {
      const rect = parseRect(cell);
      return excel.model.displayedLook('Passages', rect.top, rect.left);
    };
    for (const [cell, style] of [
      ['D3', 'Continuous'],
      ['M4', 'Dash'],
    ] as const) {
      const borders = look(cell).borders;
      expect(Object.keys(borders).sort()).toEqual(['EdgeBottom', 'EdgeLeft', 'EdgeRight', 'EdgeTop']);
      for (const border of Object.values(borders)) {
        expect(border?.style).toBe(style);
        expect(contrast(border?.color ?? '#FFFFFF', '#FFFFFF')).toBeGreaterThanOrEqual(3);
      }
    }
    // Errors are also bold: two signs that do not need colour.
    expect([look('D3').bold, look('M4').bold]).toEqual([true, false]);
    await port.clearHighlights();
    expect(look('D3')).toEqual({ fill: null, bold: false, borders: {} });
  });

  it('marks rows the CDC rejected with their own mark (fill and dash-dot border), removable like the others', async () => {
    const { excel, port } = await setUp();
    const rejection = (cell: string): Issue => ({ ...issue(cell, 'warning'), code: 'rejectedByCdc' });
    const summary = await port.highlightIssues([
      rejection('AF3'),
      issue('M4', 'warning'),
      // The CDC said nothing more precise: the whole row, its message at the row's first cell.
      rejection('A5:E5'),
      // An error of the check on a rejected cell wins: it blocks the file.
      rejection('D3'),
      issue('D3'),
    ]);
    const look = (cell: string) => {
      const rect = parseRect(cell);
      return excel.model.displayedLook('Passages', rect.top, rect.left);
    };
    expect(summary).toMatchObject({ errors: 1, warnings: 1, rejected: 6 });
    for (const cell of ['AF3', 'A5', 'C5', 'E5']) {
      expect(look(cell).fill).toBe(HIGHLIGHT_STYLE.rejected.fill);
      for (const border of Object.values(look(cell).borders)) {
        expect(border?.style).toBe('DashDot');
        expect(contrast(border?.color ?? '#FFFFFF', '#FFFFFF')).toBeGreaterThanOrEqual(3);
      }
    }
    expect(look('F5').fill).toBeNull();
    expect(look('M4').fill).toBe(HIGHLIGHT_STYLE.warning.fill);
    expect(look('D3').fill).toBe(HIGHLIGHT_STYLE.error.fill);
    expect(new Set(Object.values(HIGHLIGHT_STYLE).map((s) => s.borderStyle)).size).toBe(3);
    await port.clearHighlights();
    expect(look('AF3')).toEqual({ fill: null, bold: false, borders: {} });
    expect(look('A5')).toEqual({ fill: null, bold: false, borders: {} });
    expect(ourRules(excel)).toHaveLength(0);
  });

  it('marks an empty parameter over the template’s box and fill, which come back on clear', async () => {
    const excel = new FakeExcel({ platform: 'web' });
    const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
    await port.createTemplate();
    const look = () => excel.model.displayedLook('Paramètres', 1, 1);
    const box = Object.fromEntries(
      ['EdgeBottom', 'EdgeLeft', 'EdgeRight', 'EdgeTop'].map((edge) => [
        edge,
        { style: 'Continuous', color: TEMPLATE_COLORS.parameterBorder },
      ]),
    );
    // The template's own look of an empty parameter (issue 16): boxed, and filled while empty.
    expect(look()).toEqual({ fill: TEMPLATE_COLORS.missingParameter, bold: false, borders: box });

    await port.highlightIssues([issue('B2', 'error', 'Paramètres')]);
    const marked = look();
    expect(marked.fill).toBe(HIGHLIGHT_STYLE.error.fill);
    expect(marked.bold).toBe(true);
    for (const border of Object.values(marked.borders)) {
      expect(border?.style).toBe('Continuous');
      expect(border?.color).not.toBe(TEMPLATE_COLORS.parameterBorder);
    }

    await port.clearHighlights();
    expect(look()).toEqual({ fill: TEMPLATE_COLORS.missingParameter, bold: false, borders: box });
    excel.model.requireSheet('Paramètres').setValue(1, 1, 'AB123CDE');
    expect(look()).toEqual({ fill: null, bold: false, borders: box });
  });

  it('shows the message at the cell in a note (ExcelApi 1.18), never over the user’s note, removed with the mark', async () => {
    const { excel, port, model } = await setUp();
    addNote(model, 'Passages', 'E3', 'Note de la scolarité');
    await port.highlightIssues([
      issue('D3', 'error', 'Passages', 'Saisissez le nom de naissance.'),
      issue('D3', 'warning', 'Passages', 'Vérifiez l’orthographe.'),
      issue('E3', 'error', 'Passages', 'Autre problème.'),
      issue('B2', 'error', 'Paramètres', 'Saisissez le code.'),
    ]);
    const passages = model.requireSheet('Passages');
    expect(passages.notes.get('D3')).toBe(
      'Accrochage CDC – Erreur : Saisissez le nom de naissance.\nAccrochage CDC – Avertissement : Vérifiez l’orthographe.',
    );
    expect(passages.notes.get('E3')).toBe('Note de la scolarité');
    expect(model.requireSheet('Paramètres').notes.get('B2')).toBe(
      'Accrochage CDC – Erreur : Saisissez le code.',
    );
    // A re-check after the fix removes the message with the mark; the user's note stays.
    await port.highlightIssues([issue('E3', 'error', 'Passages', 'Autre problème.')]);
    expect(passages.notes.has('D3')).toBe(false);
    expect(model.requireSheet('Paramètres').notes.has('B2')).toBe(false);
    await port.clearHighlights();
    expect(passages.notes.get('E3')).toBe('Note de la scolarité');
    expect([...passages.notes.keys()].filter((k) => /^[A-Z]+[2-9]$/.test(k))).toEqual(['E3']);
    expect(displayed(excel, 'Passages', 'D3')).toBeNull();
  });

  it('before ExcelApi 1.18, shows it as an input message, never over the user’s validation, removed with the mark', async () => {
    const { port, model } = await setUp(20, { apiVersion: '1.17' });
    const passages = model.requireSheet('Passages');
    const at = (cell: string) => {
      const rect = parseRect(cell);
      return passages.dataValidationAt(rect.top, rect.left);
    };
    const name = passageColumn('8.1');
    // Below the template's rows a cell has no validation; in them, the template's help; the user's own on C3.
    const free = `${name}6000`;
    const helped = `${name}30`;
    const users = `${passageColumn('8.3')}3`;
    passages.replaceDataValidation([parseRect(users)], {
      areas: [parseRect(users)],
      rule: {},
      ignoreBlanks: true,
      prompt: { showPrompt: true, title: 'Prénom', message: 'Voir la fiche' },
    });
    expect(at(free)).toBeUndefined();
    const help = JSON.stringify(at(helped));
    const own = JSON.stringify(at(users));
    await port.highlightIssues([
      issue(free, 'error', 'Passages', 'Saisissez la valeur.'),
      issue(helped, 'warning', 'Passages', 'Vérifiez le nom.'),
      issue(users, 'error', 'Passages', 'Saisissez le prénom.'),
    ]);
    expect(at(free)?.prompt).toEqual({
      showPrompt: true,
      title: 'Accrochage CDC : erreur',
      message: 'Erreur : Saisissez la valeur.',
    });
    expect(at(helped)?.prompt?.message).toBe('Avertissement : Vérifiez le nom.');
    expect(JSON.stringify(at(users))).toBe(own);
    await port.clearHighlights();
    expect(at(free)).toBeUndefined();
    expect(JSON.stringify({ ...at(helped), areas: undefined })).toBe(
      JSON.stringify({ ...JSON.parse(help), areas: undefined }),
    );
    expect(JSON.stringify(at(users))).toBe(own);
  });
});

describe('protected sheets', () => {
  it('checks protection first: a protected sheet is left as it is and reported, the others are marked', async () => {
    const { excel, port, model } = await setUp();
    protectSheet(model, 'Passages');
    const before = JSON.stringify(model.requireSheet('Passages').conditionalFormats);
    const summary = await port.highlightIssues([issue('D3'), issue('B2', 'error', 'Paramètres')]);
    expect(summary.protectedSheets).toEqual(['Passages']);
    expect(JSON.stringify(model.requireSheet('Passages').conditionalFormats)).toBe(before);
    expect(displayed(excel, 'Paramètres', 'B2')).toBe(HIGHLIGHT_STYLE.error.fill);
  });
});

describe('selecting a problem cell', () => {
  it('activates its sheet and selects the cell', async () => {
    const { excel, port } = await setUp();
    await port.selectCell('Paramètres', 'B3');
    expect(excel.model.activeSheet?.name).toBe('Paramètres');
    expect(excel.model.selection).toEqual({ sheet: 'Paramètres', address: 'Paramètres!B3' });
  });
});
