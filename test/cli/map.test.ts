import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { mapCommand } from '../../src/cli/commands-import';
import { checkWorkbook } from '../../src/core/check/check';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { captureIO, tempDir } from '../support/cli';
import { DICTIONARY } from '../support/dictionary';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A workbook as another tool would export it: a title line, then a header row and data. */
async function sourceWorkbook(sheets: Record<string, unknown[][]>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  const file = path.join(tempDir(), 'source.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

const REGISTER = [
  ['Registre des diplômés – session 2026'],
  [],
  [
    'N° candidat',
    'Nom de famille',
    'Prénom',
    'Sexe',
    'Date de naissance',
    'Code INSEE',
    'Code RNCP',
    'Type',
    'Date d’obtention',
    'Obtention',
    'Résultat définitif',
    'Niveau de langue connu',
    'Niveau numérique connu',
    'Mention',
    'Remarque',
  ],
  [
    'C-001',
    'Moreau',
    'Camille',
    'Femme',
    day('1994-03-21'),
    '01004',
    'RNCP37873',
    'RNCP',
    day('2026-10-02'),
    'Par admission',
    'Oui',
    'Non',
    'Non',
    'Bien',
    'RAS',
  ],
  [
    'C-002',
    'Lefèvre',
    'Hugo',
    'H',
    '05/11/1996',
    '69123',
    'RNCP37873',
    'RNCP',
    day('2026-10-02'),
    'admission',
    'oui',
    'non',
    'non',
    'TB',
    null,
  ],
  [
    'C-003',
    'Petit',
    'Inès',
    'F',
    day('2001-01-09'),
    1004,
    'RNCP37873',
    'RNCP',
    day('2026-10-02'),
    'Par admission',
    'Oui',
    'Non',
    'Non',
    'Passable',
    null,
  ],
];

describe('accrochage map', () => {
  it('copies a register with its own column names into the template with the expected conversions', async () => {
    const source = await sourceWorkbook({ Diplômés: REGISTER });
    const before = sha256(source);
    const output = path.join(tempDir(), 'modele.xlsx');
    const io = captureIO();
    const code = await mapCommand(io, source, { output });
    const text = io.stdout.join('\n');
    expect(text).toMatch(/feuille « Diplômés » \(en-têtes ligne 3\)/);
    expect(text).toMatch(/E « Date de naissance » → Date de naissance \(8\.6 à 8\.8\)/);
    expect(text).toMatch(/O « Remarque » → non reprise/);
    expect(text).toMatch(
      /ERREUR Diplômés, colonne O : la colonne « Remarque ».*1 valeur\(s\) n'ont pas été copiées/,
    );
    expect(code).toBe(4);

    const data = await readTemplateWorkbook(output, DICTIONARY);
    expect(data.passages.rows).toHaveLength(3);
    const [first, second, third] = data.passages.rows.map((r) => r.cells);
    expect(first).toMatchObject({
      '5.1': 'C-001',
      '8.1': 'Moreau',
      '8.9': 'F',
      '8.6': 1994,
      '8.7': 3,
      '8.8': 21,
      '8.10': '01004',
      '5.16': 'Bien',
    });
    expect(first['5.10']).toEqual(day('2026-10-02'));
    expect(second).toMatchObject({
      '8.9': 'M',
      '8.6': 1996,
      '8.7': 11,
      '8.8': 5,
      '5.4': 'Par admission',
      '5.5': 'Oui',
      '5.16': 'Très bien',
    });
    expect(third).toMatchObject({ '5.16': 'Sans mention', '8.10': 1004 });
    // The code typed as a number is not guessed: the check says its leading zero was lost.
    const check = checkWorkbook(data, { dictionary: DICTIONARY });
    const onRows = check.issues.filter((i) => i.severity === 'error' && i.sheet === 'Passages');
    expect(onRows.map((i) => [i.row, i.field, i.code])).toEqual([[4, '8.10', 'leadingZerosLost']]);
    // The register has no BCR nor contract: the parameters sheet asks for them.
    expect(check.issues.filter((i) => i.sheet === 'Paramètres').map((i) => i.field)).toEqual([
      '2.1',
      '3.1',
      '3.2',
    ]);
    expect(sha256(source)).toBe(before);
  });

  it('saves the mapping, and reuses it on a sheet whose columns moved, leaving the source byte for byte unchanged', async () => {
    const source = await sourceWorkbook({ Diplômés: REGISTER });
    const mapping = path.join(tempDir(), 'correspondance.json');
    await mapCommand(captureIO(), source, { output: path.join(tempDir(), 'a.xlsx'), enregistrer: mapping });
    const saved = JSON.parse(readFileSync(mapping, 'utf8'));
    expect(saved.columns).toContainEqual({
      header: 'Nom de famille',
      field: '8.1',
      label: 'Nom de naissance',
    });
    expect(saved.columns).toContainEqual({ header: 'Remarque', field: null });

    // Next session: the same export, columns in another order, on a sheet named otherwise among other sheets.
    const order = [4, 2, 1, 0, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13];
    const moved = REGISTER.slice(2).map((row) => order.map((i) => row[i]));
    const next = await sourceWorkbook({
      Notes: [
        ['x', 'y'],
        [1, 2],
      ],
      'Session 2': moved,
    });
    const before = sha256(next);
    const output = path.join(tempDir(), 'b.xlsx');
    const io = captureIO();
    expect(await mapCommand(io, next, { output, feuille: 'Session 2', correspondance: mapping })).toBe(4);
    expect(io.stdout.join('\n')).toMatch(
      /correspondance prévoit une colonne « Remarque »|Correspondance utilisée/,
    );
    const rows = (await readTemplateWorkbook(output, DICTIONARY)).passages.rows.map((r) => r.cells);
    expect(rows[1]).toMatchObject({
      '5.1': 'C-002',
      '8.1': 'Lefèvre',
      '8.3': 'Hugo',
      '8.6': 1996,
      '8.9': 'M',
    });
    expect(sha256(next)).toBe(before);
  });

  it('lands a CPF export in the dossier columns, with a per-file value going to the parameters', async () => {
    const source = await sourceWorkbook({
      Export: [
        [
          'N° de dossier CPF',
          'Nom titulaire CPF',
          'Prénom titulaire CPF',
          'BCR certificateur',
          'Date de délivrance',
          'Code RS',
        ],
        ['0123456789012', 'MARTIN', 'LÉA', 'E564ACB0', '2026-09-30', 'RS5487'],
      ],
    });
    const output = path.join(tempDir(), 'cpf.xlsx');
    await mapCommand(captureIO(), source, { output });
    const data = await readTemplateWorkbook(output, DICTIONARY);
    expect(data.parameters.cells['3.1'].value).toBe('E564ACB0');
    expect(data.passages.rows[0].cells).toMatchObject({
      '9.1': '0123456789012',
      '9.2': 'MARTIN',
      '9.3': 'LÉA',
      '4.2': 'RS5487',
    });
    expect(data.passages.rows[0].cells['5.10']).toEqual(day('2026-09-30'));
  });

  it('refuses to write over the source or an existing file, and explains an unusable mapping', async () => {
    const source = await sourceWorkbook({ Diplômés: REGISTER });
    const before = sha256(source);
    const io = captureIO();
    expect(await mapCommand(io, source, { output: source })).toBe(2);
    expect(io.stderr.join()).toMatch(/désigne un fichier que la commande lit/);
    const bad = path.join(tempDir(), 'mauvais.json');
    writeFileSync(bad, '{"format":"autre"}');
    const out = path.join(tempDir(), 'c.xlsx');
    const again = captureIO();
    expect(await mapCommand(again, source, { output: out, correspondance: bad })).toBe(2);
    expect(again.stderr.join()).toMatch(/n'est pas une correspondance enregistrée/);
    expect(existsSync(out)).toBe(false);
    const missing = captureIO();
    expect(await mapCommand(missing, source, { output: out, feuille: 'Inconnue' })).toBe(2);
    expect(missing.stderr.join()).toMatch(/pas de feuille « Inconnue ».*« Diplômés »/);
    expect(sha256(source)).toBe(before);
  });
});
