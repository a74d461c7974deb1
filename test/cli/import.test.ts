import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { importCommand } from '../../src/cli/commands-import';
import { exportCommand } from '../../src/cli/commands';
import { readFluxFromXml } from '../support/xml';
import { readTemplateWorkbook } from '../../src/xlsx/xlsx-reader';
import { createTemplateWorkbook } from '../../src/xlsx/xlsx-template';
import { captureIO, OFFICIAL_EXAMPLE, OFFICIAL_XSD, tempDir } from '../support/cli';
import { validateWithNativeXmllint } from '../support/xmllint-native';
import { DICTIONARY } from '../support/dictionary';

const dictionary = DICTIONARY;
const example = readFileSync(OFFICIAL_EXAMPLE, 'utf8');
const now = new Date('2026-11-23T10:15:00Z');

function writeXml(xml: string, name = 'flux.xml'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, xml);
  return file;
}

/** Sheet names and header rows of a workbook file. */
async function sheetsAndHeaders(file: string): Promise<[string, unknown[]][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((ws) => [ws.name, (ws.getRow(1).values as unknown[]).slice(1)]);
}

describe('accrochage import', () => {
  it('turns the official example into a template that exports the same passages, valid for the official XSD', async () => {
    const xlsx = path.join(tempDir(), 'importe.xlsx');
    const io = captureIO();
    const code = await importCommand(io, writeXml(example), { output: xlsx });
    expect(io.stdout.join('\n')).toMatch(
      /Modèle écrit : .*importe\.xlsx — 3 passages, 6 résultats DIGCOMP\. Identifiant du flux d'origine : 6e3c7378/,
    );
    // The example itself has warnings (dates before July 2021, VAE route without VAE) but nothing blocking.
    expect(code).toBe(0);

    const out = path.join(tempDir(), 'reexport.xml');
    expect(await exportCommand(captureIO(), xlsx, { output: out, now })).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(validateWithNativeXmllint(xml, OFFICIAL_XSD).valid).toBe(true);
    const before = readFluxFromXml(example, dictionary);
    const after = readFluxFromXml(xml, dictionary);
    const strip = (f: typeof before) =>
      f.certifications.map((c) => ({
        ...c,
        passages: c.passages.map((p) => ({ ...p, row: 0, digcomp: p.digcomp.map((d) => d.values) })),
      }));
    expect(strip(after)).toEqual(strip(before));
    expect(after.header).toEqual(before.header);
    expect(after.idFlux).not.toBe(before.idFlux);
    expect(after.horodatage).not.toBe(before.horodatage);
  });

  it('opens a rejected file with its mistakes listed at their cells, and once corrected it exports a valid file', async () => {
    const rejected = example
      .replace('<cpf:sexe>M</cpf:sexe>', '<cpf:sexe>H</cpf:sexe>')
      .replace(
        '<cpf:dateDebutValidite>2020-12-12</cpf:dateDebutValidite>',
        '<cpf:dateDebutValidite>12/12/2020</cpf:dateDebutValidite>',
      )
      .replace(
        '<cpf:idContrat>2560080000127J</cpf:idContrat>',
        '<cpf:idContrat>2560080000127J</cpf:idContrat><cpf:commentaire>à revoir</cpf:commentaire>',
      );
    const xlsx = path.join(tempDir(), 'rejete.xlsx');
    const io = captureIO();
    // Written, with mistakes left to correct: exit 4 (1 would mean nothing was written).
    expect(await importCommand(io, writeXml(rejected), { output: xlsx })).toBe(4);
    const text = io.stdout.join('\n');
    expect(text).toMatch(
      /ERREUR XML, ligne 10 : l'élément « …\/certificateurs\/certificateur\/commentaire » .* « à revoir »/,
    );
    expect(text).toMatch(
      /ERREUR Passages, ligne 2, colonne AH « Sexe » \(8\.9\) : « H » ne fait pas partie de la liste/,
    );
    expect(text).toMatch(/1 erreur, /);

    // The user fixes the cell the check points at; the text date is read by the template as typed.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Passages');
    if (!sheet) throw new Error('no Passages sheet');
    sheet.getCell('AH2').value = 'M';
    await workbook.xlsx.writeFile(xlsx);
    const out = path.join(tempDir(), 'corrige.xml');
    expect(await exportCommand(captureIO(), xlsx, { output: out, now })).toBe(0);
    expect(validateWithNativeXmllint(readFileSync(out), OFFICIAL_XSD).valid).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('<cpf:dateDebutValidite>2020-12-12</cpf:dateDebutValidite>');
  });

  it('writes the same sheets and headers as the template, in memory or streamed, read alike by the reader', async () => {
    const template = path.join(tempDir(), 'modele.xlsx');
    await createTemplateWorkbook(DICTIONARY).xlsx.writeFile(template);
    const xml = writeXml(example);
    const small = path.join(tempDir(), 'petit.xlsx');
    const streamed = path.join(tempDir(), 'flux.xlsx');
    expect(await importCommand(captureIO(), xml, { output: small })).toBe(0);
    const io = captureIO();
    expect(await importCommand(io, xml, { output: streamed, inMemoryRows: 1 })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/accrochage check/);

    const expected = await sheetsAndHeaders(template);
    expect(await sheetsAndHeaders(small)).toEqual(expected);
    expect(await sheetsAndHeaders(streamed)).toEqual(expected);
    const a = await readTemplateWorkbook(small, DICTIONARY);
    const b = await readTemplateWorkbook(streamed, DICTIONARY);
    expect(b.passages.rows).toEqual(a.passages.rows);
    expect(b.digcomp.rows).toEqual(a.digcomp.rows);
    expect(b.parameters.cells).toEqual(a.parameters.cells);
    // Dates are real Excel dates, codes stay text.
    expect(b.passages.rows[0].cells['5.10']).toEqual(new Date(Date.UTC(2020, 11, 12)));
    expect(b.passages.rows[0].cells['5.9']).toBe('75009');
  });

  it('writes nothing for a hostile or foreign file, and never overwrites a file', async () => {
    const dir = tempDir();
    const doctype = writeXml(
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><flux>&x;</flux>',
    );
    const io = captureIO();
    expect(await importCommand(io, doctype, { output: path.join(dir, 'a.xlsx') })).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/DOCTYPE.*Import refusé : aucun fichier n’a été écrit/s);
    expect(readdirSync(dir)).toEqual([]);

    const existing = path.join(dir, 'deja.xlsx');
    writeFileSync(existing, 'contenu');
    const again = captureIO();
    expect(await importCommand(again, writeXml(example), { output: existing })).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('contenu');
    expect(await importCommand(captureIO(), path.join(dir, 'absent.xml'), {})).toBe(2);
    expect(
      await importCommand(captureIO(), writeXml(example), {
        output: path.join(dir, 'b.xlsx'),
        certificateur: 'deux',
      }),
    ).toBe(2);
  });

  it('imports what precedes a malformed end, says so, and exits 4 (written, with problems)', async () => {
    const cut = example.lastIndexOf('<cpf:passageCertification>');
    const xlsx = path.join(tempDir(), 'tronque.xlsx');
    const io = captureIO();
    expect(await importCommand(io, writeXml(example.slice(0, cut)), { output: xlsx })).toBe(4);
    expect(io.stdout.join('\n')).toMatch(/mal formé.*2 passage\(s\) lu\(s\) avant ont été importés/);
    expect(existsSync(xlsx)).toBe(true);
    expect((await readTemplateWorkbook(xlsx, DICTIONARY)).passages.rows).toHaveLength(2);
  });
});
