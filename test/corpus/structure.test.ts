import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildTemplateLayout } from '../../src/core/template/layout';
import { SHARED_CDC, tempDir } from '../support/cli';
import { cellOf, passage, PARAMETERS, runCorpusFile, writeCorpusFile, xmlValue } from '../support/corpus';
import { DICTIONARY } from '../support/dictionary';

/**
 * What users do to the shape of the workbook: merge, hide, filter, move, rename, delete, add, leave gaps,
 * change the date system, or bring an older or foreign template. Each case states what the CLI does and
 * what it says, and that the input file is left untouched.
 */

const layout = buildTemplateLayout(DICTIONARY);
const passagesOf = (workbook: ExcelJS.Workbook) => workbook.getWorksheet('Passages') as ExcelJS.Worksheet;
const headerCell = (id: string) => `${cellOf(id, 1).replace(/\d+$/, '')}1`;
const two = [passage(), passage({ '5.1': 'EX-0002', '8.1': 'Lefèvre' })];

describe('merged, hidden and filtered rows', () => {
  it('merged cells: only the first row of the merge holds the value, the others are reported empty', async () => {
    const file = await writeCorpusFile([passage(), passage({ '5.1': 'EX-0002', '4.1': null })], (workbook) =>
      passagesOf(workbook).mergeCells(`${cellOf('4.1', 2)}:${cellOf('4.1', 3)}`),
    );
    const run = await runCorpusFile(file);
    const errors = run.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.cell, i.code])).toEqual([[cellOf('4.1', 3), 'required']]);
    expect(errors[0].message).toMatch(
      /^Passages, ligne 3, colonne \w+ « Type de certification » \(4\.1\) : la cellule est vide alors que ce champ est obligatoire/,
    );
    expect(run.exportExit).toBe(1);
  });

  it('hidden rows are exported: hiding is a display choice and the CDC needs every holder', async () => {
    const file = await writeCorpusFile(two, (workbook) => {
      passagesOf(workbook).getRow(3).hidden = true;
    });
    const run = await runCorpusFile(file);
    expect(run.exportExit).toBe(0);
    expect(run.output).toMatch(/Fichier écrit : .* — 2 passages/);
    expect(run.xml).toContain('<cpf:nomNaissance>Lefèvre</cpf:nomNaissance>');
  });

  it('rows hidden by a filter are exported too', async () => {
    const file = await writeCorpusFile(two, (workbook) => {
      const sheet = passagesOf(workbook);
      sheet.autoFilter = `A1:${cellOf('8.15', 3)}`;
      sheet.getRow(2).hidden = true;
    });
    const run = await runCorpusFile(file);
    expect(run.output).toMatch(/2 passages/);
    expect(run.xml).toContain('<cpf:nomNaissance>Moreau</cpf:nomNaissance>');
  });

  it('hidden columns are read like visible ones', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getColumn(cellOf('8.1', 1).replace(/\d+$/, '')).hidden = true;
    });
    expect(xmlValue((await runCorpusFile(file)).xml, 'nomNaissance')).toBe('Moreau');
  });
});

describe('moved, renamed, deleted and extra columns', () => {
  it('moved columns are found by the id in their header', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      const sheet = passagesOf(workbook);
      for (const row of [1, 2]) {
        const a = sheet.getCell(cellOf('8.1', row));
        const b = sheet.getCell(cellOf('8.3', row));
        [a.value, b.value] = [b.value, a.value];
      }
    });
    const run = await runCorpusFile(file);
    expect(xmlValue(run.xml, 'nomNaissance')).toBe('Moreau');
    expect(xmlValue(run.xml, 'prenom1')).toBe('Camille');
  });

  it('a renamed header that keeps its id still works', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getCell(headerCell('8.1')).value = 'NOM (8.1)';
    });
    expect((await runCorpusFile(file)).exportExit).toBe(0);
  });

  it('a renamed header that lost its id: the column is reported missing', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getCell(headerCell('8.1')).value = 'Nom';
    });
    const run = await runCorpusFile(file);
    const missing = run.issues.filter((i) => i.code === 'missingColumn' && i.severity === 'error');
    expect(missing.map((i) => i.message)).toEqual([
      "Passages « Nom de naissance » (8.1) : La colonne « Nom de naissance » (8.1) est introuvable dans l'en-tête. Rétablissez cet en-tête (il doit contenir « (8.1) »).",
    ]);
    expect(run.exportExit).toBe(1);
  });

  it('a deleted mandatory column blocks the export', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).spliceColumns(
        Number(passagesOf(workbook).getColumn(cellOf('8.3', 1).replace(/\d+$/, '')).number),
        1,
      );
    });
    const run = await runCorpusFile(file);
    expect(run.issues).toContainEqual(
      expect.objectContaining({ code: 'missingColumn', field: '8.3', severity: 'error' }),
    );
    expect(run.exportExit).toBe(1);
  });

  it('a deleted optional column is a warning and the export goes on', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      passagesOf(workbook).getCell(headerCell('5.2')).value = 'Preuve';
    });
    const run = await runCorpusFile(file);
    expect(run.issues).toEqual([
      expect.objectContaining({ code: 'missingColumn', field: '5.2', severity: 'warning' }),
    ]);
    expect(run.output).toMatch(
      /ATTENTION Passages « .* » \(5\.2\) : La colonne « .* » \(5\.2\) est introuvable/,
    );
    expect(run.exportExit).toBe(0);
  });

  it("the user's own extra columns (notes, phone numbers) are never exported", async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      const sheet = passagesOf(workbook);
      sheet.getCell('BZ1').value = 'Téléphone';
      sheet.getCell('BZ2').value = '06 12 34 56 78';
      sheet.getCell('CA1').value = 'Remarque (99.9)';
      sheet.getCell('CA2').value = 'appeler lundi';
    });
    const run = await runCorpusFile(file);
    expect(run.exportExit).toBe(0);
    expect(run.xml).not.toMatch(/06 12 34|appeler/);
  });
});

