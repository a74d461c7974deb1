import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core/check/check';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { REPO_ROOT, tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

/** The workbooks of docs/recette-excel.md (`npm run recette`), built from dist/ like the bundled examples. */

describe('recette workbooks', () => {
  const folder = tempDir('accrochage-recette-');
  const run = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/make-recette-workbooks.js'), '40', folder],
    {
      encoding: 'utf8',
    },
  );

  it('writes a valid template of N fictitious passages, each a different person', async () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const data = await readTemplateWorkbook(path.join(folder, 'recette-40-passages.xlsx'), DICTIONARY);
    expect(data.passages.rows).toHaveLength(40);
    const result = checkWorkbook(data, { dictionary: DICTIONARY });
    expect(result.summary).toMatchObject({ passages: 40, errors: 0, warnings: 0 });
  });

  it('writes the « Source » sheet of step 5 as text, exactly as the recette lists it', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(folder, 'recette-texte.xlsx'));
    const source = workbook.getWorksheet('Source');
    const column = (c: number) => Array.from({ length: 9 }, (_, r) => source?.getCell(r + 1, c).value);
    expect(column(1)).toEqual([
      'Nom de naissance',
      '=1+1',
      '-Dupont',
      '+33 6 12',
      '@Martin',
      'VRAI',
      '10%',
      '3,5',
      "'Durand",
    ]);
    expect(column(2).slice(1)).toEqual(Array(8).fill('01004'));
    expect(column(5)).toEqual([
      'Année de naissance',
      '1990',
      '=1+1',
      'VRAI',
      '10%',
      '3,5',
      '01/13/2024',
      '2024-02-01',
      '@Martin',
    ]);
    expect(source?.getCell('A2').numFmt).toBe('@');
    expect(workbook.getWorksheet('Passages')).toBeDefined();
  });
});
