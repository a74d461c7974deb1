import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { checkCommand, validateCommand } from '../../src/cli/commands';
import { importCommand } from '../../src/cli/commands-import';
import { receiptCommand } from '../../src/cli/receipt-command';
import { MAX_MESSAGE_CHARS } from '../../src/core/check/bounded-issues';
import { importMessage } from '../../src/i18n/import-messages';
import { captureIO, OFFICIAL_EXAMPLE, tempDir } from '../support/cli';
import { cellOf, passage, runCorpusFile, writeCorpusFile, xmlValue } from '../support/corpus';
import { BILLION_LAUGHS } from '../support/hostile-files';
import { readFileSync } from 'node:fs';

/**
 * No silent choice: what the tool cannot decide for the user is said, never decided quietly. Duplicated
 * columns, links whose text is not their address, DTDs in any XML file, and a check whose output would grow
 * with the square of the rows.
 */

const passagesOf = (workbook: ExcelJS.Workbook) => workbook.getWorksheet('Passages') as ExcelJS.Worksheet;
const column = (id: string) => cellOf(id, 1).replace(/\d+$/, '');

describe('two columns for the same field', () => {
  it('is an error naming both columns, and blocks the export', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      const sheet = passagesOf(workbook);
      sheet.getCell('CA1').value = 'Nom (8.1)';
      sheet.getCell('CA2').value = 'Autre';
    });
    const run = await runCorpusFile(file);
    const errors = run.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.field, i.code])).toEqual([['8.1', 'duplicateColumn']]);
    expect(errors[0].message).toBe(
      `Passages « Nom de naissance » (8.1) : plusieurs colonnes portent cette donnée dans leur en-tête (colonnes ${column('8.1')}, CA) : ` +
        `seule la première (${column('8.1')}) serait lue et les autres ignorées. Gardez une seule colonne « (8.1) » : ` +
        'supprimez les autres ou retirez « (8.1) » de leur en-tête.',
    );
    expect(run.exportExit).toBe(1);
    expect(run.xml).toBeUndefined();
  });
});

describe('a link in the proof URL (5.2)', () => {
  const url = 'https://preuves.example.fr/badge/ex-0001';

  it('a cell hyperlink gives its address; the shown text is reported when it differs', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getCell(cellOf('5.2', 2)).value = { text: 'Voir la preuve', hyperlink: url };
    });
    const run = await runCorpusFile(file);
    expect(xmlValue(run.xml, 'urlPreuve')).toBe(url);
    expect(run.issues.map((i) => [i.cell, i.severity, i.code])).toEqual([
      [cellOf('5.2', 2), 'warning', 'hyperlinkText'],
    ]);
    expect(run.issues[0].message).toMatch(
      /la cellule affiche « Voir la preuve » mais c'est l'adresse de son lien qui est envoyée : https:\/\/preuves\.example\.fr\/badge\/ex-0001\./,
    );
    expect(run.exportExit).toBe(0);
  });

  it('a HYPERLINK formula gives its address too', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getCell(cellOf('5.2', 2)).value = {
        formula: `HYPERLINK("${url}","Voir la preuve")`,
        result: 'Voir la preuve',
      };
    });
    const run = await runCorpusFile(file);
    expect(xmlValue(run.xml, 'urlPreuve')).toBe(url);
    expect(run.issues.map((i) => i.code)).toEqual(['hyperlinkText']);
  });

  it('a link whose text is its address: no warning', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getCell(cellOf('5.2', 2)).value = { text: url, hyperlink: url };
    });
    const run = await runCorpusFile(file);
    expect(xmlValue(run.xml, 'urlPreuve')).toBe(url);
    expect(run.issues).toEqual([]);
  });
});