describe('rows and sheets', () => {
  it('blank rows in the middle are skipped and messages keep the real row numbers', async () => {
    const file = await writeCorpusFile([
      passage(),
      {},
      { '5.1': '   ' },
      passage({ '5.1': 'EX-0002', '8.9': 'H' }),
    ]);
    const run = await runCorpusFile(file);
    expect(run.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.code])).toEqual([
      [5, 'notInList'],
    ]);
    expect(run.output).toMatch(/Passages, ligne 5, colonne/);
  });

  it('a renamed passages sheet is found by its headers, and messages use its new name', async () => {
    const file = await writeCorpusFile([passage({ '8.9': 'H' })], (workbook) => {
      passagesOf(workbook).name = 'Feuil1';
    });
    const run = await runCorpusFile(file);
    expect(run.issues[0].message).toMatch(/^Feuil1, ligne 2, colonne/);
  });

  it('a renamed parameters sheet is found by the ids in column A', async () => {
    const file = await writeCorpusFile([passage()], (workbook) => {
      (workbook.getWorksheet('Paramètres') as ExcelJS.Worksheet).name = 'Parametres';
    });
    const run = await runCorpusFile(file);
    expect(run.exportExit).toBe(0);
    expect(run.xml).toContain('<cpf:idClient>03ZDN217</cpf:idClient>');
  });

  it('a table converted to a plain range, with title rows above the header, reads the same', async () => {
    const workbook = new ExcelJS.Workbook();
    const parameters = workbook.addWorksheet('Paramètres');
    for (const p of layout.parameters.cells) {
      parameters.getCell(p.labelCell).value = p.label;
      parameters.getCell(p.cell).value = PARAMETERS[p.field as keyof typeof PARAMETERS];
    }
    const sheet = workbook.addWorksheet('Passages');
    sheet.getCell('A1').value = 'Passages 2026 — promotion de septembre';
    layout.passages.columns.forEach((c, i) => {
      sheet.getCell(3, i + 1).value = c.header;
      sheet.getCell(4, i + 1).value = passage()[c.field] ?? null;
    });
    const file = path.join(tempDir('corpus-'), 'plage.xlsx');
    await workbook.xlsx.writeFile(file);
    const run = await runCorpusFile(file);
    expect(run.exportExit).toBe(0);
    expect(xmlValue(run.xml, 'nomNaissance')).toBe('Moreau');
  });

  it('an empty passages table: nothing to export', async () => {
    const run = await runCorpusFile(await writeCorpusFile([]));
    expect(run.issues.map((i) => i.message)).toEqual([
      "Passages : aucun passage n'est renseigné dans la feuille Passages : saisissez ou collez une ligne par personne certifiée.",
    ]);
    expect(run.exportExit).toBe(1);
  });

  it('a workbook in the 1904 date system (old Mac files) gives the dates Excel shows', async () => {
    const file = await writeCorpusFile([passage({ '5.6': new Date(Date.UTC(2026, 8, 14)) })], (workbook) => {
      workbook.properties.date1904 = true;
      // A date typed in a General cell stays a serial number, counted from 1904-01-01.
      const cell = passagesOf(workbook).getCell(cellOf('5.10', 2));
      cell.numFmt = 'General';
      cell.value = Date.UTC(2026, 9, 2) / 86_400_000 - Date.UTC(1904, 0, 1) / 86_400_000;
    });
    const run = await runCorpusFile(file);
    expect(xmlValue(run.xml, 'dateDebutExamen')).toBe('2026-09-14');
    expect(xmlValue(run.xml, 'dateDebutValidite')).toBe('2026-10-02');
  });
});

describe('older, foreign and broken files', () => {
  it('an older template whose headers carry no ids: exit 2 with what to do', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Passages');
    sheet.addRow(layout.passages.columns.map((c) => c.header.replace(/ \(\d+\.\d+\)$/, '')));
    sheet.addRow(layout.passages.columns.map((c) => passage()[c.field] ?? null));
    const file = path.join(tempDir('corpus-'), 'ancien.xlsx');
    await workbook.xlsx.writeFile(file);
    const run = await runCorpusFile(file);
    expect([run.checkExit, run.exportExit]).toEqual([2, 2]);
    expect(run.output).toContain(
      `ne contient pas de feuille « Passages » avec les en-têtes du modèle. Créez le modèle avec « accrochage template » et copiez-y vos données.`,
    );
  });

  it('a third-party template (Rich ID V1.4, read in place) is not taken for ours', async () => {
    const run = await runCorpusFile(
      path.join(SHARED_CDC, 'third-party', 'modele-excel-accrochage-certificateurs-1.4.xlsx'),
    );
    expect([run.checkExit, run.exportExit]).toEqual([2, 2]);
    expect(run.output).toMatch(/ne contient pas de feuille « Passages »/);
  });

  it('a CSV renamed .xlsx: exit 2, not a crash', async () => {
    const file = path.join(tempDir('corpus-'), 'export.xlsx');
    writeFileSync(file, 'nom;prenom\nMoreau;Camille\n');
    const run = await runCorpusFile(file);
    expect([run.checkExit, run.exportExit]).toEqual([2, 2]);
    expect(run.output).toMatch(/n'est pas un classeur Excel \(\.xlsx\) lisible/);
  });
});
