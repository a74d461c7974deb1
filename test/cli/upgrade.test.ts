import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { upgradeCommand } from '../../src/cli/upgrade-command';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { EXAMPLE_VALID } from '../../src/core/template/examples';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

const layout = buildTemplateLayout(DICTIONARY);

/** A CLI template of version 1: no round-trip columns, no Historique sheet. */
async function olderWorkbook(dir: string, change?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = createTemplateWorkbook(DICTIONARY, EXAMPLE_VALID);
  const passages = workbook.getWorksheet('Passages') as ExcelJS.Worksheet;
  for (const c of layout.passages.trackingColumns) {
    const header = passages.getCell(`${c.column}1`);
    header.value = null;
    header.note = '';
  }
  workbook.removeWorksheet((workbook.getWorksheet('Historique') as ExcelJS.Worksheet).id);
  (workbook.getWorksheet('Paramètres') as ExcelJS.Worksheet).getCell(layout.parameters.versionCell).value =
    'modèle 1 – XSD 1.1.2';
  // The user's own look and note on a data cell.
  const cell = passages.getCell('Z3');
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  cell.note = 'Nom à confirmer';
  change?.(workbook);
  const file = path.join(dir, 'ancien.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('accrochage upgrade', () => {
  it('writes an upgraded copy keeping every value, row and user format, and never touches the input', async () => {
    const dir = tempDir();
    const input = await olderWorkbook(dir);
    const before = readFileSync(input);
    const output = path.join(dir, 'a-jour.xlsx');
    const io = captureIO();
    expect(await upgradeCommand(io, input, { output })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Statut CDC/);
    expect(readFileSync(input).equals(before)).toBe(true);

    const [old, upgraded] = await Promise.all([
      readTemplateWorkbook(input, DICTIONARY),
      readTemplateWorkbook(output, DICTIONARY),
    ]);
    expect(upgraded.passages.rows.map((r) => r.cells)).toEqual(old.passages.rows.map((r) => r.cells));
    expect(upgraded.parameters).toEqual(old.parameters);
    expect(upgraded.digcomp.rows).toEqual(old.digcomp.rows);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const passages = workbook.getWorksheet('Passages') as ExcelJS.Worksheet;
    expect(layout.passages.trackingColumns.map((c) => passages.getCell(`${c.column}1`).value)).toEqual(
      layout.passages.trackingColumns.map((c) => c.header),
    );
    expect(workbook.getWorksheet('Historique')).toBeDefined();
    expect(
      (workbook.getWorksheet('Paramètres') as ExcelJS.Worksheet).getCell(layout.parameters.versionCell).value,
    ).toBe('modèle 2 – XSD 1.1.2');
    expect(passages.getCell('Z3').fill).toMatchObject({ fgColor: { argb: 'FFDDEBF7' } });
    expect(passages.getCell('Z3').note).toBe('Nom à confirmer');

    // Upgrading the copy again finds nothing to do.
    const again = captureIO();
    expect(await upgradeCommand(again, output, { output: path.join(dir, 'encore.xlsx') })).toBe(0);
    expect(again.stdout.join('\n')).toMatch(/déjà la dernière version/);
  });

  it('refuses, writing nothing, when data sits where the new columns would go', async () => {
    const dir = tempDir();
    const first = layout.passages.trackingColumns[0].column;
    const input = await olderWorkbook(dir, (wb) => {
      (wb.getWorksheet('Passages') as ExcelJS.Worksheet).getCell(`${first}5`).value = 'mes calculs';
    });
    const output = path.join(dir, 'a-jour.xlsx');
    const io = captureIO();
    expect(await upgradeCommand(io, input, { output })).toBe(1);
    expect(io.stderr.join('\n')).toMatch(new RegExp(`la colonne ${first} contient déjà des données`));
    expect(existsSync(output)).toBe(false);
  });

  it('refuses a workbook from a newer version, and never writes over the input', async () => {
    const dir = tempDir();
    const input = await olderWorkbook(dir, (wb) => {
      (wb.getWorksheet('Paramètres') as ExcelJS.Worksheet).getCell(layout.parameters.versionCell).value =
        'modèle 7 – XSD 1.1.2';
    });
    const io = captureIO();
    expect(await upgradeCommand(io, input, { output: path.join(dir, 'x.xlsx') })).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/version plus récente/);
    expect(await upgradeCommand(captureIO(), input, { output: input })).toBe(2);
  });
});