describe('XML with a DOCTYPE: validate refuses it exactly like import and receipt', () => {
  const doctypeMessage = importMessage('doctypeForbidden', undefined, {});
  const files = {
    'billion laughs': BILLION_LAUGHS,
    'an external entity': `<?xml version="1.0"?><!DOCTYPE flux [<!ENTITY x SYSTEM "file:///etc/passwd">]><cpf:flux xmlns:cpf="urn:cdc:cpf:pc5:schema:1.0.0">&x;</cpf:flux>`,
    'a DOCTYPE after a long comment': `<?xml version="1.0"?><!--${'x'.repeat(200_000)}--><!DOCTYPE flux SYSTEM "flux.dtd">${readFileSync(OFFICIAL_EXAMPLE, 'utf8').replace(/^<\?xml[^>]*>/, '')}`,
  };

  it.each(Object.entries(files))('%s', async (_name, text) => {
    const dir = tempDir();
    const file = path.join(dir, 'flux.xml');
    writeFileSync(file, text);
    const validate = captureIO();
    expect(await validateCommand(validate, file, {})).toBe(2);
    expect(validate.stderr.join()).toBe(`Fichier refusé (${file}) : ${doctypeMessage}`);
    expect(validate.stdout.join()).not.toMatch(/valide/);
    const json = captureIO();
    expect(await validateCommand(json, file, { json: true })).toBe(2);
    const imported = captureIO();
    expect(await importCommand(imported, file, { output: path.join(dir, 'a.xlsx') })).toBe(2);
    expect(imported.stderr.join('\n')).toContain(doctypeMessage.replace(/^le fichier/, ''));
    const receipt = captureIO();
    const book = await writeCorpusFile([passage()]);
    expect(await receiptCommand(receipt, file, book, {})).toBe(2);
    expect(receipt.stderr.join()).toMatch(/DOCTYPE/);
  });
});

describe('the output of check stays bounded', () => {
  const letter = (n: number) => String.fromCharCode(97 + (n % 26));
  const name = (i: number) => `Nom${letter(i)}${letter(i / 26)}${letter(i / 676)}`;

  it('2 000 rows sharing one idTechnique: one line for the group, every row in --json, no long message', async () => {
    const rows = Array.from({ length: 2000 }, (_v, i) => passage({ '8.1': name(i) }));
    const file = await writeCorpusFile(rows);
    const text = captureIO();
    expect(await checkCommand(text, file, {})).toBe(1);
    const lines = text.stdout;
    expect(lines.filter((l) => l.startsWith('ERREUR'))).toEqual([
      expect.stringMatching(
        /^ERREUR Passages, ligne 2, .*« EX-0001 » est aussi utilisé aux lignes 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 et 1\u202f989 autres\./,
      ),
    ]);
    expect(lines.join('\n')).not.toMatch(/non affichés/);
    expect(lines.join('\n')).toMatch(/^2\u202f000 erreurs/m);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
    expect(lines.join('\n').length).toBeLessThan(5_000);
    const json = captureIO();
    await checkCommand(json, file, { json: true });
    const issues = JSON.parse(json.stdout.join('\n')) as { message: string; group?: string }[];
    expect(issues).toHaveLength(2000);
    expect(issues.every((i) => i.group === issues[0].group && i.group !== undefined)).toBe(true);
    expect(Math.max(...issues.map((i) => i.message.length))).toBeLessThan(400);
    expect(issues.some((i) => /message abrégé/.test(i.message))).toBe(false);
  }, 120_000);

  it('2 000 rows with an error each: the first 1 000 listed, then a count', async () => {
    const rows = Array.from({ length: 2000 }, (_v, i) =>
      passage({ '5.1': `EX-${i}`, '8.1': name(i), '8.9': 'X' }),
    );
    const file = await writeCorpusFile(rows);
    const text = captureIO();
    expect(await checkCommand(text, file, {})).toBe(1);
    const lines = text.stdout;
    expect(lines.filter((l) => l.startsWith('ERREUR'))).toHaveLength(1000);
    expect(lines.join('\n').replace(/\u202f/g, ' ')).toContain(
      '… et 1 000 autres problèmes (1 000 erreurs) non affichés ici : corrigez d’abord ceux-ci, ou obtenez la liste complète avec --json.',
    );
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(MAX_MESSAGE_CHARS + 200);
  }, 120_000);
});
