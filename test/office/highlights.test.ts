import { columnLetter } from '../../src/core/template/layout';
import type { Issue, Severity } from '../../src/core/model/types';
import { parseRect, FakeExcel, WEB_PAYLOAD_LIMIT_BYTES } from '../../src/fake-excel';
import { fillParameters, fillPassages } from '../support/fake-excel-fixtures';
import { addNote, cellSnapshot, formatCells } from '../../src/fake-excel/user';
import { HIGHLIGHT_STYLE, isHighlightFormula } from '../../src/office/highlights';
import { createExcelWorkbookPort } from '../../src/office/workbook-port';
import { DICTIONARY } from '../support/dictionary';

function issue(cell: string, severity: Severity = 'error', sheet = 'Passages'): Issue {
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
    text: 'Problème',
    message: `Problème en ${cell}`,
  };
}

async function setUp(rows = 20) {
  const excel = new FakeExcel({ platform: 'web' });
  const port = createExcelWorkbookPort({ dictionary: DICTIONARY, run: excel.excelRun, notes: true });
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

describe('selecting a problem cell', () => {
  it('activates its sheet and selects the cell', async () => {
    const { excel, port } = await setUp();
    await port.selectCell('Paramètres', 'B3');
    expect(excel.model.activeSheet?.name).toBe('Paramètres');
    expect(excel.model.selection).toEqual({ sheet: 'Paramètres', address: 'Paramètres!B3' });
  });
});
